# METADATA
# title: Per-document policies
# description: >-
#   Root of the policies conftest evaluates once per document (conftest's default mode). The package
#   holds no rules itself; it is the WASM entrypoint, so one evaluation of data.main per document answers
#   every policy package below it (main.pod_security, main.images, ...).
# scope: package
# entrypoint: true
package main
