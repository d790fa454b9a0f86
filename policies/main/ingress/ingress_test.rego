package main.ingress_test

import data.main.ingress

ingress_doc(spec) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "api", "namespace": "go-coffee"}, "spec": spec}

test_ingress_with_tls_for_every_host_passes if {
	count(ingress.deny_tls) == 0 with input as ingress_doc({"rules": [{"host": "api.go-coffee.com"}], "tls": [{"hosts": ["api.go-coffee.com"], "secretName": "api-tls"}]})
}

test_ingress_without_tls_is_denied if {
	ingress.deny_tls == {"networking.k8s.io/v1 Ingress go-coffee/api: Ingress has no TLS; fix: add spec.tls with its hosts and a certificate secret"} with input as ingress_doc({"rules": [{"host": "api.go-coffee.com"}]})
}

test_host_outside_tls_is_denied if {
	spec := {"rules": [{"host": "api.go-coffee.com"}, {"host": "ws.go-coffee.com"}], "tls": [{"hosts": ["api.go-coffee.com"]}]}
	ingress.deny_tls == {"networking.k8s.io/v1 Ingress go-coffee/api: host ws.go-coffee.com is not covered by spec.tls; fix: add it to spec.tls[].hosts"} with input as ingress_doc(spec)
}
