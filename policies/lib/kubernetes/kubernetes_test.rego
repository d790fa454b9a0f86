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
	namespace := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "go-coffee"}}
	kubernetes.identity(namespace) == "v1 Namespace go-coffee"
}

test_containers_list_init_regular_and_ephemeral_in_start_order if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {
		"ephemeralContainers": [{"name": "debug"}],
		"containers": [{"name": "main"}],
		"initContainers": [{"name": "init"}],
	}}
	[[entry.field, entry.subject] | some entry in kubernetes.containers(kubernetes.pods(pod))] == [
		["initContainers", "v1 Pod p: init container init"],
		["containers", "v1 Pod p: container main"],
		["ephemeralContainers", "v1 Pod p: ephemeral container debug"],
	]
}

pod_spec := {"containers": [{"name": "c"}]}

template := {"metadata": {"labels": {"app": "x"}}, "spec": pod_spec}

# Every pod-bearing kind, and where it keeps its pod spec.
pod_bearing := {
	"Pod": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": pod_spec}, "spec"],
	"PodTemplate": [
		{"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "x"}, "template": template},
		"template.spec",
	],
	"Deployment": [
		{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": template}},
		"spec.template.spec",
	],
	"ReplicaSet": [
		{"apiVersion": "apps/v1", "kind": "ReplicaSet", "spec": {"template": template}},
		"spec.template.spec",
	],
	"ReplicationController": [
		{"apiVersion": "v1", "kind": "ReplicationController", "spec": {"template": template}},
		"spec.template.spec",
	],
	"StatefulSet": [
		{"apiVersion": "apps/v1", "kind": "StatefulSet", "spec": {"template": template}},
		"spec.template.spec",
	],
	"DaemonSet": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": template}}, "spec.template.spec"],
	"Job": [{"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": template}}, "spec.template.spec"],
	"CronJob": [
		{"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": {"template": template}}}},
		"spec.jobTemplate.spec.template.spec",
	],
	"Rollout": [
		{"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "spec": {"template": template}},
		"spec.template.spec",
	],
}

test_pods_of_every_pod_bearing_kind if {
	every entry in pod_bearing {
		[[pod.object, pod.spec, pod.path] | some pod in kubernetes.pods(entry[0])] == [[entry[0], pod_spec, entry[1]]]
	}
}

test_pods_of_templates_carry_the_template_metadata if {
	[pod.metadata | some pod in kubernetes.pods(pod_bearing.Deployment[0])] == [{"labels": {"app": "x"}}]
}

test_pods_of_a_list_are_the_pods_of_its_items if {
	list := {"apiVersion": "v1", "kind": "List", "items": [pod_bearing.Job[0], {"kind": "Service"}, pod_bearing.Pod[0]]}
	[pod.object.kind | some pod in kubernetes.pods(list)] == ["Job", "Pod"]
	deployments := {"kind": "DeploymentList", "items": [pod_bearing.Deployment[0]]}
	[pod.object.kind | some pod in kubernetes.pods(deployments)] == ["Deployment"]
}

test_objects_without_a_pod_have_none if {
	kubernetes.pods({"kind": "Service", "spec": {"template": template}}) == []
	kubernetes.pods({"apiVersion": "example.com/v1", "kind": "Rollout", "spec": {"template": template}}) == []
	kubernetes.pods({"kind": "Deployment", "spec": {"template": {"spec": "not an object"}}}) == []
	kubernetes.pods({"kind": "List", "items": "not a list"}) == []
	kubernetes.pods("a string") == []
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
	kubernetes.is_workload(pod_bearing.Rollout[0])
	kubernetes.is_workload(pod_bearing.ReplicationController[0])
	not kubernetes.is_workload(pod_bearing.PodTemplate[0])
	not kubernetes.is_workload({"apiVersion": "example.com/v1", "kind": "Rollout"})
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

test_all_containers_of_any_pod_bearing_object if {
	[c.name | some c in kubernetes.all_containers(deployment)] == ["init", "main"]
	list := {"kind": "List", "items": [pod_bearing.CronJob[0], pod_bearing.PodTemplate[0]]}
	[c.name | some c in kubernetes.all_containers(list)] == ["c", "c"]
}

test_app_containers_of_any_document_skip_init_and_ephemeral if {
	deployment := {"kind": "Deployment", "spec": {"template": {"spec": {
		"initContainers": [{"name": "migrate"}],
		"containers": [{"name": "api"}],
	}}}}
	kubernetes.app_containers(deployment) == [{"name": "api"}]
	kubernetes.app_containers({"kind": "ConfigMap"}) == []
}
