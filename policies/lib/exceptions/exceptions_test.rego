package lib.exceptions_test

import data.lib.exceptions

pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug", "namespace": "go-coffee"}}

entry := {
	"policy": "main.pod_security",
	"rules": ["privileged"],
	"kind": "Pod",
	"namespace": "go-coffee",
	"name": "debug",
	"owner": "team-platform",
	"reason": "kernel tracing during incident",
	"expires": "2030-01-01",
}

# 2029-06-01T00:00:00Z and 2030-01-01T00:00:00Z
before_expiry := 1875139200000000000

after_expiry := 1893456000000000000

test_active_exception_grants_its_rules if {
	exceptions.granted("main.pod_security", pod) == {"privileged"} with data.exceptions as [entry]
		with time.now_ns as before_expiry
}

test_expired_exception_grants_nothing if {
	exceptions.granted("main.pod_security", pod) == set() with data.exceptions as [entry]
		with time.now_ns as after_expiry
}

test_expired_exception_is_reported_expired if {
	exceptions.expired(entry) with time.now_ns as after_expiry
}

test_exception_for_another_object_grants_nothing if {
	other := json.patch(pod, [{"op": "replace", "path": "/metadata/name", "value": "other"}])
	exceptions.granted("main.pod_security", other) == set() with data.exceptions as [entry]
		with time.now_ns as before_expiry
}

test_exception_without_owner_is_malformed if {
	not exceptions.well_formed(object.remove(entry, ["owner"]))
}

test_exception_with_bad_date_is_malformed if {
	not exceptions.well_formed(object.union(entry, {"expires": "next year"}))
}

test_no_exceptions_data_grants_nothing if {
	exceptions.granted("main.pod_security", pod) == set()
}
