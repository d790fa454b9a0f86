# METADATA
# title: HPA targets an existing workload
# description: >-
#   Every HorizontalPodAutoscaler's scaleTargetRef names a workload rendered in the same namespace of the
#   same cluster folder. Cross-document: runs over the combined set.
# scope: package
# custom:
#   id: GC-K8S-009
#   severity: high
#   remediation: Point spec.scaleTargetRef at the Deployment or StatefulSet, or delete the HPA.
package combined.autoscaling_targets

import data.lib.combined
import data.lib.exceptions
import data.lib.kubernetes

workloads := {[entry.scope, kubernetes.namespace(entry.object), entry.object.kind, kubernetes.name(entry.object)] |
	some entry in combined.objects
	kubernetes.is_workload(entry.object)
}

# A set lookup (`workloads[key]`), not `key in workloads`: compiled to WASM, `in` scans the whole set, which
# made this rule quadratic in the number of objects.
deny_missing_target contains {"msg": msg, "path": entry.path} if {
	some entry in combined.of_kind("HorizontalPodAutoscaler")
	target := entry.object.spec.scaleTargetRef
	not workloads[[entry.scope, kubernetes.namespace(entry.object), target.kind, target.name]]
	not exceptions.waived("combined.autoscaling_targets", "missing_target", entry.object)
	msg := sprintf("%s: scaleTargetRef %s %s does not exist in %s; fix: %s", [
		kubernetes.identity(entry.object), target.kind, target.name, entry.scope,
		"point it at a rendered workload or delete the HPA",
	])
}
