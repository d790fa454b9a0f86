# METADATA
# title: PodDisruptionBudget for replicated Deployments
# description: >-
#   A Deployment that runs more than one replica (spec.replicas, or the minReplicas of the HPA scaling it)
#   has a PodDisruptionBudget in its namespace whose selector matches its pod labels, so node drains keep
#   it available. Cross-document: runs over the combined set, per cluster folder.
# scope: package
# custom:
#   id: GC-K8S-010
#   severity: high
#   remediation: Render a PodDisruptionBudget (minAvailable 1 or maxUnavailable 1) selecting the pods.
package combined.disruption_budgets

import data.lib.combined
import data.lib.exceptions
import data.lib.kubernetes

# Every rule value is part of the package's result, which the WASM serializes after each evaluation: the
# indexes below keep only the fields the rules read, never whole objects. Membership tests are lookups
# (`covered[key]`): compiled to WASM, `key in set` scans the whole set.

# Per Deployment an HPA scales: its minReplicas (when set). Name and path keep two HPAs of one Deployment
# a conflict, as they are.
hpa_targets := {[entry.scope, kubernetes.namespace(entry.object), entry.object.spec.scaleTargetRef.name]: target |
	some entry in combined.of_kind("HorizontalPodAutoscaler")
	entry.object.spec.scaleTargetRef.kind == "Deployment"
	target := {
		"name": kubernetes.name(entry.object), "path": entry.path,
		"spec": object.filter(entry.object.spec, ["minReplicas"]),
	}
}

deployments := {key: deployment |
	some entry in combined.of_kind("Deployment")
	key := [entry.scope, kubernetes.namespace(entry.object), kubernetes.name(entry.object)]
	deployment := {
		"path": entry.path, "identity": kubernetes.identity(entry.object),
		"pod_labels": kubernetes.pod_template_labels(entry.object),
	}
}

# Deployments an exception (data.exceptions) waives this rule for.
waived contains key if {
	some entry in combined.of_kind("Deployment")
	exceptions.waived("combined.disruption_budgets", "missing_pdb", entry.object)
	key := [entry.scope, kubernetes.namespace(entry.object), kubernetes.name(entry.object)]
}

# Replicas a Deployment runs at least: the HPA's minReplicas when one scales it, else spec.replicas.
replicas := {key: count |
	some entry in combined.of_kind("Deployment")
	key := [entry.scope, kubernetes.namespace(entry.object), kubernetes.name(entry.object)]
	count := object.get(hpa_targets, [key, "spec", "minReplicas"], object.get(entry.object.spec, "replicas", 1))
}

pdb_namespaces := {[entry.scope, kubernetes.namespace(entry.object)] |
	some entry in combined.of_kind("PodDisruptionBudget")
}

pdb_selectors := {scoped_namespace: selectors |
	some scoped_namespace in pdb_namespaces
	selectors := [object.get(entry.object.spec, ["selector", "matchLabels"], {}) |
		some entry in combined.of_kind("PodDisruptionBudget")
		[entry.scope, kubernetes.namespace(entry.object)] == scoped_namespace
	]
}

covered := {key |
	some key, deployment in deployments
	some selector in object.get(pdb_selectors, [[key[0], key[1]]], [])
	kubernetes.selector_matches(selector, deployment.pod_labels)
}

deny_missing_pdb contains {"msg": msg, "path": deployment.path} if {
	some key, deployment in deployments
	replicas[key] > 1
	not covered[key]
	not waived[key]
	msg := sprintf("%s in %s: %d replicas but no PodDisruptionBudget selects its pods; fix: %s", [
		deployment.identity, key[0], replicas[key],
		"add a PodDisruptionBudget whose selector.matchLabels match the pod template",
	])
}
