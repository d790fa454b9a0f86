package main.alerts_test

import data.main.alerts

rule_doc(alert) := {
	"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
	"metadata": {"name": "go-coffee", "namespace": "monitoring"},
	"spec": {"groups": [{"name": "g", "rules": [alert, {"record": "job:up:sum", "expr": "sum(up)"}]}]},
}

good := {
	"alert": "ServiceDown", "expr": "up == 0",
	"labels": {"severity": "critical"},
	"annotations": {"runbook_url": "https://runbooks.go-coffee.com/service-down"},
}

test_complete_alert_passes if {
	count(alerts.deny_severity) + count(alerts.deny_runbook) == 0 with input as rule_doc(good)
}

test_alert_without_severity_is_denied if {
	expected := concat("", [
		"monitoring.coreos.com/v1 PrometheusRule monitoring/go-coffee: ",
		"alert ServiceDown has no severity label (critical, warning or info); ",
		"fix: set labels.severity",
	])
	alerts.deny_severity == {expected} with input as rule_doc(object.remove(good, ["labels"]))
}

test_alert_without_runbook_is_denied if {
	count(alerts.deny_runbook) == 1 with input as rule_doc(object.remove(good, ["annotations"]))
}
