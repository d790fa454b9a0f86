# METADATA
# title: LoadBalancer Services only where allowed
# description: >-
#   A Service of type LoadBalancer opens a cloud load balancer to the internet; only the ones listed in
#   data.platform.load_balancer_services (as <namespace>/<name>) may exist. Traffic enters via the Ingress.
# scope: package
# custom:
#   id: GC-K8S-007
#   severity: high
#   remediation: Use type ClusterIP behind the Ingress, or add the Service to the allow list with a reason.
package main.services

import data.lib.exceptions
import data.lib.kubernetes

deny_load_balancer contains msg if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	not kubernetes.qualified_name(input) in data.platform.load_balancer_services
	msg := sprintf(
		concat("", [
			"%s: Service of type LoadBalancer is not allowed; ",
			"fix: use ClusterIP behind the Ingress or add %s to platform.load_balancer_services",
		]),
		[kubernetes.identity(input), kubernetes.qualified_name(input)],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.services", input)
}
