# METADATA
# title: Trusted, pinned images
# description: >-
#   Every container image comes from an allowed registry (data.platform.allowed_registries) and is pinned
#   by an immutable tag or a sha256 digest; `latest` (in any letter case) and untagged images are rejected.
#   Containers are read through lib.kubernetes.pods: every pod-bearing kind, init and ephemeral containers too.
# scope: package
# custom:
#   id: GC-K8S-003
#   severity: high
#   remediation: Use ghcr.io/go-coffee/<service>:<version> or pin by @sha256 digest.
package main.images

import data.lib.exceptions
import data.lib.images
import data.lib.kubernetes

deny_registry contains msg if {
	some entry in kubernetes.input_containers
	not images.from_registry(images.container_image(entry.container), data.platform.allowed_registries)
	msg := sprintf(
		"%s uses image %v from a registry that is not allowed; fix: publish it under one of %s",
		[entry.subject, images.container_image(entry.container), concat(", ", data.platform.allowed_registries)],
	)
}

deny_unpinned contains msg if {
	some entry in kubernetes.input_containers
	not images.digest_pinned(images.container_image(entry.container))
	not images.tag(images.container_image(entry.container))
	msg := sprintf("%s uses image %v without a tag or digest; fix: pin a version tag or @sha256 digest", [
		entry.subject,
		images.container_image(entry.container),
	])
}

# Tags are case-sensitive to a registry, but `LATEST` or `Latest` is the same trap to a reader.
deny_latest contains msg if {
	some entry in kubernetes.input_containers
	lower(images.tag(images.container_image(entry.container))) == "latest"
	msg := sprintf("%s uses the mutable tag latest (%v); fix: pin a version tag or @sha256 digest", [
		entry.subject,
		images.container_image(entry.container),
	])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.images", input)
}
