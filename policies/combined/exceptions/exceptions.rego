# METADATA
# title: Exceptions are owned, justified and unexpired
# description: >-
#   Every entry of data.exceptions names its policy, rules, object, owner, reason and an expiry (a real
#   calendar date YYYY-MM-DD, or an RFC 3339 timestamp). An expired or malformed entry fails the gate: it
#   waives nothing, and this rule says so.
#   Runs once over the combined set because it checks data, not documents.
# scope: package
# custom:
#   id: GC-GATE-001
#   severity: high
#   remediation: Renew the exception with its owner's agreement, or fix the object and delete the exception.
package combined.exceptions

import data.lib.exceptions

deny_expired contains {"msg": msg, "path": "policies/data.yaml"} if {
	some entry in exceptions.entries
	exceptions.expired(entry)
	msg := sprintf("exception for %s %s/%s (%s: %s) owned by %s expired on %s; fix: %s", [
		entry.kind, object.get(entry, "namespace", ""), entry.name,
		entry.policy, concat(",", entry.rules), entry.owner, entry.expires,
		"fix the object or renew the exception with its owner",
	])
}

deny_malformed contains {"msg": msg, "path": "policies/data.yaml"} if {
	some index, entry in exceptions.entries
	not exceptions.well_formed(entry)
	msg := sprintf("exception #%d in policies/data.yaml is malformed; fix: %s", [
		index,
		"give it policy, rules (non-empty list), kind, name, owner, reason and expires (a real YYYY-MM-DD or RFC 3339)",
	])
}
