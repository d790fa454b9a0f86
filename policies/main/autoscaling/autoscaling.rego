# METADATA
# title: HorizontalPodAutoscaler bounds
# description: An HPA's minReplicas (default 1) is at least 1 and not above its maxReplicas.
# scope: package
# custom:
#   id: GC-K8S-008
#   severity: high
#   remediation: Set spec.minReplicas <= spec.maxReplicas.
package main.autoscaling

import data.lib.exceptions
import data.lib.kubernetes

min_replicas := object.get(input.spec, "minReplicas", 1)

deny_replica_bounds contains msg if {
	input.kind == "HorizontalPodAutoscaler"
	min_replicas > input.spec.maxReplicas
	msg := sprintf(
		"%s: minReplicas %d is above maxReplicas %d; fix: set spec.minReplicas <= spec.maxReplicas",
		[kubernetes.identity(input), min_replicas, input.spec.maxReplicas],
	)
}

deny_replica_bounds contains msg if {
	input.kind == "HorizontalPodAutoscaler"
	min_replicas < 1
	msg := sprintf(
		"%s: minReplicas %d is below 1; fix: scale to zero with KEDA instead of an HPA",
		[kubernetes.identity(input), min_replicas],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.autoscaling", input)
}
