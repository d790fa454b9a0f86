package main.pod_security_test

import data.main.pod_security

# A pod that meets the restricted profile: the base every case below changes one control of.
restricted_container := {
	"name": "app",
	"image": "ghcr.io/go-coffee/api-gateway:1.0.0",
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
		"runAsNonRoot": true,
	},
}

restricted_pod_context := {"runAsNonRoot": true, "runAsUser": 10001, "seccompProfile": {"type": "RuntimeDefault"}}

restricted_template := {
	"metadata": {},
	"spec": {"securityContext": restricted_pod_context, "containers": [restricted_container]},
}

api_versions := {
	"Pod": "v1", "PodTemplate": "v1", "ReplicationController": "v1",
	"Deployment": "apps/v1", "ReplicaSet": "apps/v1", "StatefulSet": "apps/v1", "DaemonSet": "apps/v1",
	"Job": "batch/v1", "CronJob": "batch/v1", "Rollout": "argoproj.io/v1alpha1",
}

# Every pod-bearing kind, and a List holding a Pod.
kinds := {kind | some kind, _ in api_versions} | {"List"}

template_kinds := {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController", "Rollout"}

owner(kind) := {"apiVersion": api_versions[kind], "kind": kind, "metadata": {"name": "api", "namespace": "go-coffee"}}

pod_document(template) := object.union(owner("Pod"), {"metadata": template.metadata, "spec": template.spec})

# The pod template wrapped the way each kind carries it.
document(kind, template) := pod_document(template) if kind == "Pod"

document(kind, template) := object.union(owner(kind), {"template": template}) if kind == "PodTemplate"

document(kind, template) := object.union(owner(kind), {"spec": {"template": template}}) if template_kinds[kind]

document(kind, template) := object.union(owner(kind), {"spec": {"jobTemplate": {"spec": {"template": template}}}}) if {
	kind == "CronJob"
}

document(kind, template) := {"apiVersion": "v1", "kind": "List", "items": [pod_document(template)]} if kind == "List"

# How messages name the object and its pod spec, per kind (a List's pod is named as the Pod it holds).
identity(kind) := sprintf("%s %s go-coffee/api", [api_versions[kind], kind]) if kind != "List"

identity("List") := "v1 Pod go-coffee/api"

spec_paths := {
	"Pod": "spec", "List": "spec", "PodTemplate": "template.spec",
	"CronJob": "spec.jobTemplate.spec.template.spec",
}

spec_path(kind) := spec_paths[kind]

spec_path(kind) := "spec.template.spec" if template_kinds[kind]

labels := {"initContainers": "init container", "containers": "container", "ephemeralContainers": "ephemeral container"}

# A case's message: a string, or a list of strings written on several lines.
text(message) := message if is_string(message)

text(message) := concat("", message) if is_array(message)

# Verdict rules that fire on a document, with their messages.
verdicts(doc) := {name: messages |
	some name, messages in package_value(doc)
	startswith(name, "deny_")
	count(messages) > 0
}

package_value(doc) := value if {
	value := pod_security with input as doc
}

# A pod-level case: the restricted template with `pod` merged into its spec and `metadata` into its
# metadata fires exactly `rules`, and `rule` with exactly `message` ({id} and {path} filled in per kind).
pod_case_fires(case) if {
	every kind in kinds {
		template := object.union(restricted_template, {"metadata": object.get(case, "metadata", {}), "spec": case.pod})
		found := verdicts(document(kind, template))
		{name | some name, _ in found} == case.rules
		message := replace(replace(text(case.message), "{id}", identity(kind)), "{path}", spec_path(kind))
		found[case.rule] == {message}
	}
}

# A container-level case: the container changed by `patch`, placed in each of the three container lists
# (next to an unchanged regular container), fires exactly `rules`, and `rule` says `message` once per list
# ({subject} filled in), on every kind.
container_case_fires(case) if {
	changed := object.union(restricted_container, case.patch)
	lists := {
		"initContainers": [changed],
		"containers": [object.union(restricted_container, {"name": "main"}), changed],
		"ephemeralContainers": [changed],
	}
	every kind in kinds {
		found := verdicts(document(kind, object.union(restricted_template, {"spec": lists})))
		{name | some name, _ in found} == case.rules
		found[case.rule] == {replace(text(case.message), "{subject}", sprintf("%s: %s app", [identity(kind), label])) |
			some label in labels
		}
	}
}

test_restricted_pod_passes_on_every_kind if {
	every kind in kinds {
		verdicts(document(kind, restricted_template)) == {}
	}
}

test_host_process_fires_on_the_pod if {
	pod_case_fires({
		"pod": {"securityContext": {"windowsOptions": {"hostProcess": true}}},
		"rules": {"deny_host_process"}, "rule": "deny_host_process",
		"message": [
			"{id}: pod sets {path}.securityContext.windowsOptions.hostProcess; ",
			"fix: remove it (HostProcess pods are not allowed)",
		],
	})
}

test_host_process_fires_on_containers if {
	container_case_fires({
		"patch": {"securityContext": {"windowsOptions": {"hostProcess": true}}},
		"rules": {"deny_host_process"}, "rule": "deny_host_process",
		"message": [
			"{subject} sets securityContext.windowsOptions.hostProcess; ",
			"fix: remove it (HostProcess containers are not allowed)",
		],
	})
}

test_host_namespaces_fire if {
	every field in ["hostNetwork", "hostPID", "hostIPC"] {
		pod_case_fires({
			"pod": {field: true}, "rules": {"deny_host_namespaces"}, "rule": "deny_host_namespaces",
			"message": sprintf(
				"{id}: pod sets %s; fix: remove {path}.%s (host namespaces are not allowed)",
				[field, field],
			),
		})
	}
}

test_privileged_fires if {
	container_case_fires({
		"patch": {"securityContext": {"privileged": true}}, "rules": {"deny_privileged"}, "rule": "deny_privileged",
		"message": "{subject} is privileged; fix: remove securityContext.privileged or set it to false",
	})
}

test_capability_outside_baseline_fires_baseline_and_restricted if {
	container_case_fires({
		"patch": {"securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}},
		"rules": {"deny_capabilities_baseline", "deny_capabilities"}, "rule": "deny_capabilities_baseline",
		"message": [
			"{subject} adds capability SYS_ADMIN, which the baseline profile forbids; ",
			"fix: remove it from securityContext.capabilities.add",
		],
	})
}

test_baseline_capability_fires_restricted_only if {
	container_case_fires({
		"patch": {"securityContext": {"capabilities": {"add": ["CHOWN"]}}},
		"rules": {"deny_capabilities"}, "rule": "deny_capabilities",
		"message": [
			"{subject} adds capability CHOWN; ",
			"fix: remove it from securityContext.capabilities.add (only NET_BIND_SERVICE may be added)",
		],
	})
}

test_capabilities_not_dropped_fires if {
	container_case_fires({
		"patch": {"securityContext": {"capabilities": {"drop": ["NET_RAW"]}}},
		"rules": {"deny_capabilities"}, "rule": "deny_capabilities",
		"message": "{subject} does not drop ALL capabilities; fix: set securityContext.capabilities.drop to [ALL]",
	})
}

test_host_path_fires_baseline_and_volume_types if {
	pod_case_fires({
		"pod": {"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}]},
		"rules": {"deny_host_path", "deny_volume_types"}, "rule": "deny_host_path",
		"message": "{id}: volume docker mounts a hostPath; fix: use an emptyDir, ConfigMap, Secret or PVC",
	})
}

test_host_ports_fire if {
	container_case_fires({
		"patch": {"ports": [{"containerPort": 8080}, {"containerPort": 9090, "hostPort": 9090}]},
		"rules": {"deny_host_ports"}, "rule": "deny_host_ports",
		"message": "{subject} uses hostPort 9090; fix: remove ports[].hostPort and reach the pod through a Service",
	})
}

test_apparmor_fires_on_the_pod if {
	pod_case_fires({
		"pod": {"securityContext": {"appArmorProfile": {"type": "Unconfined"}}},
		"rules": {"deny_apparmor"}, "rule": "deny_apparmor",
		"message": [
			"{id}: pod sets AppArmor profile Unconfined; ",
			"fix: set {path}.securityContext.appArmorProfile.type to RuntimeDefault",
		],
	})
}

test_apparmor_fires_on_containers if {
	container_case_fires({
		"patch": {"securityContext": {"appArmorProfile": {"type": "Unconfined"}}},
		"rules": {"deny_apparmor"}, "rule": "deny_apparmor",
		"message": [
			"{subject} sets AppArmor profile Unconfined; ",
			"fix: set securityContext.appArmorProfile.type to RuntimeDefault",
		],
	})
}

test_apparmor_fires_on_the_beta_annotation if {
	pod_case_fires({
		"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}}, "pod": {},
		"rules": {"deny_apparmor"}, "rule": "deny_apparmor",
		"message": [
			"{id}: annotation container.apparmor.security.beta.kubernetes.io/app is unconfined; ",
			"fix: use runtime/default or localhost/<profile>, or appArmorProfile",
		],
	})
}

test_confined_apparmor_passes if {
	template := object.union(restricted_template, {
		"metadata": {"annotations": {
			"container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-nginx",
			"container.apparmor.security.beta.kubernetes.io/main": "runtime/default",
		}},
		"spec": {"securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-nginx"}}},
	})
	verdicts(document("Deployment", template)) == {}
}

test_selinux_user_fires_on_the_pod if {
	pod_case_fires({
		"pod": {"securityContext": {"seLinuxOptions": {"user": "system_u", "level": "s0:c123,c456"}}},
		"rules": {"deny_selinux"}, "rule": "deny_selinux",
		"message": "{id}: pod seLinuxOptions sets user; fix: remove it from {path}.securityContext.seLinuxOptions",
	})
}

test_selinux_type_fires_on_containers if {
	container_case_fires({
		"patch": {"securityContext": {"seLinuxOptions": {"type": "spc_t"}}},
		"rules": {"deny_selinux"}, "rule": "deny_selinux",
		"message": concat("", [
			"{subject} seLinuxOptions type spc_t is not allowed; ",
			"fix: remove it from securityContext.seLinuxOptions",
		]),
	})
}

test_selinux_role_fires_on_containers if {
	container_case_fires({
		"patch": {"securityContext": {"seLinuxOptions": {"type": "container_t", "role": "sysadm_r"}}},
		"rules": {"deny_selinux"}, "rule": "deny_selinux",
		"message": "{subject} seLinuxOptions sets role; fix: remove it from securityContext.seLinuxOptions",
	})
}

test_proc_mount_fires if {
	container_case_fires({
		"patch": {"securityContext": {"procMount": "Unmasked"}},
		"rules": {"deny_proc_mount"}, "rule": "deny_proc_mount",
		"message": [
			"{subject} sets procMount Unmasked; ",
			"fix: remove securityContext.procMount",
		],
	})
}

# Kubernetes 1.34 relaxes this for hostUsers: false only behind an alpha feature gate that is off by default.
test_proc_mount_unmasked_is_refused_in_a_user_namespace_too if {
	container := object.union(restricted_container, {"securityContext": {"procMount": "Unmasked"}})
	template := object.union(restricted_template, {"spec": {"hostUsers": false, "containers": [container]}})
	{name | some name, _ in verdicts(document("Deployment", template))} == {"deny_proc_mount"}
}

test_newer_safe_sysctls_and_image_volumes_pass if {
	template := object.union(restricted_template, {"spec": {
		"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_rmem", "value": "4096 87380 6291456"}]},
		"volumes": [{"name": "model", "image": {"reference": "ghcr.io/go-coffee/model:1.0.0"}}],
	}})
	verdicts(document("Deployment", template)) == {}
}

