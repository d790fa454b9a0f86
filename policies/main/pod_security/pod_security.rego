# METADATA
# title: Pod Security Standards (baseline and restricted)
# description: >-
#   Every pod the repository defines meets the Kubernetes Pod Security Standards "restricted" profile, which
#   includes "baseline": each control of both profiles is one rule below, named in its METADATA with its
#   profile (custom.pss_level) and the control's name in the standard (custom.pss_control). Pods are read
#   through lib.kubernetes.pods, so every pod-bearing kind (Pod, PodTemplate, Deployment, ReplicaSet,
#   ReplicationController, StatefulSet, DaemonSet, Job, CronJob, Argo Rollout) and the items of a List are
#   checked, with their init, regular and ephemeral containers. Semantics follow the pod-security-admission
#   checks of Kubernetes 1.34.
# scope: package
# custom:
#   id: GC-K8S-001
#   severity: high
#   remediation: Set the pod and container securityContext as the platform's workload constructs do.
package main.pod_security

import data.lib.exceptions
import data.lib.kubernetes

# Capabilities the baseline profile lets a container add.
baseline_capabilities := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

# The only capability the restricted profile lets a container add.
restricted_capabilities := {"NET_BIND_SERVICE"}

# Namespaced sysctls isolated from other pods: the baseline profile's safe set.
safe_sysctls := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_rmem",
	"net.ipv4.tcp_wmem",
}

selinux_types := {"", null, "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

confined_profile_types := {"RuntimeDefault", "Localhost"}

# Volume sources the restricted profile allows.
restricted_volume_sources := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
	"persistentVolumeClaim", "projected", "secret", "image",
}

apparmor_annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

handler_fields := ["httpGet", "tcpSocket"]

# METADATA
# title: HostProcess
# description: Windows pods do not run HostProcess containers, which have privileged access to the node.
# custom:
#   pss_level: baseline
#   pss_control: HostProcess
deny_host_process contains msg if {
	some pod in kubernetes.input_pods
	kubernetes.pod_setting(pod, ["windowsOptions", "hostProcess"]) == true
	msg := sprintf(
		"%s: pod sets %s.securityContext.windowsOptions.hostProcess; fix: remove it (HostProcess pods are not allowed)",
		[kubernetes.identity(pod.object), pod.path],
	)
}

deny_host_process contains msg if {
	some entry in kubernetes.input_containers
	kubernetes.container_setting(entry, ["windowsOptions", "hostProcess"]) == true
	msg := sprintf(
		"%s sets securityContext.windowsOptions.hostProcess; fix: remove it (HostProcess containers are not allowed)",
		[entry.subject],
	)
}

# METADATA
# title: Host Namespaces
# description: Pods do not share the node's network, PID or IPC namespace.
# custom:
#   pss_level: baseline
#   pss_control: Host Namespaces
deny_host_namespaces contains msg if {
	some pod in kubernetes.input_pods
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	object.get(pod.spec, field, false) == true
	msg := sprintf(
		"%s: pod sets %s; fix: remove %s.%s (host namespaces are not allowed)",
		[kubernetes.identity(pod.object), field, pod.path, field],
	)
}

# METADATA
# title: Privileged Containers
# description: No container runs privileged.
# custom:
#   pss_level: baseline
#   pss_control: Privileged Containers
deny_privileged contains msg if {
	some entry in kubernetes.input_containers
	kubernetes.container_setting(entry, ["privileged"]) == true
	msg := sprintf("%s is privileged; fix: remove securityContext.privileged or set it to false", [entry.subject])
}

# METADATA
# title: Capabilities (baseline)
# description: A container adds no capability beyond the baseline profile's default set.
# custom:
#   pss_level: baseline
#   pss_control: Capabilities
deny_capabilities_baseline contains msg if {
	some entry in kubernetes.input_containers
	some capability in object.get(entry.container, ["securityContext", "capabilities", "add"], [])
	not baseline_capabilities[capability]
	msg := sprintf(
		concat("", [
			"%s adds capability %v, which the baseline profile forbids; ",
			"fix: remove it from securityContext.capabilities.add",
		]),
		[entry.subject, capability],
	)
}

