package combined.exceptions_test

import data.combined.exceptions

entry := {
	"policy": "main.pod_security", "rules": ["privileged"], "kind": "Pod", "namespace": "go-coffee",
	"name": "debug", "owner": "team-platform", "reason": "incident", "expires": "2030-01-01",
}

test_current_exception_passes if {
	count(exceptions.deny_expired | exceptions.deny_malformed) == 0 with data.exceptions as [entry]
		with time.now_ns as 1875139200000000000
}

test_expired_exception_is_denied if {
	{violation.msg | some violation in exceptions.deny_expired} == {concat("", [
		"exception for Pod go-coffee/debug (main.pod_security: privileged) owned by team-platform ",
		"expired on 2030-01-01; ",
		"fix: fix the object or renew the exception with its owner",
	])} with data.exceptions as [entry]
		with time.now_ns as 1893456000000000000
}

malformed := concat("", [
	"exception #0 in policies/data.yaml is malformed; fix: give it policy, rules (non-empty list), kind, name, owner, ",
	"reason and expires (a real YYYY-MM-DD or RFC 3339)",
])

test_malformed_exception_is_denied if {
	without_owner := object.remove(entry, ["owner"])
	{violation.msg | some violation in exceptions.deny_malformed} == {malformed} with data.exceptions as [without_owner]
}

test_exception_with_an_impossible_date_is_denied_and_never_waives if {
	every expires in ["2027-02-30", "2027-06-31"] {
		bad := object.union(entry, {"expires": expires})
		{violation.msg | some violation in exceptions.deny_malformed} == {malformed} with data.exceptions as [bad]
		count(exceptions.deny_expired) == 0 with data.exceptions as [bad]
	}
}
