# METADATA
# title: Policy exceptions with owner and expiry
# description: >-
#   conftest-style exceptions, read from `data.exceptions` (policies/data.yaml). Each entry names the
#   policy package, the rules it waives (conftest rule names without the deny_/warn_/violation_ prefix),
#   the object (kind, namespace, name), an owner, a reason and an expiry date (YYYY-MM-DD, first day the
#   waiver no longer applies). Malformed or expired entries waive nothing; combined.exceptions fails them.
# scope: package
package lib.exceptions

import data.lib.kubernetes

default entries := []

entries := data.exceptions

required_fields := ["policy", "rules", "kind", "name", "owner", "reason", "expires"]

# Rule names waived for obj by active exceptions of the given policy package.
granted(policy, obj) := {rule |
	some entry in entries
	entry.policy == policy
	applies_to(entry, obj)
	active(entry)
	some rule in entry.rules
}

applies_to(entry, obj) if {
	entry.kind == obj.kind
	entry.name == kubernetes.name(obj)
	object.get(entry, "namespace", "") == kubernetes.namespace(obj)
}

well_formed(entry) if {
	every field in required_fields {
		object.get(entry, field, "") != ""
	}
	is_array(entry.rules)
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, entry.expires)
	expiry_ns(entry)
}

expiry_ns(entry) := time.parse_rfc3339_ns(concat("", [entry.expires, "T00:00:00Z"]))

active(entry) if {
	well_formed(entry)
	time.now_ns() < expiry_ns(entry)
}

expired(entry) if {
	well_formed(entry)
	time.now_ns() >= expiry_ns(entry)
}
