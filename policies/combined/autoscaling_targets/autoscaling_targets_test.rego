package combined.autoscaling_targets_test

import data.combined.autoscaling_targets

deployment := {"path": "gitops/dev/core/deployment-api.yaml", "contents": {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "api", "namespace": "go-coffee"},
}}

hpa(name) := {"path": "gitops/dev/core/hpa-api.yaml", "contents": {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}, "maxReplicas": 3},
}}

test_hpa_with_existing_target_passes if {
	count(autoscaling_targets.deny_missing_target) == 0 with input as [deployment, hpa("api")]
}

test_hpa_with_missing_target_is_denied if {
	{violation.msg | some violation in autoscaling_targets.deny_missing_target} == {concat("", [
		"autoscaling/v2 HorizontalPodAutoscaler go-coffee/api: scaleTargetRef Deployment apy does not exist in ",
		"gitops/dev; fix: point it at a rendered workload or delete the HPA",
	])} with input as [deployment, hpa("apy")]
}

test_exception_waives_one_autoscaler if {
	hpa := {"path": "gitops/dev/core/hpa.yaml", "contents": {
		"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
		"metadata": {"name": "api", "namespace": "go-coffee"},
		"spec": {"scaleTargetRef": {"kind": "Deployment", "name": "gone"}},
	}}
	entry := {
		"policy": "combined.autoscaling_targets", "rules": ["missing_target"], "kind": "HorizontalPodAutoscaler",
		"namespace": "go-coffee", "name": "api", "owner": "team-core", "reason": "rename", "expires": "2030-01-01",
	}
	count(autoscaling_targets.deny_missing_target) == 1 with input as [hpa]
	count(autoscaling_targets.deny_missing_target) == 0 with input as [hpa]
		with data.exceptions as [entry]
		with time.now_ns as 0
}
