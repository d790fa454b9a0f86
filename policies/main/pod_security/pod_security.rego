# METADATA
# title: Pod Security Standards (restricted)
# description: >-
#   Every workload meets the Kubernetes Pod Security Standards "restricted" profile: not privileged,
#   no host namespaces or hostPath volumes, no added capabilities beyond NET_BIND_SERVICE and ALL dropped,
#   runs as non-root, no privilege escalation, and a RuntimeDefault or Localhost seccomp profile.
# scope: package
# custom:
#   id: GC-K8S-001
#   severity: high
#   remediation: Set the container securityContext as the platform's workload constructs do.
package main.pod_security

import data.lib.exceptions
import data.lib.kubernetes

allowed_added_capabilities := {"NET_BIND_SERVICE"}

allowed_seccomp_types := {"RuntimeDefault", "Localhost"}

deny_privileged contains msg if {
	some container in kubernetes.input_containers
	kubernetes.security_context(container).privileged == true
	msg := sprintf("%s: container %s is privileged; fix: remove securityContext.privileged or set it to false", [kubernetes.identity(input), container.name])
}

deny_host_namespaces contains msg if {
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	kubernetes.input_pod_spec[field] == true
	msg := sprintf("%s: pod sets %s; fix: remove spec.%s (host namespaces are not allowed)", [kubernetes.identity(input), field, field])
}

deny_host_path contains msg if {
	some volume in object.get(kubernetes.input_pod_spec, "volumes", [])
	volume.hostPath
	msg := sprintf("%s: volume %s mounts a hostPath; fix: use an emptyDir, ConfigMap, Secret or PVC", [kubernetes.identity(input), volume.name])
}

deny_capabilities contains msg if {
	some container in kubernetes.input_containers
	some capability in object.get(kubernetes.security_context(container), ["capabilities", "add"], [])
	not capability in allowed_added_capabilities
	msg := sprintf("%s: container %s adds capability %s; fix: remove it from securityContext.capabilities.add", [kubernetes.identity(input), container.name, capability])
}

deny_capabilities contains msg if {
	some container in kubernetes.input_containers
	not "ALL" in object.get(kubernetes.security_context(container), ["capabilities", "drop"], [])
	msg := sprintf("%s: container %s does not drop ALL capabilities; fix: set securityContext.capabilities.drop to [ALL]", [kubernetes.identity(input), container.name])
}

deny_run_as_non_root contains msg if {
	some container in kubernetes.input_containers
	not kubernetes.effective_security(kubernetes.input_pod_spec, container, "runAsNonRoot") == true
	msg := sprintf("%s: container %s may run as root; fix: set securityContext.runAsNonRoot to true", [kubernetes.identity(input), container.name])
}

deny_run_as_non_root contains msg if {
	some container in kubernetes.input_containers
	kubernetes.effective_security(kubernetes.input_pod_spec, container, "runAsUser") == 0
	msg := sprintf("%s: container %s runs as UID 0; fix: set securityContext.runAsUser to a non-zero UID", [kubernetes.identity(input), container.name])
}

deny_privilege_escalation contains msg if {
	some container in kubernetes.input_containers
	not kubernetes.security_context(container).allowPrivilegeEscalation == false
	msg := sprintf("%s: container %s allows privilege escalation; fix: set securityContext.allowPrivilegeEscalation to false", [kubernetes.identity(input), container.name])
}

deny_seccomp contains msg if {
	some container in kubernetes.input_containers
	not kubernetes.seccomp_type(kubernetes.input_pod_spec, container) in allowed_seccomp_types
	msg := sprintf("%s: container %s has no RuntimeDefault or Localhost seccomp profile; fix: set securityContext.seccompProfile.type to RuntimeDefault", [kubernetes.identity(input), container.name])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.pod_security", input)
}
