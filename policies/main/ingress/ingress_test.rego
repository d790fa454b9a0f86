package main.ingress_test

import data.main.ingress

ingress_doc(spec) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": spec,
}

api_rule := {"host": "api.go-coffee.com"}

no_tls := concat("", [
	"networking.k8s.io/v1 Ingress go-coffee/api: Ingress has no TLS; ",
	"fix: add spec.tls with its hosts and a certificate secret",
])

test_ingress_with_tls_for_every_host_passes if {
	spec := {"rules": [api_rule], "tls": [{"hosts": ["api.go-coffee.com"], "secretName": "api-tls"}]}
	count(ingress.deny_tls | ingress.deny_host_less_rule) == 0 with input as ingress_doc(spec)
}

test_ingress_without_tls_is_denied if {
	ingress.deny_tls == {no_tls} with input as ingress_doc({"rules": [api_rule]})
}

test_null_or_empty_tls_is_denied if {
	ingress.deny_tls == {no_tls} with input as ingress_doc({"rules": [api_rule], "tls": null})
	ingress.deny_tls == {no_tls} with input as ingress_doc({"rules": [api_rule], "tls": []})
	ingress.deny_tls == {no_tls} with input as ingress_doc({"rules": [api_rule], "tls": [null]})
}

test_ingress_without_spec_is_denied if {
	ingress.deny_tls == {no_tls} with input as object.remove(ingress_doc({}), ["spec"])
}

test_host_outside_tls_is_denied if {
	spec := {"rules": [api_rule, {"host": "ws.go-coffee.com"}], "tls": [{"hosts": ["api.go-coffee.com"]}]}
	ingress.deny_tls == {concat("", [
		"networking.k8s.io/v1 Ingress go-coffee/api: host ws.go-coffee.com is not covered by spec.tls; ",
		"fix: add it to spec.tls[].hosts",
	])} with input as ingress_doc(spec)
}

test_wildcard_tls_covers_one_label if {
	tls := [{"hosts": ["*.go-coffee.com"]}]
	count(ingress.deny_tls) == 0 with input as ingress_doc({"rules": [api_rule], "tls": tls})
	count(ingress.deny_tls) == 1 with input as ingress_doc({"rules": [{"host": "a.b.go-coffee.com"}], "tls": tls})
	count(ingress.deny_tls) == 1 with input as ingress_doc({"rules": [{"host": "go-coffee.com"}], "tls": tls})
}

test_host_less_rule_is_denied if {
	spec := {"rules": [api_rule, {"http": {"paths": []}}], "tls": [{"hosts": ["api.go-coffee.com"]}]}
	ingress.deny_host_less_rule == {concat("", [
		"networking.k8s.io/v1 Ingress go-coffee/api: rule 1 has no host, a catch-all no certificate covers; ",
		"fix: set spec.rules[1].host",
	])} with input as ingress_doc(spec)
	count(ingress.deny_tls) == 0 with input as ingress_doc(spec)
}

test_other_kinds_are_ignored if {
	service := {"kind": "Service", "spec": {"rules": [{}]}}
	count(ingress.deny_tls | ingress.deny_host_less_rule) == 0 with input as service
}
