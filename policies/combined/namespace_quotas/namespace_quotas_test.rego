package combined.namespace_quotas_test

import data.combined.namespace_quotas

quota(hard) := {
	"path": "gitops/prod/platform/resourcequota-go-coffee-compute.yaml",
	"contents": {
		"apiVersion": "v1", "kind": "ResourceQuota",
		"metadata": {"name": "compute", "namespace": "go-coffee"},
		"spec": {"hard": hard},
	},
}

deployment(resources) := {
	"path": "gitops/prod/core/deployment-api.yaml",
	"contents": {
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": {"name": "api", "namespace": "go-coffee"},
		"spec": {"template": {"spec": {"containers": [{"name": "api", "resources": resources}]}}},
	},
}

hpa(maximum) := {
	"path": "gitops/prod/core/hpa-api.yaml",
	"contents": {
		"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
		"metadata": {"name": "api", "namespace": "go-coffee"},
		"spec": {
			"minReplicas": 2, "maxReplicas": maximum,
			"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"},
		},
	},
}

scaled_object(maximum) := {
	"path": "gitops/prod/core/scaledobject-api.yaml",
	"contents": {
		"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
		"metadata": {"name": "api", "namespace": "go-coffee"},
		"spec": {"maxReplicaCount": maximum, "scaleTargetRef": {"name": "api"}},
	},
}

limit_range := {
	"path": "gitops/prod/platform/limitrange-go-coffee.yaml",
	"contents": {
		"apiVersion": "v1", "kind": "LimitRange",
		"metadata": {"name": "container-defaults", "namespace": "go-coffee"},
		"spec": {"limits": [{
			"type": "Container",
			"defaultRequest": {"cpu": "100m", "memory": "128Mi"},
			"default": {"cpu": "500m", "memory": "512Mi"},
		}]},
	},
}

# The namespace_quotas verdict for the documents of one cluster.
denials(documents) := verdict if {
	verdict := namespace_quotas.deny_quota_below_autoscaling with input as documents
}

requests := {"requests": {"cpu": "200m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}}

test_quota_covering_the_hpa_maximum_passes if {
	hard := {"requests.cpu": "4", "requests.memory": "5Gi", "limits.cpu": "20", "limits.memory": "10Gi", "pods": "20"}
	count(denials([quota(hard), deployment(requests), hpa(20)])) == 0
}

test_quota_below_the_hpa_maximum_is_denied if {
	documents := [quota({"requests.cpu": "2", "requests.memory": "5Gi", "pods": "10"}), deployment(requests), hpa(20)]
	{violation.msg | some violation in namespace_quotas.deny_quota_below_autoscaling} == {
		concat("", [
			"v1 ResourceQuota go-coffee/compute in gitops/prod: requests.cpu is 2000m but the workloads at their ",
			"autoscaling maximum need 4000m; fix: raise the quota or lower maxReplicas",
		]),
		concat("", [
			"v1 ResourceQuota go-coffee/compute in gitops/prod: pods is 10 but the workloads at their ",
			"autoscaling maximum need 20; fix: raise the quota or lower maxReplicas",
		]),
	} with input as documents
}

test_keda_maximum_counts_like_an_hpa if {
	count(denials([quota({"requests.memory": "1Gi"}), deployment(requests), scaled_object(6)])) == 1
	count(denials([quota({"requests.memory": "2Gi"}), deployment(requests), scaled_object(6)])) == 0
}

test_fixed_replicas_count_when_nothing_autoscales if {
	count(denials([quota({"requests.cpu": "200m", "pods": "1"}), deployment(requests)])) == 0
	count(denials([quota({"requests.cpu": "199m"}), deployment(requests)])) == 1
}

test_limit_range_defaults_fill_unstated_requests if {
	count(denials([quota({"requests.cpu": "1"}), deployment({}), hpa(20), limit_range])) == 1
	count(denials([quota({"requests.cpu": "2"}), deployment({}), hpa(20), limit_range])) == 0
}

test_quantities_parse_with_every_suffix if {
	hard := {"a": "100m", "b": "2", "c": "1.5", "d": "512Mi", "e": "1Gi", "f": "1G", "g": "2k"}
	parsed := namespace_quotas.quantities with input as [quota(hard)]
	parsed == {"100m": 0.1, "2": 2, "1.5": 1.5, "512Mi": 536870912, "1Gi": 1073741824, "1G": 1000000000, "2k": 2000}
}

test_other_clusters_do_not_count if {
	other := object.union(deployment(requests), {"path": "gitops/staging/core/deployment-api.yaml"})
	count(denials([quota({"requests.cpu": "200m"}), other, hpa(20)])) == 0
}
