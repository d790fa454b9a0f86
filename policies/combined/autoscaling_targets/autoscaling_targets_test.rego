package combined.autoscaling_targets_test

import data.combined.autoscaling_targets

deployment := {"path": "gitops/dev/core/deployment-api.yaml", "contents": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "go-coffee"}}}

hpa(name) := {"path": "gitops/dev/core/hpa-api.yaml", "contents": {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "api", "namespace": "go-coffee"}, "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}, "maxReplicas": 3}}}

test_hpa_with_existing_target_passes if {
	count(autoscaling_targets.deny_missing_target) == 0 with input as [deployment, hpa("api")]
}

test_hpa_with_missing_target_is_denied if {
	{violation.msg | some violation in autoscaling_targets.deny_missing_target} == {"autoscaling/v2 HorizontalPodAutoscaler go-coffee/api: scaleTargetRef Deployment apy does not exist in gitops/dev; fix: point it at a rendered workload or delete the HPA"} with input as [deployment, hpa("apy")]
}
