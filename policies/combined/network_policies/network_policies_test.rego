package combined.network_policies_test

import data.combined.network_policies

deployment := {"path": "gitops/dev/core/deployment-api.yaml", "contents": {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "api", "namespace": "go-coffee"},
}}

default_deny := {"path": "gitops/dev/core/networkpolicy-default-deny.yaml", "contents": {
	"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
	"metadata": {"name": "default-deny", "namespace": "go-coffee"},
	"spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
}}

test_namespace_with_default_deny_passes if {
	count(network_policies.deny_missing_default_deny) == 0 with input as [deployment, default_deny]
}

test_namespace_without_default_deny_is_denied if {
	{violation.msg | some violation in network_policies.deny_missing_default_deny} == {concat("", [
		"gitops/dev: namespace go-coffee runs workloads but has no default-deny NetworkPolicy; ",
		"fix: add a NetworkPolicy with podSelector {} and policyTypes [Ingress] and no ingress rules",
	])} with input as [deployment]
}

test_allow_policy_is_not_default_deny if {
	allow := json.patch(default_deny, [{
		"op": "add", "path": "/contents/spec/ingress",
		"value": [{"from": [{"podSelector": {}}]}],
	}])
	count(network_policies.deny_missing_default_deny) == 1 with input as [deployment, allow]
}

test_default_deny_of_another_cluster_does_not_count if {
	other := json.patch(default_deny, [{
		"op": "replace", "path": "/path",
		"value": "gitops/prod/core/networkpolicy-default-deny.yaml",
	}])
	count(network_policies.deny_missing_default_deny) == 1 with input as [deployment, other]
}

test_report_points_at_first_workload_file if {
	second := object.union(deployment, {"path": "gitops/dev/core/deployment-zz.yaml"})
	denied := network_policies.deny_missing_default_deny with input as [second, deployment]
	paths := {violation.path | some violation in denied}
	paths == {"gitops/dev/core/deployment-api.yaml"}
}

test_exception_waives_the_namespace if {
	entry := {
		"policy": "combined.network_policies", "rules": ["missing_default_deny"], "kind": "Namespace",
		"name": "go-coffee", "owner": "team-net", "reason": "migration", "expires": "2030-01-01",
	}
	count(network_policies.deny_missing_default_deny) == 0 with input as [deployment]
		with data.exceptions as [entry]
		with time.now_ns as 0
	count(network_policies.deny_missing_default_deny) == 1 with input as [deployment]
		with data.exceptions as [object.union(entry, {"name": "other"})]
		with time.now_ns as 0
}
