package lib.combined_test

import data.lib.combined

documents := [
	{"path": "gitops/dev/core/deployment-api.yaml", "contents": {"kind": "Deployment", "metadata": {"name": "api"}}},
	{"path": "gitops/dev/core/service-api.yaml", "contents": {"kind": "Service", "metadata": {"name": "api"}}},
	{"path": "gitops/dev/core/empty.yaml", "contents": null},
]

test_objects_carry_their_scope if {
	{entry.scope | some entry in combined.objects} == {"gitops/dev"} with input as documents
}

test_of_kind_selects_one_kind if {
	[entry.object.metadata.name | some entry in combined.of_kind("Service")] == ["api"] with input as documents
}
