# METADATA
# title: Helpers for cross-document rules
# description: >-
#   Cross-document rules run over conftest's --combine input: an array of {path, contents}. These helpers
#   index it by scope (cluster folder), so rules only relate objects of the same cluster.
# scope: package
package lib.combined

import data.lib.kubernetes

# Every object with the scope it belongs to.
objects contains {"scope": kubernetes.scope(document.path), "path": document.path, "object": document.contents} if {
	some document in input
	is_object(document.contents)
}

of_kind(kind) := {entry | some entry in objects; entry.object.kind == kind}