test_unconfined_seccomp_on_the_pod_fires_baseline_and_restricted if {
	pod_case_fires({
		"pod": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}},
		"rules": {"deny_seccomp_unconfined", "deny_seccomp"}, "rule": "deny_seccomp_unconfined",
		"message": [
			"{id}: pod sets seccomp profile Unconfined; ",
			"fix: set {path}.securityContext.seccompProfile.type to RuntimeDefault",
		],
	})
}

test_unconfined_seccomp_on_containers_fires_baseline_and_restricted if {
	container_case_fires({
		"patch": {"securityContext": {"seccompProfile": {"type": "Unconfined"}}},
		"rules": {"deny_seccomp_unconfined", "deny_seccomp"}, "rule": "deny_seccomp_unconfined",
		"message": [
			"{subject} sets seccomp profile Unconfined; ",
			"fix: set securityContext.seccompProfile.type to RuntimeDefault",
		],
	})
}

test_missing_seccomp_fires_restricted if {
	pod_case_fires({
		"pod": {"securityContext": {"seccompProfile": null}},
		"rules": {"deny_seccomp"}, "rule": "deny_seccomp",
		"message": [
			"{id}: container app has no RuntimeDefault or Localhost seccomp profile; ",
			"fix: set securityContext.seccompProfile.type to RuntimeDefault",
		],
	})
}

