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
import data.lib.kubernetes

hpa_targets := {[entry.scope, kubernetes.namespace(entry.object), entry.object.spec.scaleTargetRef.name]: entry |
	some entry in combined.of_kind("HorizontalPodAutoscaler")
	entry.object.spec.scaleTargetRef.kind == "Deployment"
}

deployments := {[entry.scope, kubernetes.namespace(entry.object), kubernetes.name(entry.object)]: entry |
	some entry in combined.of_kind("Deployment")
}

# Replicas a Deployment runs at least: the HPA's minReplicas when one scales it, else spec.replicas.
replicas := {key: count |
	some key, entry in deployments
	count := object.get(hpa_targets, [key, "object", "spec", "minReplicas"], object.get(entry.object.spec, "replicas", 1))
}

pdb_namespaces := {[entry.scope, kubernetes.namespace(entry.object)] | some entry in combined.of_kind("PodDisruptionBudget")}

pdb_selectors := {scoped_namespace: selectors |
	some scoped_namespace in pdb_namespaces
	selectors := [object.get(entry.object.spec, ["selector", "matchLabels"], {}) |
		some entry in combined.of_kind("PodDisruptionBudget")
		[entry.scope, kubernetes.namespace(entry.object)] == scoped_namespace
	]
}

covered := {key |
	some key, entry in deployments
	some selector in object.get(pdb_selectors, [[entry.scope, kubernetes.namespace(entry.object)]], [])
	kubernetes.selector_matches(selector, kubernetes.pod_template_labels(entry.object))
}

deny_missing_pdb contains {"msg": msg, "path": entry.path} if {
	some key, entry in deployments
	replicas[key] > 1
	not key in covered
	msg := sprintf("%s in %s: %d replicas but no PodDisruptionBudget selects its pods; fix: add a PodDisruptionBudget whose selector.matchLabels match the pod template", [kubernetes.identity(entry.object), entry.scope, replicas[key]])
}
