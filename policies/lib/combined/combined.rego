# METADATA
# title: Helpers for cross-document rules
# description: >-
#   Cross-document rules run over conftest's --combine input: an array of {path, contents}. These helpers
#   index it by scope (cluster folder), so rules only relate objects of the same cluster.
# scope: package
package lib.combined

import data.lib.kubernetes

# Every object with the scope it belongs to (an array: hashing thousands of whole objects into a set is
# the most expensive thing the WASM could do here).
objects := [{"scope": kubernetes.scope(document.path), "path": document.path, "object": document.contents} |
	some document in input
	is_object(document.contents)
]

# Objects grouped by kind. Cross-document rules build complete values (comprehensions) once per
# evaluation and look keys up in them: functions and partial-rule lookups are not memoized in WASM, and
# re-running them inside loops over thousands of objects is quadratic.
kinds := {entry.object.kind | some entry in objects}

by_kind := {kind: [entry | some entry in objects; entry.object.kind == kind] | some kind in kinds}

of_kind(kind) := object.get(by_kind, kind, [])
