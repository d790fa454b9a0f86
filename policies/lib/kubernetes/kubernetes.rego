# METADATA
# title: Kubernetes object helpers
# description: >-
#   Shared accessors for rendered Kubernetes objects: identity strings for messages, the one extraction of
#   pod specs from every pod-bearing kind (and the items of a List), their containers, and the scope
#   (cluster folder) a file belongs to.
# scope: package
package lib.kubernetes

# Kinds whose pod template sits at spec.template (apps/v1, v1 and batch/v1 controllers).
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}

# Kinds whose pods run on the cluster. A PodTemplate only describes pods: it carries a pod spec (and is
# checked like one) but runs nothing.
workload_kinds := template_kinds | {"Pod", "CronJob", "Rollout"}

is_workload(obj) if {
	obj.kind in workload_kinds
	not foreign_rollout(obj)
}

# Argo Rollouts' Rollout; a Rollout of another API group is not a workload we know.
foreign_rollout(obj) if {
	obj.kind == "Rollout"
	not startswith(object.get(obj, "apiVersion", ""), "argoproj.io/")
}

name(obj) := object.get(obj, ["metadata", "name"], "")

namespace(obj) := object.get(obj, ["metadata", "namespace"], "")

labels(obj) := object.get(obj, ["metadata", "labels"], {})

# `apps/v1 Deployment go-coffee/api-gateway`: the form every message uses to name an object.
identity(obj) := concat(" ", [object.get(obj, "apiVersion", ""), object.get(obj, "kind", ""), qualified_name(obj)])

qualified_name(obj) := concat("/", [namespace(obj), name(obj)]) if namespace(obj) != ""

qualified_name(obj) := name(obj) if namespace(obj) == ""

# The pod an object runs or describes: its metadata, its spec and the path of that spec in the object.
# The one place that knows where each kind keeps its pod; every container rule reads pods through it.
pod_of(obj) := {"metadata": object.get(obj, "metadata", {}), "spec": obj.spec, "path": "spec"} if {
	obj.kind == "Pod"
	is_object(obj.spec)
}

pod_of(obj) := template_pod(obj.template, "template") if obj.kind == "PodTemplate"

pod_of(obj) := template_pod(obj.spec.template, "spec.template") if {
	template_kinds[obj.kind]
}

pod_of(obj) := template_pod(obj.spec.template, "spec.template") if {
	obj.kind == "Rollout"
	not foreign_rollout(obj)
}

pod_of(obj) := template_pod(obj.spec.jobTemplate.spec.template, "spec.jobTemplate.spec.template") if {
	obj.kind == "CronJob"
}

template_pod(template, path) := {
	"metadata": object.get(template, "metadata", {}),
	"spec": template.spec,
	"path": concat(".", [path, "spec"]),
} if {
	is_object(template)
	is_object(template.spec)
}

# The objects a document stands for: the items of a List (`kind: List`, or any `<Kind>List` with an
# items array, as kubectl reads them), else the document itself.
objects(doc) := [item | some item in doc.items] if is_list(doc)

objects(doc) := [doc] if not is_list(doc)

is_list(doc) if {
	is_string(doc.kind)
	endswith(doc.kind, "List")
	is_array(doc.items)
}

# Every pod a document holds, with the object that owns it.
pods(doc) := [{"object": obj, "metadata": template.metadata, "spec": template.spec, "path": template.path} |
	some obj in objects(doc)
	template := pod_of(obj)
]

# Container lists of a pod spec, in the order the kubelet starts them, and how messages call each one.
container_fields := ["initContainers", "containers", "ephemeralContainers"]

container_labels := {
	"initContainers": "init container",
	"containers": "container",
	"ephemeralContainers": "ephemeral container",
}

# Every container of the given pods, with its pod, the list it is in, and `<identity>: <label> <name>`
# (the subject of every container message).
containers(pods) := [entry |
	some pod in pods
	some field in container_fields
	some container in object.get(pod.spec, field, [])
	is_object(container)
	entry := {
		"pod": pod,
		"field": field,
		"container": container,
		"subject": sprintf(
			"%s: %s %s",
			[identity(pod.object), container_labels[field], object.get(container, "name", "")],
		),
	}
]

# Every container of an object's pods (init, regular and ephemeral), as plain container objects, for rules
# that need no more than the container.
all_containers(obj) := [entry.container | some entry in containers(pods(obj))]

# The document a per-document policy evaluates: its pods and containers, computed once per evaluation
# (rules are memoized within an evaluation, functions are not), instead of once per rule that needs them.
input_pods := pods(input)

input_containers := containers(input_pods)

# Regular containers only: the ones that serve traffic and need probes.
input_app_containers := [entry | some entry in input_containers; entry.field == "containers"]

# Regular containers of any document (cross-document policies read other objects than `input`).
app_containers(doc) := [entry.container | some entry in containers(pods(doc)); entry.field == "containers"]

# A pod's own securityContext setting at path (a list of keys), or null.
pod_setting(pod, path) := object.get(pod.spec, array.concat(["securityContext"], path), null)

# A container entry's (see containers) own securityContext setting at path, or null.
container_setting(entry, path) := object.get(entry.container, array.concat(["securityContext"], path), null)

windows_pod(pod) if pod.spec.os.name == "windows"

# Pods of Jobs and CronJobs run to completion; every other pod restarts its containers forever (restart
# policy Always, the default), whatever kind carries it.
run_to_completion_kinds := {"Job", "CronJob"}

long_running(pod) if {
	not run_to_completion_kinds[pod.object.kind]
	object.get(pod.spec, "restartPolicy", "Always") == "Always"
}

# A container's probes and lifecycle handlers, each with its path in the container.
handlers(container) := array.concat(
	[{"path": field, "value": container[field]} |
		some field in ["livenessProbe", "readinessProbe", "startupProbe"]
		is_object(container[field])
	],
	[{"path": concat(".", ["lifecycle", field]), "value": container.lifecycle[field]} |
		some field in ["postStart", "preStop"]
		is_object(container.lifecycle[field])
	],
)

# Whether TLS hosts cover a host: exactly, or by a `*.` wildcard one label deep (`*.go-coffee.com` covers
# `api.go-coffee.com`, not `go-coffee.com` nor `a.b.go-coffee.com`).
tls_covers(hosts, host) if host in hosts

tls_covers(hosts, host) if {
	dot := indexof(host, ".")
	dot > 0
	concat("", ["*", substring(host, dot, -1)]) in hosts
}

# Labels of a controller's pod template (spec.template), what its selectors and PDBs match.
pod_template_labels(obj) := object.get(obj, ["spec", "template", "metadata", "labels"], {})

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
