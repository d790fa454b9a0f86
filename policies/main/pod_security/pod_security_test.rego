package main.pod_security_test

import data.main.pod_security

restricted_container := {
	"name": "app",
	"image": "ghcr.io/go-coffee/api-gateway:1.0.0",
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"capabilities": {"drop": ["ALL"]},
		"runAsNonRoot": true,
		"seccompProfile": {"type": "RuntimeDefault"},
	},
}

deployment(container, pod_fields) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"template": {"spec": object.union({"containers": [container]}, pod_fields)}},
}

with_context(patch) := object.union(restricted_container, {"securityContext": object.union(restricted_container.securityContext, patch)})

test_restricted_deployment_passes if {
	input_doc := deployment(restricted_container, {})
	(count(pod_security.deny_privileged) + count(pod_security.deny_host_namespaces)) + count(pod_security.deny_host_path) == 0 with input as input_doc
	count(pod_security.deny_capabilities) + count(pod_security.deny_run_as_non_root) == 0 with input as input_doc
	count(pod_security.deny_privilege_escalation) + count(pod_security.deny_seccomp) == 0 with input as input_doc
}

test_pod_level_settings_apply_to_containers if {
	container := {"name": "app", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}
	pod := {"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "Localhost"}}}
	count(pod_security.deny_run_as_non_root) + count(pod_security.deny_seccomp) == 0 with input as deployment(container, pod)
}

test_privileged_container_is_denied if {
	pod_security.deny_privileged == {"apps/v1 Deployment go-coffee/api: container app is privileged; fix: remove securityContext.privileged or set it to false"} with input as deployment(with_context({"privileged": true}), {})
}

test_host_network_is_denied if {
	pod_security.deny_host_namespaces == {"apps/v1 Deployment go-coffee/api: pod sets hostNetwork; fix: remove spec.hostNetwork (host namespaces are not allowed)"} with input as deployment(restricted_container, {"hostNetwork": true})
}

test_host_path_is_denied if {
	count(pod_security.deny_host_path) == 1 with input as deployment(restricted_container, {"volumes": [{"name": "root", "hostPath": {"path": "/"}}]})
}

test_added_capability_is_denied if {
	container := with_context({"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN", "NET_BIND_SERVICE"]}})
	pod_security.deny_capabilities == {"apps/v1 Deployment go-coffee/api: container app adds capability SYS_ADMIN; fix: remove it from securityContext.capabilities.add"} with input as deployment(container, {})
}

test_capabilities_not_dropped_is_denied if {
	container := json.remove(restricted_container, ["securityContext/capabilities"])
	count(pod_security.deny_capabilities) == 1 with input as deployment(container, {})
}

test_root_user_is_denied if {
	count(pod_security.deny_run_as_non_root) == 1 with input as deployment(with_context({"runAsUser": 0}), {})
	count(pod_security.deny_run_as_non_root) == 1 with input as deployment(with_context({"runAsNonRoot": false}), {})
}

test_privilege_escalation_is_denied if {
	count(pod_security.deny_privilege_escalation) == 1 with input as deployment(with_context({"allowPrivilegeEscalation": true}), {})
}

test_unconfined_seccomp_is_denied if {
	count(pod_security.deny_seccomp) == 1 with input as deployment(with_context({"seccompProfile": {"type": "Unconfined"}}), {})
}

test_non_workloads_are_ignored if {
	count(pod_security.deny_seccomp) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}
}

test_exception_waives_rule if {
	entry := {
		"policy": "main.pod_security", "rules": ["privileged"], "kind": "Deployment", "namespace": "go-coffee",
		"name": "api", "owner": "team-platform", "reason": "test", "expires": "2030-01-01",
	}
	pod_security.exception == {["privileged"]} with input as deployment(restricted_container, {})
		with data.exceptions as [entry]
		with time.now_ns as 1875139200000000000
}

test_missing_seccomp_is_denied if {
	container := json.remove(restricted_container, ["securityContext/seccompProfile"])
	count(pod_security.deny_seccomp) == 1 with input as deployment(container, {})
}
