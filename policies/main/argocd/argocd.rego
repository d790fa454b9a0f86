# METADATA
# title: Argo CD Applications
# description: >-
#   Applications never use the `default` project, source only from data.platform.allowed_repo_urls, and
#   the production core Applications (data.platform.prod_core_applications whose source path matches
#   data.platform.prod_source_paths) sync automatically with prune and selfHeal.
# scope: package
# custom:
#   id: GC-ARGO-001
#   severity: high
#   remediation: Set spec.project to the area's AppProject, use an allowed repoURL, enable automated sync.
package main.argocd

import data.lib.exceptions
import data.lib.kubernetes

is_application if {
	input.kind == "Application"
	startswith(input.apiVersion, "argoproj.io/")
}

sources contains source if {
	is_application
	source := input.spec.source
}

sources contains source if {
	is_application
	some source in object.get(input.spec, "sources", [])
}

deny_default_project contains msg if {
	is_application
	object.get(input.spec, "project", "default") == "default"
	msg := sprintf(
		"%s: Application uses the default AppProject; fix: set spec.project to the area's AppProject",
		[kubernetes.identity(input)],
	)
}

deny_repo_url contains msg if {
	some source in sources
	not source.repoURL in data.platform.allowed_repo_urls
	msg := sprintf(
		"%s: repoURL %s is not allowed; fix: use one of platform.allowed_repo_urls or add it there",
		[kubernetes.identity(input), object.get(source, "repoURL", "<none>")],
	)
}

must_automate if {
	kubernetes.name(input) in data.platform.prod_core_applications
	some source in sources
	some pattern in data.platform.prod_source_paths
	glob.match(pattern, ["/"], object.get(source, "path", ""))
}

deny_manual_sync contains msg if {
	must_automate
	some field in ["prune", "selfHeal"]
	not object.get(input.spec, ["syncPolicy", "automated", field], false) == true
	msg := sprintf(
		concat("", [
			"%s: production core Application does not sync automatically with %s; ",
			"fix: set spec.syncPolicy.automated.%s to true",
		]),
		[kubernetes.identity(input), field, field],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.argocd", input)
}
