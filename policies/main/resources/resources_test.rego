package main.resources_test

import data.main.resources

good_container := {
	"name": "app",
	"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "500m", "memory": "256Mi"}},
	"livenessProbe": {"httpGet": {"path": "/health", "port": 8080}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
}

no_probes := object.remove(good_container, ["readinessProbe", "livenessProbe"])

workload(kind, container) := {
	"apiVersion": "apps/v1",
	"kind": kind,
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"template": {"spec": {"containers": [container]}}},
}

test_complete_container_passes if {
	findings := (resources.deny_requests | resources.deny_limits) | resources.warn_probes
	count(findings) == 0 with input as workload("Deployment", good_container)
}

test_missing_memory_request_is_denied if {
	container := json.remove(good_container, ["resources/requests/memory"])
	resources.deny_requests == {
		"apps/v1 Deployment go-coffee/api: container app has no memory request; fix: set resources.requests.memory",
	} with input as workload("Deployment", container)
}

test_missing_limits_are_denied if {
	container := json.remove(good_container, ["resources/limits"])
	count(resources.deny_limits) == 2 with input as workload("Deployment", container)
}

test_init_container_without_resources_is_denied if {
	doc := json.patch(workload("Job", good_container), [{
		"op": "add", "path": "/spec/template/spec/initContainers",
		"value": [{"name": "migrate", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}],
	}])
	resources.deny_requests == {
		"apps/v1 Job go-coffee/api: init container migrate has no cpu request; fix: set resources.requests.cpu",
		"apps/v1 Job go-coffee/api: init container migrate has no memory request; fix: set resources.requests.memory",
	} with input as doc
}

test_missing_probe_warns_on_long_running_workload if {
	container := object.remove(good_container, ["readinessProbe"])
	resources.warn_probes == {concat("", [
		"apps/v1 Deployment go-coffee/api: container app has no readinessProbe; ",
		"fix: add spec.template.spec.containers[].readinessProbe",
	])} with input as workload("Deployment", container)
}

test_every_long_running_kind_needs_probes if {
	every kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"] {
		count(resources.warn_probes) == 2 with input as workload(kind, no_probes)
	}
	rollout := object.union(workload("Rollout", no_probes), {"apiVersion": "argoproj.io/v1alpha1"})
	count(resources.warn_probes) == 2 with input as rollout
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [no_probes]}}
	resources.warn_probes == {
		"v1 Pod p: container app has no livenessProbe; fix: add spec.containers[].livenessProbe",
		"v1 Pod p: container app has no readinessProbe; fix: add spec.containers[].readinessProbe",
	} with input as pod
}

test_run_to_completion_pods_need_no_probes if {
	count(resources.warn_probes) == 0 with input as workload("Job", no_probes)
	pod := {"kind": "Pod", "spec": {"restartPolicy": "Never", "containers": [no_probes]}}
	count(resources.warn_probes) == 0 with input as pod
}
