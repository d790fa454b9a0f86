# METADATA
# title: Policy exceptions with owner and expiry
# description: >-
#   conftest-style exceptions, read from `data.exceptions` (policies/data.yaml). Each entry names the
#   policy package, the rules it waives (rule names without the deny_/warn_/violation_ prefix), the object
#   (kind, namespace, name), an owner, a reason and an expiry: a date (YYYY-MM-DD, the first day the waiver
#   no longer applies, at 00:00 UTC) or an RFC 3339 timestamp, validated the way OPA's time.parse_rfc3339_ns
#   does (real calendar days: 2027-02-30 is malformed). Malformed or expired entries waive nothing;
#   combined.exceptions fails the run on them. Per-document policies waive through their `exception`
#   rule (conftest's mechanism); cross-document policies filter each finding through `waived`.
# scope: package
package lib.exceptions

import data.lib.kubernetes

default entries := []

entries := data.exceptions

required_fields := ["policy", "kind", "name", "owner", "reason"]

# Rule names waived for obj by active exceptions of the given policy package.
granted(policy, obj) := {rule |
	some entry in entries
	entry.policy == policy
	applies_to(entry, obj)
	active(entry)
	some rule in entry.rules
}

# Whether an active exception waives one finding of a cross-document rule about obj.
waived(policy, rule, obj) if rule in granted(policy, obj)

applies_to(entry, obj) if {
	entry.kind == obj.kind
	entry.name == kubernetes.name(obj)
	object.get(entry, "namespace", "") == kubernetes.namespace(obj)
}

well_formed(entry) if {
	is_object(entry)
	every field in required_fields {
		non_empty_string(object.get(entry, field, null))
	}
	non_empty_string(object.get(entry, "namespace", "-"))
	is_array(entry.rules)
	count(entry.rules) > 0
	every rule in entry.rules {
		non_empty_string(rule)
	}
	expiry_ns(entry)
}

non_empty_string(value) if {
	is_string(value)
	value != ""
}

# A date alone means its first instant in UTC. time.parse_rfc3339_ns rejects days a month does not have.
expiry_ns(entry) := time.parse_rfc3339_ns(concat("", [entry.expires, "T00:00:00Z"])) if {
	is_string(entry.expires)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, entry.expires)
}

expiry_ns(entry) := time.parse_rfc3339_ns(entry.expires) if {
	is_string(entry.expires)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]`, entry.expires)
}

active(entry) if {
	well_formed(entry)
	time.now_ns() < expiry_ns(entry)
}

expired(entry) if {
	well_formed(entry)
	time.now_ns() >= expiry_ns(entry)
}
