# METADATA
# title: Default-deny NetworkPolicy per namespace
# description: >-
#   Every namespace that runs workloads has a NetworkPolicy selecting all pods (empty podSelector) with
#   policyType Ingress and no ingress rules, so only explicit allows admit traffic. Cross-document: runs
#   over the combined set, per cluster folder.
# scope: package
# custom:
#   id: GC-NET-001
#   severity: high
#   remediation: Render a default-deny NetworkPolicy in the namespace next to the explicit allows.
package combined.network_policies

import data.lib.combined
import data.lib.exceptions
import data.lib.kubernetes

workload_namespaces := {[entry.scope, kubernetes.namespace(entry.object)] |
	some entry in combined.objects
	kubernetes.is_workload(entry.object)
}

denied_namespaces := {[entry.scope, kubernetes.namespace(entry.object)] |
	some entry in combined.of_kind("NetworkPolicy")
	kubernetes.default_deny(entry.object)
}

# The first workload file of a namespace: where a report about the namespace points.
first_workload_path := {[scope, namespace]: min({entry.path |
	some entry in combined.objects
	kubernetes.is_workload(entry.object)
	entry.scope == scope
	kubernetes.namespace(entry.object) == namespace
}) |
	some [scope, namespace] in workload_namespaces
	not denied_namespaces[[scope, namespace]]
}

deny_missing_default_deny contains {"msg": msg, "path": first_workload_path[scoped_namespace]} if {
	some scoped_namespace in workload_namespaces
	not denied_namespaces[scoped_namespace]
	[scope, namespace] := scoped_namespace
	namespace_object := {"kind": "Namespace", "metadata": {"name": namespace}}
	not exceptions.waived("combined.network_policies", "missing_default_deny", namespace_object)
	msg := sprintf("%s: namespace %s runs workloads but has no default-deny NetworkPolicy; fix: %s", [
		scope, namespace,
		"add a NetworkPolicy with podSelector {} and policyTypes [Ingress] and no ingress rules",
	])
}
