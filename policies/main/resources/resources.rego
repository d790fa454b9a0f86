# METADATA
# title: Resource requests, limits and probes
# description: >-
#   Every container declares CPU and memory requests and limits so the scheduler and quotas work;
#   every container of a long-running workload has liveness and readiness probes.
# scope: package
# custom:
#   id: GC-K8S-002
#   severity: high
#   remediation: Set resources.requests/limits and livenessProbe/readinessProbe on the container.
package main.resources

import data.lib.exceptions
import data.lib.kubernetes

deny_requests contains msg if {
	some container in kubernetes.input_containers
	some resource in ["cpu", "memory"]
	not container.resources.requests[resource]
	msg := sprintf("%s: container %s has no %s request; fix: set resources.requests.%s", [kubernetes.identity(input), container.name, resource, resource])
}

deny_limits contains msg if {
	some container in kubernetes.input_containers
	some resource in ["cpu", "memory"]
	not container.resources.limits[resource]
	msg := sprintf("%s: container %s has no %s limit; fix: set resources.limits.%s", [kubernetes.identity(input), container.name, resource, resource])
}

# METADATA
# title: Probes on long-running workloads
# custom:
#   severity: medium
warn_probes contains msg if {
	input.kind in kubernetes.long_running_kinds
	some container in kubernetes.input_app_containers
	some probe in ["livenessProbe", "readinessProbe"]
	not container[probe]
	msg := sprintf("%s: container %s has no %s; fix: add spec.template.spec.containers[].%s", [kubernetes.identity(input), container.name, probe, probe])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.resources", input)
}
