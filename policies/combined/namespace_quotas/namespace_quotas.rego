# METADATA
# title: ResourceQuota leaves room for every autoscaler's maximum
# description: >-
#   A namespace's ResourceQuota admits every workload at its autoscaling maximum: for each hard limit
#   (requests.cpu, requests.memory, limits.cpu, limits.memory, pods) the quota is at least the sum over the
#   namespace's workloads of maxReplicas (HPA maxReplicas, KEDA maxReplicaCount, else spec.replicas) times
#   the pod's containers' values (LimitRange defaults where a container states none). Otherwise scale-out
#   stops at the quota exactly when load needs it. Cross-document: runs over the combined set, per cluster folder.
# scope: package
# custom:
#   id: GC-K8S-011
#   severity: high
#   remediation: Raise the namespace's ResourceQuota to the sum of maxReplicas x requests, or lower maxReplicas.
package combined.namespace_quotas

import data.lib.combined
import data.lib.kubernetes

# The package holds rules only, no functions: its documents are part of the combined WASM entrypoint.

# Kubernetes quantity suffixes (decimal SI and binary); milli divides, so 100m is exactly 0.1.
multipliers := {
	"k": 1000, "M": 1000000, "G": 1000000000, "T": 1000000000000,
	"Ki": 1024, "Mi": 1048576, "Gi": 1073741824, "Ti": 1099511627776,
}

number_pattern := `^[0-9]+(\.[0-9]+)?$`

# The fields a quota limits, where a container states each, and how messages show them.
fields := {
	"requests.cpu": {"path": ["requests", "cpu"], "multiply": 1000, "divide": 1, "unit": "m"},
	"requests.memory": {"path": ["requests", "memory"], "multiply": 1, "divide": 1048576, "unit": "Mi"},
	"limits.cpu": {"path": ["limits", "cpu"], "multiply": 1000, "divide": 1, "unit": "m"},
	"limits.memory": {"path": ["limits", "memory"], "multiply": 1, "divide": 1048576, "unit": "Mi"},
	"pods": {"multiply": 1, "divide": 1, "unit": ""},
}

scaled_kinds := {"Deployment", "StatefulSet"}

# Every quantity string the rule reads: containers' resources, LimitRange defaults, quota limits.
quantity_strings contains value if {
	some entry in combined.objects
	scaled_kinds[entry.object.kind]
	some container in kubernetes.app_containers(entry.object)
	some kind in ["requests", "limits"]
	some value in object.get(container, ["resources", kind], {})
	is_string(value)
}

quantity_strings contains value if {
	some entry in combined.of_kind("LimitRange")
	some limit in object.get(entry.object.spec, "limits", [])
	some kind in ["defaultRequest", "default"]
	some value in object.get(limit, kind, {})
	is_string(value)
}

quantity_strings contains value if {
	some entry in combined.of_kind("ResourceQuota")
	some value in object.get(entry.object.spec, "hard", {})
	is_string(value)
}

# Each quantity string as a number: CPU in cores, memory in bytes. Numbers stand for themselves.
quantities[value] := to_number(value) if {
	some value in quantity_strings
	regex.match(number_pattern, value)
}

quantities[value] := to_number(trim_suffix(value, "m")) / 1000 if {
	some value in quantity_strings
	endswith(value, "m")
	regex.match(number_pattern, trim_suffix(value, "m"))
}

quantities[value] := to_number(trim_suffix(value, suffix)) * factor if {
	some value in quantity_strings
	some suffix, factor in multipliers
	endswith(value, suffix)
	regex.match(number_pattern, trim_suffix(value, suffix))
}

# Per namespace: what the LimitRange fills in for a container that states nothing.
limit_defaults := {[entry.scope, kubernetes.namespace(entry.object)]: defaults |
	some entry in combined.of_kind("LimitRange")
	some limit in object.get(entry.object.spec, "limits", [])
	limit.type == "Container"
	defaults := {
		"requests": object.get(limit, "defaultRequest", {}),
		"limits": object.get(limit, "default", {}),
	}
}

# Autoscaling maximum per scale target: HPA maxReplicas; KEDA maxReplicaCount (KEDA's default is 100).
hpa_max := {[entry.scope, kubernetes.namespace(entry.object), target.kind, target.name]: entry.object.spec.maxReplicas |
	some entry in combined.of_kind("HorizontalPodAutoscaler")
	target := entry.object.spec.scaleTargetRef
}

keda_max := {[entry.scope, kubernetes.namespace(entry.object), kind, target.name]: maximum |
	some entry in combined.of_kind("ScaledObject")
	target := entry.object.spec.scaleTargetRef
	kind := object.get(target, "kind", "Deployment")
	maximum := object.get(entry.object.spec, "maxReplicaCount", 100)
}

# Per replicated workload and quota field: the amount at the autoscaling maximum (else spec.replicas).
workload_demands := [demand |
	some entry in combined.objects
	scaled_kinds[entry.object.kind]
	namespace := kubernetes.namespace(entry.object)
	scoped_namespace := [entry.scope, namespace]
	key := [entry.scope, namespace, entry.object.kind, kubernetes.name(entry.object)]
	replicas := object.get(hpa_max, [key], object.get(keda_max, [key], object.get(entry.object.spec, "replicas", 1)))
	some field, shape in fields
	shape.path
	per_pod := sum([amount |
		some container in kubernetes.app_containers(entry.object)
		defaulted := object.get(limit_defaults, array.concat([scoped_namespace], shape.path), 0)
		stated := object.get(container, array.concat(["resources"], shape.path), defaulted)
		amount := object.get(quantities, [stated], stated)
	])
	demand := {"scoped_namespace": scoped_namespace, "field": field, "amount": replicas * per_pod}
]

pod_demands := [demand |
	some entry in combined.objects
	scaled_kinds[entry.object.kind]
	namespace := kubernetes.namespace(entry.object)
	key := [entry.scope, namespace, entry.object.kind, kubernetes.name(entry.object)]
	replicas := object.get(hpa_max, [key], object.get(keda_max, [key], object.get(entry.object.spec, "replicas", 1)))
	demand := {"scoped_namespace": [entry.scope, namespace], "field": "pods", "amount": replicas}
]

all_demands := array.concat(workload_demands, pod_demands)

# Per (scope, namespace) and field: what its workloads need at their maximum.
demand := {key: total |
	some key in {[entry.scoped_namespace, entry.field] | some entry in all_demands}
	total := sum([entry.amount | some entry in all_demands; [entry.scoped_namespace, entry.field] == key])
}

deny_quota_below_autoscaling contains {"msg": msg, "path": entry.path} if {
	some entry in combined.of_kind("ResourceQuota")
	scoped_namespace := [entry.scope, kubernetes.namespace(entry.object)]
	some field, hard in object.get(entry.object.spec, "hard", {})
	needed := demand[[scoped_namespace, field]]
	have := object.get(quantities, [hard], hard)
	have < needed
	shape := fields[field]
	msg := sprintf(
		"%s in %s: %s is %d%s but the workloads at their autoscaling maximum need %d%s; %s",
		[
			kubernetes.identity(entry.object), entry.scope, field,
			ceil((have * shape.multiply) / shape.divide), shape.unit,
			ceil((needed * shape.multiply) / shape.divide), shape.unit,
			"fix: raise the quota or lower maxReplicas",
		],
	)
}