test_container_seccomp_profile_satisfies_restricted if {
	container := object.union(restricted_container, {"securityContext": {"seccompProfile": {"type": "Localhost"}}})
	template := {"metadata": {}, "spec": {"securityContext": {"runAsNonRoot": true}, "containers": [container]}}
	verdicts(document("Job", template)) == {}
}

test_unsafe_sysctl_fires if {
	pod_case_fires({
		"pod": {"securityContext": {"sysctls": [
			{"name": "net.ipv4.tcp_keepalive_time", "value": "600"},
			{"name": "kernel.msgmax", "value": "65536"},
		]}},
		"rules": {"deny_sysctls"}, "rule": "deny_sysctls",
		"message": [
			"{id}: pod sets sysctl kernel.msgmax, which is not in the safe set; ",
			"fix: remove it from {path}.securityContext.sysctls",
		],
	})
}

test_probe_host_fires if {
	container_case_fires({
		"patch": {"livenessProbe": {"httpGet": {"host": "169.254.169.254", "path": "/", "port": 80}}},
		"rules": {"deny_probe_host"}, "rule": "deny_probe_host",
		"message": [
			"{subject}: livenessProbe.httpGet.host is 169.254.169.254; ",
			"fix: remove the host (the kubelet probes the pod's IP)",
		],
	})
}

