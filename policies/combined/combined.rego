# METADATA
# title: Cross-document policies
# description: >-
#   Root of the policies evaluated once over all documents together with conftest's --combine input
#   shape (an array of {path, contents}). The package holds no rules itself; it is the WASM entrypoint
#   for every combined.* policy package.
# scope: package
# entrypoint: true
package combined
