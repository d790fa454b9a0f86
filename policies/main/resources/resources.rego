# METADATA
# title: Resource requests, limits and probes
# description: >-
#   Every container declares CPU and memory requests and limits so the scheduler and quotas work;
#   every regular container of a long-running pod (any pod-bearing kind but Job and CronJob, restart
#   policy Always) has liveness and readiness probes.
# scope: package
# custom:
#   id: GC-K8S-002
#   severity: high
#   remediation: Set resources.requests/limits and livenessProbe/readinessProbe on the container.
package main.resources

import data.lib.exceptions
import data.lib.kubernetes

deny_requests contains msg if {
	some entry in kubernetes.input_containers
	some resource in ["cpu", "memory"]
	not entry.container.resources.requests[resource]
	msg := sprintf("%s has no %s request; fix: set resources.requests.%s", [entry.subject, resource, resource])
}

deny_limits contains msg if {
	some entry in kubernetes.input_containers
	some resource in ["cpu", "memory"]
	not entry.container.resources.limits[resource]
	msg := sprintf("%s has no %s limit; fix: set resources.limits.%s", [entry.subject, resource, resource])
}

# METADATA
# title: Probes on long-running pods
# custom:
#   severity: medium
warn_probes contains msg if {
	some entry in kubernetes.input_app_containers
	kubernetes.long_running(entry.pod)
	some probe in ["livenessProbe", "readinessProbe"]
	not entry.container[probe]
	msg := sprintf("%s has no %s; fix: add %s.containers[].%s", [entry.subject, probe, entry.pod.path, probe])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.resources", input)
}
