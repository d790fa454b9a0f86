# METADATA
# title: Ownership and data-classification labels
# description: >-
#   Every object carries the labels in data.platform.required_labels (name, part-of, managed-by and an
#   owner); workloads of PCI/GDPR-scoped services (data.platform.regulated_workloads) also carry a data
#   classification from data.platform.data_classifications.
# scope: package
# custom:
#   id: GC-K8S-004
#   severity: high
#   remediation: Labels are set by the render engine in one place; fix the renderer, never the output.
package main.labels

import data.lib.exceptions
import data.lib.kubernetes

deny_required contains msg if {
	input.metadata
	some label in data.platform.required_labels
	object.get(kubernetes.labels(input), label, "") == ""
	msg := sprintf(
		"%s: label %s is missing; fix: set it in the render engine's ownership labels",
		[kubernetes.identity(input), label],
	)
}

deny_data_classification contains msg if {
	kubernetes.is_workload(input)
	kubernetes.labels(input)["app.kubernetes.io/name"] in data.platform.regulated_workloads
	label := data.platform.data_classification_label
	not object.get(kubernetes.labels(input), label, "") in data.platform.data_classifications
	msg := sprintf(
		"%s: PCI/GDPR-scoped workload has no valid %s label; fix: set it to one of %s",
		[kubernetes.identity(input), label, concat(", ", data.platform.data_classifications)],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.labels", input)
}
