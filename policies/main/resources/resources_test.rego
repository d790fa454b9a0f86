package main.resources_test

import data.main.resources

good_container := {
	"name": "app",
	"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": "500m", "memory": "256Mi"}},
	"livenessProbe": {"httpGet": {"path": "/health", "port": 8080}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
}

workload(kind, container) := {
	"apiVersion": "apps/v1",
	"kind": kind,
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"template": {"spec": {"containers": [container]}}},
}

test_complete_container_passes if {
	(count(resources.deny_requests) + count(resources.deny_limits)) + count(resources.warn_probes) == 0 with input as workload("Deployment", good_container)
}

test_missing_memory_request_is_denied if {
	container := json.remove(good_container, ["resources/requests/memory"])
	resources.deny_requests == {"apps/v1 Deployment go-coffee/api: container app has no memory request; fix: set resources.requests.memory"} with input as workload("Deployment", container)
}

test_missing_limits_are_denied if {
	container := json.remove(good_container, ["resources/limits"])
	count(resources.deny_limits) == 2 with input as workload("Deployment", container)
}

test_missing_probe_warns_on_long_running_workload if {
	container := object.remove(good_container, ["readinessProbe"])
	resources.warn_probes == {"apps/v1 Deployment go-coffee/api: container app has no readinessProbe; fix: add spec.template.spec.containers[].readinessProbe"} with input as workload("Deployment", container)
}

test_jobs_need_no_probes if {
	container := object.remove(good_container, ["readinessProbe", "livenessProbe"])
	count(resources.warn_probes) == 0 with input as workload("Job", container)
}
