package combined.argocd_destinations_test

import data.combined.argocd_destinations

project := {"path": "gitops/dev/platform/appproject-core.yaml", "contents": {
	"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject", "metadata": {"name": "core", "namespace": "argocd"},
	"spec": {"destinations": [{"namespace": "go-coffee*", "server": "https://kubernetes.default.svc"}]},
}}

application(namespace) := {"path": "gitops/dev/platform/application-core-services.yaml", "contents": {
	"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
	"metadata": {"name": "core-services", "namespace": "argocd"},
	"spec": {"project": "core", "destination": {"namespace": namespace, "server": "https://kubernetes.default.svc"}},
}}

test_allowed_destination_passes if {
	findings := argocd_destinations.deny_destination | argocd_destinations.deny_missing_project
	count(findings) == 0 with input as [project, application("go-coffee-functions")]
}

test_destination_outside_project_is_denied if {
	{violation.msg | some violation in argocd_destinations.deny_destination} == {concat("", [
		"argoproj.io/v1alpha1 Application argocd/core-services in gitops/dev: destination namespace kube-system on ",
		"https://kubernetes.default.svc is not allowed by AppProject core; ",
		"fix: add it to the AppProject's spec.destinations or change the Application's project",
	])} with input as [project, application("kube-system")]
}

test_missing_project_is_denied if {
	count(argocd_destinations.deny_missing_project) == 1 with input as [application("go-coffee")]
}

test_destination_by_cluster_name if {
	named := json.patch(project, [{
		"op": "replace", "path": "/contents/spec/destinations",
		"value": [{"namespace": "*", "name": "in-cluster"}],
	}])
	app := json.patch(application("go-coffee"), [{
		"op": "replace", "path": "/contents/spec/destination",
		"value": {"namespace": "go-coffee", "name": "in-cluster"},
	}])
	count(argocd_destinations.deny_destination) == 0 with input as [named, app]
}

test_exception_waives_one_application if {
	app := {"path": "gitops/dev/applications/application-x.yaml", "contents": {
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "x", "namespace": "argocd"},
		"spec": {"project": "missing", "destination": {"namespace": "x", "server": "https://kubernetes.default.svc"}},
	}}
	entry := {
		"policy": "combined.argocd_destinations", "rules": ["missing_project"], "kind": "Application",
		"namespace": "argocd", "name": "x", "owner": "team-platform", "reason": "bootstrap", "expires": "2030-01-01",
	}
	count(argocd_destinations.deny_missing_project) == 1 with input as [app]
	count(argocd_destinations.deny_missing_project) == 0 with input as [app]
		with data.exceptions as [entry]
		with time.now_ns as 0
}
