# METADATA
# title: Ingress terminates TLS
# description: >-
#   Every Ingress has a non-empty TLS section (a missing, null or empty spec.tls is the same hole), every
#   rule names a host (a rule without one is a catch-all that no certificate covers), and each host is
#   covered by spec.tls[].hosts, exactly or by a `*.` wildcard one label deep.
# scope: package
# custom:
#   id: GC-K8S-006
#   severity: high
#   remediation: Add spec.tls with the host and a cert-manager issued secret; give every rule a host.
package main.ingress

import data.lib.exceptions
import data.lib.kubernetes

is_ingress if input.kind == "Ingress"

tls_entries := [entry | some entry in object.get(input, ["spec", "tls"], []); is_object(entry)]

tls_hosts := {host | some entry in tls_entries; some host in object.get(entry, "hosts", [])}

rules := [rule | some rule in object.get(input, ["spec", "rules"], []); is_object(rule)]

has_tls if count(tls_entries) > 0

deny_tls contains msg if {
	is_ingress
	not has_tls
	msg := sprintf("%s: Ingress has no TLS; fix: add spec.tls with its hosts and a certificate secret", [
		kubernetes.identity(input),
	])
}

deny_tls contains msg if {
	is_ingress
	has_tls
	some rule in rules
	host := object.get(rule, "host", "")
	host != ""
	not kubernetes.tls_covers(tls_hosts, host)
	msg := sprintf("%s: host %v is not covered by spec.tls; fix: add it to spec.tls[].hosts", [
		kubernetes.identity(input),
		host,
	])
}

deny_host_less_rule contains msg if {
	is_ingress
	some index, rule in rules
	object.get(rule, "host", "") in {"", null}
	msg := sprintf(
		"%s: rule %d has no host, a catch-all no certificate covers; fix: set spec.rules[%d].host",
		[kubernetes.identity(input), index, index],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.ingress", input)
}
