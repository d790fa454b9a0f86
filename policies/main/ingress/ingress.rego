# METADATA
# title: Ingress terminates TLS
# description: Every Ingress has a TLS section that covers each host it routes.
# scope: package
# custom:
#   id: GC-K8S-006
#   severity: high
#   remediation: Add spec.tls with the host and a cert-manager issued secret.
package main.ingress

import data.lib.exceptions
import data.lib.kubernetes

tls_hosts := {host | some tls in object.get(input.spec, "tls", []); some host in object.get(tls, "hosts", [])}

deny_tls contains msg if {
	input.kind == "Ingress"
	count(object.get(input.spec, "tls", [])) == 0
	msg := sprintf("%s: Ingress has no TLS; fix: add spec.tls with its hosts and a certificate secret", [kubernetes.identity(input)])
}

deny_tls contains msg if {
	input.kind == "Ingress"
	count(object.get(input.spec, "tls", [])) > 0
	some rule in object.get(input.spec, "rules", [])
	not rule.host in tls_hosts
	msg := sprintf("%s: host %s is not covered by spec.tls; fix: add it to spec.tls[].hosts", [kubernetes.identity(input), object.get(rule, "host", "<none>")])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.ingress", input)
}
