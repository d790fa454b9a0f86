package lib.argocd_test

import data.lib.argocd

project := {"spec": {"destinations": [
	{"namespace": "go-coffee*", "server": "https://kubernetes.default.svc"},
	{"namespace": "monitoring", "name": "in-cluster"},
]}}

test_namespace_glob_and_server_match if {
	argocd.destination_allowed(project, {"namespace": "go-coffee-data", "server": "https://kubernetes.default.svc"})
}

test_other_namespace_is_not_allowed if {
	not argocd.destination_allowed(project, {"namespace": "kube-system", "server": "https://kubernetes.default.svc"})
}

test_cluster_name_match if {
	argocd.destination_allowed(project, {"namespace": "monitoring", "name": "in-cluster"})
	not argocd.destination_allowed(project, {"namespace": "monitoring", "server": "https://kubernetes.default.svc"})
}