# METADATA
# title: HostPath Volumes
# description: No volume mounts a path of the node.
# custom:
#   pss_level: baseline
#   pss_control: HostPath Volumes
deny_host_path contains msg if {
	some pod in kubernetes.input_pods
	some volume in object.get(pod.spec, "volumes", [])
	object.get(volume, "hostPath", null) != null
	msg := sprintf(
		"%s: volume %v mounts a hostPath; fix: use an emptyDir, ConfigMap, Secret or PVC",
		[kubernetes.identity(pod.object), object.get(volume, "name", "")],
	)
}

# METADATA
# title: Host Ports
# description: No container binds a port of the node.
# custom:
#   pss_level: baseline
#   pss_control: Host Ports
deny_host_ports contains msg if {
	some entry in kubernetes.input_containers
	some port in object.get(entry.container, "ports", [])
	host_port := object.get(port, "hostPort", 0)
	not host_port in {0, null}
	msg := sprintf(
		"%s uses hostPort %v; fix: remove ports[].hostPort and reach the pod through a Service",
		[entry.subject, host_port],
	)
}

# METADATA
# title: AppArmor
# description: >-
#   The AppArmor profile, where set (pod or container appArmorProfile, or the beta annotation), is
#   RuntimeDefault or Localhost, never Unconfined.
# custom:
#   pss_level: baseline
#   pss_control: AppArmor
deny_apparmor contains msg if {
	some pod in kubernetes.input_pods
	profile := kubernetes.pod_setting(pod, ["appArmorProfile", "type"])
	not profile in ({null} | confined_profile_types)
	msg := sprintf(
		"%s: pod sets AppArmor profile %v; fix: set %s.securityContext.appArmorProfile.type to RuntimeDefault",
		[kubernetes.identity(pod.object), profile, pod.path],
	)
}

deny_apparmor contains msg if {
	some entry in kubernetes.input_containers
	profile := kubernetes.container_setting(entry, ["appArmorProfile", "type"])
	not profile in ({null} | confined_profile_types)
	msg := sprintf(
		"%s sets AppArmor profile %v; fix: set securityContext.appArmorProfile.type to RuntimeDefault",
		[entry.subject, profile],
	)
}

deny_apparmor contains msg if {
	some pod in kubernetes.input_pods
	some key, profile in object.get(pod.metadata, "annotations", {})
	startswith(key, apparmor_annotation_prefix)
	not profile in {"", "runtime/default"}
	not startswith(profile, "localhost/")
	msg := sprintf(
		"%s: annotation %s is %v; fix: use runtime/default or localhost/<profile>, or appArmorProfile",
		[kubernetes.identity(pod.object), key, profile],
	)
}

# METADATA
# title: SELinux
# description: >-
#   SELinux options, where set, use an allowed container type (container_t, container_init_t,
#   container_kvm_t, container_engine_t) and no custom user or role.
# custom:
#   pss_level: baseline
#   pss_control: SELinux
deny_selinux contains msg if {
	some setting in selinux_settings
	not object.get(setting.options, "type", "") in selinux_types
	msg := sprintf("%s seLinuxOptions type %v is not allowed; fix: remove it from %s", [
		setting.subject,
		setting.options.type, setting.field,
	])
}

deny_selinux contains msg if {
	some setting in selinux_settings
	some field in ["user", "role"]
	not object.get(setting.options, field, "") in {"", null}
	msg := sprintf("%s seLinuxOptions sets %s; fix: remove it from %s", [setting.subject, field, setting.field])
}

# Every seLinuxOptions the pods set, on the pod or on a container, with who sets it and where.
selinux_settings contains {"options": options, "subject": subject, "field": field} if {
	some pod in kubernetes.input_pods
	options := kubernetes.pod_setting(pod, ["seLinuxOptions"])
	is_object(options)
	subject := sprintf("%s: pod", [kubernetes.identity(pod.object)])
	field := concat(".", [pod.path, "securityContext.seLinuxOptions"])
}

