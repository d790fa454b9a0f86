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

hpa_min_replicas[[entry.scope, kubernetes.namespace(entry.object), target.name]] := object.get(entry.object.spec, "minReplicas", 1) if {
	some entry in combined.of_kind("HorizontalPodAutoscaler")
	target := entry.object.spec.scaleTargetRef
	target.kind == "Deployment"
}

deployments[[entry.scope, kubernetes.namespace(entry.object), kubernetes.name(entry.object)]] := entry if {
	some entry in combined.of_kind("Deployment")
}

# Replicas a Deployment runs at least: the HPA's minReplicas when one scales it, else spec.replicas.
replicas[key] := hpa_min_replicas[key] if some key, _ in deployments

replicas[key] := object.get(entry.object.spec, "replicas", 1) if {
	some key, entry in deployments
	not hpa_min_replicas[key]
}

covered contains key if {
	some key, entry in deployments
	some pdb in combined.of_kind("PodDisruptionBudget")
	pdb.scope == entry.scope
	kubernetes.namespace(pdb.object) == kubernetes.namespace(entry.object)
	kubernetes.selector_matches(object.get(pdb.object.spec, ["selector", "matchLabels"], {}), kubernetes.pod_template_labels(entry.object))
}

deny_missing_pdb contains {"msg": msg, "path": entry.path} if {
	some key, entry in deployments
	replicas[key] > 1
	not key in covered
	msg := sprintf("%s in %s: %d replicas but no PodDisruptionBudget selects its pods; fix: add a PodDisruptionBudget whose selector.matchLabels match the pod template", [kubernetes.identity(entry.object), entry.scope, replicas[key]])
}
