package combined.disruption_budgets_test

import data.combined.disruption_budgets

deployment(replicas) := {"path": "gitops/dev/core/deployment-api.yaml", "contents": {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"replicas": replicas, "template": {"metadata": {"labels": {"app": "api", "tier": "web"}}}},
}}

pdb(match) := {"path": "gitops/dev/core/pdb-api.yaml", "contents": {
	"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"minAvailable": 1, "selector": {"matchLabels": match}},
}}

hpa(min) := {"path": "gitops/dev/core/hpa-api.yaml", "contents": {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"minReplicas": min, "maxReplicas": 5, "scaleTargetRef": {"kind": "Deployment", "name": "api"}},
}}

test_replicated_deployment_with_pdb_passes if {
	count(disruption_budgets.deny_missing_pdb) == 0 with input as [deployment(3), pdb({"app": "api"})]
}

test_single_replica_needs_no_pdb if {
	count(disruption_budgets.deny_missing_pdb) == 0 with input as [deployment(1)]
}

test_replicated_deployment_without_pdb_is_denied if {
	{violation.msg | some violation in disruption_budgets.deny_missing_pdb} == {concat("", [
		"apps/v1 Deployment go-coffee/api in gitops/dev: 3 replicas but no PodDisruptionBudget selects its pods; ",
		"fix: add a PodDisruptionBudget whose selector.matchLabels match the pod template",
	])} with input as [deployment(3)]
}

test_pdb_selecting_other_pods_does_not_count if {
	count(disruption_budgets.deny_missing_pdb) == 1 with input as [deployment(3), pdb({"app": "web"})]
}

test_hpa_min_replicas_decide if {
	count(disruption_budgets.deny_missing_pdb) == 1 with input as [deployment(1), hpa(2)]
	count(disruption_budgets.deny_missing_pdb) == 0 with input as [deployment(3), hpa(1)]
}

test_exception_waives_one_deployment if {
	entry := {
		"policy": "combined.disruption_budgets", "rules": ["missing_pdb"], "kind": "Deployment",
		"namespace": "go-coffee", "name": "api", "owner": "team-core", "reason": "drain test", "expires": "2030-01-01",
	}
	count(disruption_budgets.deny_missing_pdb) == 0 with input as [deployment(3)]
		with data.exceptions as [entry]
		with time.now_ns as 0
	count(disruption_budgets.deny_missing_pdb) == 1 with input as [deployment(3)]
		with data.exceptions as [entry]
		with time.now_ns as 1893456000000000000
}