selinux_settings contains {"options": options, "subject": entry.subject, "field": "securityContext.seLinuxOptions"} if {
	some entry in kubernetes.input_containers
	options := kubernetes.container_setting(entry, ["seLinuxOptions"])
	is_object(options)
}

# METADATA
# title: /proc Mount Type
# description: >-
#   Containers keep the default masked /proc (procMount Default). Kubernetes 1.34 exempts pods with
#   hostUsers false only behind the alpha UserNamespacesPodSecurityStandards gate (off by default): no
#   exemption here either.
# custom:
#   pss_level: baseline
#   pss_control: /proc Mount Type
deny_proc_mount contains msg if {
	some entry in kubernetes.input_containers
	proc_mount := kubernetes.container_setting(entry, ["procMount"])
	not proc_mount in {null, "Default"}
	msg := sprintf(
		"%s sets procMount %v; fix: remove securityContext.procMount",
		[entry.subject, proc_mount],
	)
}

# METADATA
# title: Seccomp (baseline)
# description: No pod or container sets the Unconfined seccomp profile.
# custom:
#   pss_level: baseline
#   pss_control: Seccomp
deny_seccomp_unconfined contains msg if {
	some pod in kubernetes.input_pods
	kubernetes.pod_setting(pod, ["seccompProfile", "type"]) == "Unconfined"
	msg := sprintf(
		"%s: pod sets seccomp profile Unconfined; fix: set %s.securityContext.seccompProfile.type to RuntimeDefault",
		[kubernetes.identity(pod.object), pod.path],
	)
}

deny_seccomp_unconfined contains msg if {
	some entry in kubernetes.input_containers
	kubernetes.container_setting(entry, ["seccompProfile", "type"]) == "Unconfined"
	msg := sprintf(
		"%s sets seccomp profile Unconfined; fix: set securityContext.seccompProfile.type to RuntimeDefault",
		[entry.subject],
	)
}

# METADATA
# title: Sysctls
# description: A pod sets only sysctls of the baseline profile's safe set.
# custom:
#   pss_level: baseline
#   pss_control: Sysctls
deny_sysctls contains msg if {
	some pod in kubernetes.input_pods
	some sysctl in object.get(pod.spec, ["securityContext", "sysctls"], [])
	not safe_sysctls[object.get(sysctl, "name", "")]
	msg := sprintf(
		"%s: pod sets sysctl %v, which is not in the safe set; fix: remove it from %s.securityContext.sysctls",
		[kubernetes.identity(pod.object), object.get(sysctl, "name", ""), pod.path],
	)
}

# METADATA
# title: Probe and lifecycle hosts
# description: Probes and lifecycle handlers never name a host, so they cannot reach other hosts from the kubelet.
# custom:
#   pss_level: baseline
#   pss_control: Host Probes / Lifecycle Hooks
deny_probe_host contains msg if {
	some entry in kubernetes.input_containers
	some handler in kubernetes.handlers(entry.container)
	some field in handler_fields
	host := object.get(handler.value, [field, "host"], "")
	not host in {"", null}
	msg := sprintf("%s: %s.%s.host is %v; fix: remove the host (the kubelet probes the pod's IP)", [
		entry.subject,
		handler.path, field, host,
	])
}

# METADATA
# title: Volume Types
# description: Volumes use only the sources the restricted profile allows.
# custom:
#   pss_level: restricted
#   pss_control: Volume Types
deny_volume_types contains msg if {
	some pod in kubernetes.input_pods
	some volume in object.get(pod.spec, "volumes", [])
	some source, value in volume
	source != "name"
	value != null
	not restricted_volume_sources[source]
	msg := sprintf(
		"%s: volume %v uses %s, which the restricted profile forbids; fix: use %s",
		[
			kubernetes.identity(pod.object), object.get(volume, "name", ""), source,
			"configMap, secret, emptyDir, projected, PVC or CSI",
		],
	)
}

