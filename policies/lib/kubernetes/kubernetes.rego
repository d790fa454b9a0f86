# METADATA
# title: Kubernetes object helpers
# description: >-
#   Shared accessors for rendered Kubernetes objects: identity strings for messages, the pod spec of
#   every workload kind, its containers, and the scope (cluster folder) a file belongs to.
# scope: package
package lib.kubernetes

# Kinds whose pods run on the cluster; each carries a pod template (or is a Pod).
workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}

# Workloads that are expected to run indefinitely and therefore need probes.
long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet"}

is_workload(obj) if obj.kind in workload_kinds

name(obj) := object.get(obj, ["metadata", "name"], "")

namespace(obj) := object.get(obj, ["metadata", "namespace"], "")

labels(obj) := object.get(obj, ["metadata", "labels"], {})

# `apps/v1 Deployment go-coffee/api-gateway`: the form every message uses to name an object.
identity(obj) := concat(" ", [object.get(obj, "apiVersion", ""), object.get(obj, "kind", ""), qualified_name(obj)])

qualified_name(obj) := concat("/", [namespace(obj), name(obj)]) if namespace(obj) != ""

qualified_name(obj) := name(obj) if namespace(obj) == ""

pod_spec(obj) := obj.spec if obj.kind == "Pod"

pod_spec(obj) := obj.spec.jobTemplate.spec.template.spec if obj.kind == "CronJob"

# Kinds whose pod spec sits at spec.template.spec. A rule, looked up by key: a set literal inside the
# function would be built again on every call, and this function runs for every container rule.
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

pod_spec(obj) := obj.spec.template.spec if template_kinds[obj.kind]

pod_template_labels(obj) := object.get(obj, ["spec", "template", "metadata", "labels"], {})

# Regular containers only: the ones that serve traffic and need probes.
app_containers(obj) := object.get(pod_spec(obj), "containers", [])

# Every container that runs: init, regular and ephemeral.
all_containers(obj) := array.concat(
	array.concat(object.get(pod_spec(obj), "initContainers", []), app_containers(obj)),
	object.get(pod_spec(obj), "ephemeralContainers", []),
)

# The document a per-document policy evaluates: its pod spec and containers, computed once per evaluation
# (rules are memoized within an evaluation, functions are not), instead of once per rule that needs them.
input_pod_spec := pod_spec(input)

input_containers := all_containers(input)

input_app_containers := app_containers(input)

# Cluster folder of a rendered file: gitops/<cluster>/<area>/<file>.yaml → gitops/<cluster>. Cross-document
# rules only relate objects that share a scope, so one cluster's objects never satisfy another's.
scope(path) := concat("/", array.slice(parts, 0, count(parts) - 2)) if {
	parts := split(path, "/")
	count(parts) >= 3
}

scope(path) := "" if count(split(path, "/")) < 3

security_context(container) := object.get(container, "securityContext", {})

# A container's security setting wins over the pod-level one, as the kubelet applies them.
effective_security(_, container, field) := security_context(container)[field]

effective_security(spec, container, field) := object.get(spec, ["securityContext", field], null) if {
	not field in object.keys(security_context(container))
}

# A NetworkPolicy that selects every pod and admits no ingress traffic.
default_deny(policy) if {
	count(object.get(policy.spec, "podSelector", {})) == 0
	"Ingress" in object.get(policy.spec, "policyTypes", [])
	count(object.get(policy.spec, "ingress", [])) == 0
}

# A non-empty matchLabels selector that the given labels satisfy.
selector_matches(match_labels, labels) if {
	count(match_labels) > 0
	every key, value in match_labels {
		labels[key] == value
	}
}

# Seccomp profile type in force for a container: its own, else the pod's, else "".
seccomp_type(spec, container) := object.get(
	container,
	["securityContext", "seccompProfile", "type"],
	object.get(spec, ["securityContext", "seccompProfile", "type"], ""),
)
