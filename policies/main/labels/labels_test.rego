package main.labels_test

import data.main.labels

platform := {
	"required_labels": ["app.kubernetes.io/name", "go-coffee.io/owner"],
	"regulated_workloads": ["user-gateway"],
	"data_classification_label": "go-coffee.io/data-classification",
	"data_classifications": ["pci", "gdpr"],
}

labelled(kind, extra) := {
	"apiVersion": "apps/v1",
	"kind": kind,
	"metadata": {
		"name": "user-gateway", "namespace": "go-coffee",
		"labels": object.union({"app.kubernetes.io/name": "user-gateway", "go-coffee.io/owner": "team-users"}, extra),
	},
}

test_labelled_regulated_workload_passes if {
	doc := labelled("Deployment", {"go-coffee.io/data-classification": "gdpr"})
	count(labels.deny_required) + count(labels.deny_data_classification) == 0 with input as doc
		with data.platform as platform
}

test_missing_owner_is_denied if {
	doc := json.remove(labelled("Service", {}), ["metadata/labels/go-coffee.io~1owner"])
	expected := concat("", [
		"apps/v1 Service go-coffee/user-gateway: label go-coffee.io/owner is missing; ",
		"fix: set it in the render engine's ownership labels",
	])
	labels.deny_required == {expected} with input as doc
		with data.platform as platform
}

test_regulated_workload_without_classification_is_denied if {
	count(labels.deny_data_classification) == 1 with input as labelled("Deployment", {})
		with data.platform as platform
	public := labelled("Deployment", {"go-coffee.io/data-classification": "public"})
	count(labels.deny_data_classification) == 1 with input as public
		with data.platform as platform
}

test_classification_only_required_on_workloads if {
	count(labels.deny_data_classification) == 0 with input as labelled("Service", {})
		with data.platform as platform
}
