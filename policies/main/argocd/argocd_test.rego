package main.argocd_test

import data.main.argocd

platform := {
	"allowed_repo_urls": ["https://github.com/go-coffee/go-coffee-gitops.git"],
	"prod_core_applications": ["core-services"],
	"prod_source_paths": ["gitops/prod-*/**"],
}

application(spec) := {
	"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
	"metadata": {"name": "core-services", "namespace": "argocd"},
	"spec": spec,
}

prod_core := {
	"project": "core",
	"source": {
		"repoURL": "https://github.com/go-coffee/go-coffee-gitops.git",
		"path": "gitops/prod-aws-us-east-1/core-services",
	},
	"syncPolicy": {"automated": {"prune": true, "selfHeal": true}},
}

test_prod_core_application_passes if {
	denials := (argocd.deny_default_project | argocd.deny_repo_url) | argocd.deny_manual_sync
	count(denials) == 0 with input as application(prod_core)
		with data.platform as platform
}

test_default_project_is_denied if {
	expected := concat("", [
		"argoproj.io/v1alpha1 Application argocd/core-services: Application uses the default AppProject; ",
		"fix: set spec.project to the area's AppProject",
	])
	argocd.deny_default_project == {expected} with input as application(object.union(prod_core, {"project": "default"}))
		with data.platform as platform
}

test_unknown_repo_url_is_denied if {
	chart_source := {"repoURL": "https://example.com/charts", "chart": "x"}
	spec := object.union(object.remove(prod_core, ["source"]), {"sources": [chart_source]})
	count(argocd.deny_repo_url) == 1 with input as application(spec)
		with data.platform as platform
}

test_manual_prod_core_application_is_denied if {
	spec := object.remove(prod_core, ["syncPolicy"])
	count(argocd.deny_manual_sync) == 2 with input as application(spec)
		with data.platform as platform
}

test_manual_dev_application_passes if {
	spec := {"project": "core", "source": {
		"repoURL": "https://github.com/go-coffee/go-coffee-gitops.git",
		"path": "gitops/dev-aws-us-east-1/core-services",
	}}
	count(argocd.deny_manual_sync) == 0 with input as application(spec)
		with data.platform as platform
}

test_manual_prod_application_outside_core_passes if {
	spec := object.remove(prod_core, ["syncPolicy"])
	doc := json.patch(application(spec), [{"op": "replace", "path": "/metadata/name", "value": "web3-payment"}])
	count(argocd.deny_manual_sync) == 0 with input as doc
		with data.platform as platform
}
