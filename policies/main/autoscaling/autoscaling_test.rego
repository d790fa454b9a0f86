package main.autoscaling_test

import data.main.autoscaling

hpa(spec) := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": spec,
}

test_min_below_max_passes if {
	count(autoscaling.deny_replica_bounds) == 0 with input as hpa({"minReplicas": 2, "maxReplicas": 10})
}

test_default_min_passes if {
	count(autoscaling.deny_replica_bounds) == 0 with input as hpa({"maxReplicas": 3})
}

test_min_above_max_is_denied if {
	expected := concat("", [
		"autoscaling/v2 HorizontalPodAutoscaler go-coffee/api: minReplicas 5 is above maxReplicas 3; ",
		"fix: set spec.minReplicas <= spec.maxReplicas",
	])
	autoscaling.deny_replica_bounds == {expected} with input as hpa({"minReplicas": 5, "maxReplicas": 3})
}

test_zero_min_is_denied if {
	count(autoscaling.deny_replica_bounds) == 1 with input as hpa({"minReplicas": 0, "maxReplicas": 3})
}
