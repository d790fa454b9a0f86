# METADATA
# title: Alerts are routable and actionable
# description: >-
#   Every alerting rule of a PrometheusRule has a severity label (Alertmanager routes on it) and a
#   runbook_url annotation (the on-call engineer's first step).
# scope: package
# custom:
#   id: GC-OBS-001
#   severity: high
#   remediation: Set labels.severity and annotations.runbook_url on the alert.
package main.alerts

import data.lib.exceptions
import data.lib.kubernetes

alerts contains rule if {
	input.kind == "PrometheusRule"
	some group in object.get(input.spec, "groups", [])
	some rule in object.get(group, "rules", [])
	rule.alert
}

deny_severity contains msg if {
	some alert in alerts
	not object.get(alert, ["labels", "severity"], "") in {"critical", "warning", "info"}
	msg := sprintf(
		"%s: alert %s has no severity label (critical, warning or info); fix: set labels.severity",
		[kubernetes.identity(input), alert.alert],
	)
}

deny_runbook contains msg if {
	some alert in alerts
	object.get(alert, ["annotations", "runbook_url"], "") == ""
	msg := sprintf(
		"%s: alert %s has no runbook; fix: set annotations.runbook_url",
		[kubernetes.identity(input), alert.alert],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.alerts", input)
}
