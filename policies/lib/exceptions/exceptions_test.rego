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

test_expiry_is_the_first_instant_of_the_day_in_utc if {
	exceptions.active(entry) with time.now_ns as after_expiry - 1
	not exceptions.active(entry) with time.now_ns as after_expiry
}

test_rfc3339_expiry_is_accepted if {
	timestamp := object.union(entry, {"expires": "2029-12-31T22:00:00-02:00"})
	exceptions.expiry_ns(timestamp) == after_expiry
	exceptions.active(timestamp) with time.now_ns as after_expiry - 1
	exceptions.expired(timestamp) with time.now_ns as after_expiry
}

test_exception_for_another_object_grants_nothing if {
	other := json.patch(pod, [{"op": "replace", "path": "/metadata/name", "value": "other"}])
	exceptions.granted("main.pod_security", other) == set() with data.exceptions as [entry]
		with time.now_ns as before_expiry
}

test_cross_document_finding_is_waived_per_object if {
	cross := object.union(entry, {"policy": "combined.x", "rules": ["missing_thing"]})
	exceptions.waived("combined.x", "missing_thing", pod) with data.exceptions as [cross]
		with time.now_ns as before_expiry
	not exceptions.waived("combined.x", "other_rule", pod) with data.exceptions as [cross]
		with time.now_ns as before_expiry
}

test_exception_without_owner_is_malformed if {
	not exceptions.well_formed(object.remove(entry, ["owner"]))
	not exceptions.well_formed(object.union(entry, {"owner": ""}))
	not exceptions.well_formed(object.union(entry, {"owner": 7}))
}

test_exception_without_rules_is_malformed if {
	not exceptions.well_formed(object.union(entry, {"rules": []}))
	not exceptions.well_formed(object.union(entry, {"rules": "privileged"}))
	not exceptions.well_formed(object.union(entry, {"rules": [""]}))
}

test_impossible_or_malformed_dates_are_malformed if {
	every expires in [
		"next year", "2027-02-30", "2027-06-31", "2026-02-29", "2027-13-01", "2027-00-10", "2027-1-01",
		"2027-01-01T25:00:00Z", "2027-01-01T00:00:00", "2027-02-30T00:00:00Z", "2027-01-01 00:00:00Z", "",
	] {
		not exceptions.well_formed(object.union(entry, {"expires": expires}))
		not exceptions.active(object.union(entry, {"expires": expires})) with time.now_ns as 0
	}
	not exceptions.well_formed(object.union(entry, {"expires": 20270101}))
}

test_leap_day_is_a_real_date if {
	exceptions.well_formed(object.union(entry, {"expires": "2028-02-29"}))
}

test_malformed_exception_grants_nothing if {
	bad := object.union(entry, {"expires": "2027-02-30"})
	exceptions.granted("main.pod_security", pod) == set() with data.exceptions as [bad]
		with time.now_ns as 0
}

test_no_exceptions_data_grants_nothing if {
	exceptions.granted("main.pod_security", pod) == set()
}
