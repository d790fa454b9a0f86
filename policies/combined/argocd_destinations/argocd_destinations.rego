# METADATA
# title: Application destinations allowed by their AppProject
# description: >-
#   Every Argo CD Application deploys to a namespace and server that its AppProject's spec.destinations
#   allow (glob patterns as Argo CD evaluates them); the AppProject must be rendered in the same cluster
#   folder. Cross-document: runs over the combined set.
# scope: package
# custom:
#   id: GC-ARGO-002
#   severity: high
#   remediation: Add the destination to the AppProject or move the Application to the right project.
package combined.argocd_destinations

import data.lib.argocd
import data.lib.combined
import data.lib.exceptions
import data.lib.kubernetes

applications contains entry if {
	some entry in combined.of_kind("Application")
	startswith(entry.object.apiVersion, "argoproj.io/")
}

projects := {[entry.scope, kubernetes.name(entry.object)]: entry.object |
	some entry in combined.of_kind("AppProject")
	startswith(entry.object.apiVersion, "argoproj.io/")
}

deny_missing_project contains {"msg": msg, "path": entry.path} if {
	some entry in applications
	project := object.get(entry.object.spec, "project", "default")
	not projects[[entry.scope, project]]
	not exceptions.waived("combined.argocd_destinations", "missing_project", entry.object)
	msg := sprintf("%s in %s: AppProject %s is not rendered; fix: %s", [
		kubernetes.identity(entry.object), entry.scope, project,
		"render the AppProject or use an existing one",
	])
}

deny_destination contains {"msg": msg, "path": entry.path} if {
	some entry in applications
	project := projects[[entry.scope, object.get(entry.object.spec, "project", "default")]]
	destination := object.get(entry.object.spec, "destination", {})
	not argocd.destination_allowed(project, destination)
	not exceptions.waived("combined.argocd_destinations", "destination", entry.object)
	msg := sprintf("%s in %s: destination namespace %s on %s is not allowed by AppProject %s; fix: %s", [
		kubernetes.identity(entry.object), entry.scope,
		object.get(destination, "namespace", "<none>"),
		object.get(destination, "server", object.get(destination, "name", "<none>")),
		kubernetes.name(project),
		"add it to the AppProject's spec.destinations or change the Application's project",
	])
}
