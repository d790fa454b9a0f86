package lib.kubernetes_test

import data.lib.kubernetes

deployment := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"template": {
		"metadata": {"labels": {"app": "api"}},
		"spec": {
			"initContainers": [{"name": "init"}],
			"containers": [{"name": "main"}],
		},
	}},
}

test_identity_names_namespaced_object if {
	kubernetes.identity(deployment) == "apps/v1 Deployment go-coffee/api"
}

test_identity_names_cluster_scoped_object if {
	kubernetes.identity({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "go-coffee"}}) == "v1 Namespace go-coffee"
}

test_all_containers_include_init_containers if {
	[c.name | some c in kubernetes.all_containers(deployment)] == ["init", "main"]
}

test_pod_spec_of_cronjob if {
	cron := {"kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}}}}
	kubernetes.app_containers(cron) == [{"name": "c"}]
}

test_pod_spec_of_pod if {
	kubernetes.app_containers({"kind": "Pod", "spec": {"containers": [{"name": "p"}]}}) == [{"name": "p"}]
}

test_pod_template_labels if {
	kubernetes.pod_template_labels(deployment) == {"app": "api"}
}

test_scope_is_cluster_folder if {
	kubernetes.scope("gitops/prod-aws-us-east-1/core-services/deployment-api.yaml") == "gitops/prod-aws-us-east-1"
}

test_scope_of_short_path_is_empty if {
	kubernetes.scope("deployment.yaml") == ""
}

test_is_workload if {
	kubernetes.is_workload(deployment)
	not kubernetes.is_workload({"kind": "Service"})
}

test_labels_default_to_empty if {
	kubernetes.labels({"kind": "Service", "metadata": {"name": "s"}}) == {}
}

test_container_security_setting_wins_over_pod if {
	spec := {"securityContext": {"runAsNonRoot": true, "runAsUser": 1000}}
	kubernetes.effective_security(spec, {"securityContext": {"runAsNonRoot": false}}, "runAsNonRoot") == false
	kubernetes.effective_security(spec, {"securityContext": {"runAsNonRoot": false}}, "runAsUser") == 1000
	kubernetes.effective_security({}, {}, "runAsUser") == null
}

test_default_deny_network_policy if {
	kubernetes.default_deny({"spec": {"podSelector": {}, "policyTypes": ["Ingress"]}})
	not kubernetes.default_deny({"spec": {"podSelector": {"matchLabels": {"a": "b"}}, "policyTypes": ["Ingress"]}})
	not kubernetes.default_deny({"spec": {"podSelector": {}, "policyTypes": ["Egress"]}})
}

test_selector_matches if {
	kubernetes.selector_matches({"app": "api"}, {"app": "api", "tier": "web"})
	not kubernetes.selector_matches({"app": "api"}, {"app": "web"})
	not kubernetes.selector_matches({}, {"app": "api"})
}

test_seccomp_type_falls_back_to_pod if {
	kubernetes.seccomp_type({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}, {}) == "RuntimeDefault"
	kubernetes.seccomp_type({}, {"securityContext": {"seccompProfile": {"type": "Localhost"}}}) == "Localhost"
	kubernetes.seccomp_type({}, {}) == ""
}