# METADATA
# title: Privilege Escalation
# description: Every container sets allowPrivilegeEscalation to false (Windows pods are exempt).
# custom:
#   pss_level: restricted
#   pss_control: Privilege Escalation
deny_privilege_escalation contains msg if {
	some entry in kubernetes.input_containers
	not kubernetes.windows_pod(entry.pod)
	not kubernetes.container_setting(entry, ["allowPrivilegeEscalation"]) == false
	msg := sprintf(
		"%s allows privilege escalation; fix: set securityContext.allowPrivilegeEscalation to false",
		[entry.subject],
	)
}

# METADATA
# title: Running as Non-root
# description: >-
#   Every container runs with runAsNonRoot true, set on the container or on the pod, and neither the pod
#   nor a container sets it to false.
# custom:
#   pss_level: restricted
#   pss_control: Running as Non-root
deny_run_as_non_root contains msg if {
	some pod in kubernetes.input_pods
	kubernetes.pod_setting(pod, ["runAsNonRoot"]) == false
	msg := sprintf("%s: pod sets runAsNonRoot false; fix: set %s.securityContext.runAsNonRoot to true", [
		kubernetes.identity(pod.object),
		pod.path,
	])
}

deny_run_as_non_root contains msg if {
	some entry in kubernetes.input_containers
	not kubernetes.effective_security(entry.pod.spec, entry.container, "runAsNonRoot") == true
	msg := sprintf("%s may run as root; fix: set securityContext.runAsNonRoot to true", [entry.subject])
}

# METADATA
# title: Running as Non-root user
# description: Neither the pod nor a container sets runAsUser to 0.
# custom:
#   pss_level: restricted
#   pss_control: Running as Non-root user
deny_run_as_user contains msg if {
	some pod in kubernetes.input_pods
	kubernetes.pod_setting(pod, ["runAsUser"]) == 0
	msg := sprintf("%s: pod runs as UID 0; fix: set %s.securityContext.runAsUser to a non-zero UID", [
		kubernetes.identity(pod.object),
		pod.path,
	])
}

deny_run_as_user contains msg if {
	some entry in kubernetes.input_containers
	kubernetes.container_setting(entry, ["runAsUser"]) == 0
	msg := sprintf("%s runs as UID 0; fix: set securityContext.runAsUser to a non-zero UID", [entry.subject])
}

# METADATA
# title: Seccomp (restricted)
# description: >-
#   Every container runs with the RuntimeDefault or Localhost seccomp profile, its own or the pod's
#   (Windows pods are exempt).
# custom:
#   pss_level: restricted
#   pss_control: Seccomp
deny_seccomp contains msg if {
	some entry in kubernetes.input_containers
	not kubernetes.windows_pod(entry.pod)
	not kubernetes.seccomp_type(entry.pod.spec, entry.container) in confined_profile_types
	msg := sprintf(
		"%s has no RuntimeDefault or Localhost seccomp profile; fix: set %s to RuntimeDefault",
		[entry.subject, "securityContext.seccompProfile.type"],
	)
}

# METADATA
# title: Capabilities (restricted)
# description: >-
#   Every container drops ALL capabilities and adds back at most NET_BIND_SERVICE (Windows pods are exempt).
# custom:
#   pss_level: restricted
#   pss_control: Capabilities
deny_capabilities contains msg if {
	some entry in kubernetes.input_containers
	not kubernetes.windows_pod(entry.pod)
	some capability in object.get(entry.container, ["securityContext", "capabilities", "add"], [])
	not restricted_capabilities[capability]
	msg := sprintf(
		concat("", [
			"%s adds capability %v; ",
			"fix: remove it from securityContext.capabilities.add (only NET_BIND_SERVICE may be added)",
		]),
		[entry.subject, capability],
	)
}

deny_capabilities contains msg if {
	some entry in kubernetes.input_containers
	not kubernetes.windows_pod(entry.pod)
	not "ALL" in object.get(entry.container, ["securityContext", "capabilities", "drop"], [])
	msg := sprintf("%s does not drop ALL capabilities; fix: set securityContext.capabilities.drop to [ALL]", [
		entry.subject,
	])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.pod_security", input)
}