test_lifecycle_handler_host_fires if {
	container_case_fires({
		"patch": {"lifecycle": {"preStop": {"tcpSocket": {"host": "10.0.0.1", "port": 22}}}},
		"rules": {"deny_probe_host"}, "rule": "deny_probe_host",
		"message": [
			"{subject}: lifecycle.preStop.tcpSocket.host is 10.0.0.1; ",
			"fix: remove the host (the kubelet probes the pod's IP)",
		],
	})
}

test_restricted_volume_types_fire if {
	pod_case_fires({
		"pod": {"volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "share", "nfs": {"server": "nfs", "path": "/"}}]},
		"rules": {"deny_volume_types"}, "rule": "deny_volume_types",
		"message": [
			"{id}: volume share uses nfs, which the restricted profile forbids; ",
			"fix: use configMap, secret, emptyDir, projected, PVC or CSI",
		],
	})
}

test_privilege_escalation_fires if {
	container_case_fires({
		"patch": {"securityContext": {"allowPrivilegeEscalation": true}},
		"rules": {"deny_privilege_escalation"}, "rule": "deny_privilege_escalation",
		"message": "{subject} allows privilege escalation; fix: set securityContext.allowPrivilegeEscalation to false",
	})
}

test_run_as_non_root_false_fires_on_the_pod if {
	pod_case_fires({
		"pod": {"securityContext": {"runAsNonRoot": false}},
		"rules": {"deny_run_as_non_root"}, "rule": "deny_run_as_non_root",
		"message": "{id}: pod sets runAsNonRoot false; fix: set {path}.securityContext.runAsNonRoot to true",
	})
}

test_run_as_non_root_false_fires_on_containers if {
	container_case_fires({
		"patch": {"securityContext": {"runAsNonRoot": false}},
		"rules": {"deny_run_as_non_root"}, "rule": "deny_run_as_non_root",
		"message": "{subject} may run as root; fix: set securityContext.runAsNonRoot to true",
	})
}

test_pod_level_run_as_non_root_covers_containers if {
	container := json.remove(restricted_container, ["securityContext/runAsNonRoot"])
	template := object.union(restricted_template, {"spec": {"containers": [container]}})
	verdicts(document("StatefulSet", template)) == {}
}

test_run_as_user_zero_fires_on_the_pod if {
	pod_case_fires({
		"pod": {"securityContext": {"runAsUser": 0}},
		"rules": {"deny_run_as_user"}, "rule": "deny_run_as_user",
		"message": "{id}: pod runs as UID 0; fix: set {path}.securityContext.runAsUser to a non-zero UID",
	})
}

test_run_as_user_zero_fires_on_containers if {
	container_case_fires({
		"patch": {"securityContext": {"runAsUser": 0}},
		"rules": {"deny_run_as_user"}, "rule": "deny_run_as_user",
		"message": "{subject} runs as UID 0; fix: set securityContext.runAsUser to a non-zero UID",
	})
}

test_windows_pods_are_exempt_from_linux_only_restricted_controls if {
	container := {"name": "app", "image": "ghcr.io/go-coffee/win:1.0.0", "securityContext": {"runAsNonRoot": true}}
	template := {"metadata": {}, "spec": {"os": {"name": "windows"}, "containers": [container]}}
	verdicts(document("Deployment", template)) == {}
	linux := {"metadata": {}, "spec": {"containers": [container]}}
	{name | some name, _ in verdicts(document("Deployment", linux))} == {
		"deny_privilege_escalation", "deny_seccomp",
		"deny_capabilities",
	}
}

test_non_workloads_are_ignored if {
	service := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}
	verdicts(object.union(service, {"spec": {"template": restricted_template}})) == {}
	verdicts(service) == {}
}

test_exception_waives_rule if {
	entry := {
		"policy": "main.pod_security", "rules": ["privileged"], "kind": "Deployment", "namespace": "go-coffee",
		"name": "api", "owner": "team-platform", "reason": "test", "expires": "2030-01-01",
	}
	pod_security.exception == {["privileged"]} with input as document("Deployment", restricted_template)
		with data.exceptions as [entry]
		with time.now_ns as 1875139200000000000
}
