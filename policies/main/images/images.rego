# METADATA
# title: Trusted, pinned images
# description: >-
#   Every container image comes from an allowed registry (data.platform.allowed_registries) and is pinned
#   by an immutable tag or a sha256 digest; `latest` and untagged images are rejected.
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
	some container in kubernetes.input_containers
	not images.from_registry(container.image, data.platform.allowed_registries)
	msg := sprintf("%s: container %s uses image %s from a registry that is not allowed; fix: publish it under one of %s", [kubernetes.identity(input), container.name, container.image, concat(", ", data.platform.allowed_registries)])
}

deny_unpinned contains msg if {
	some container in kubernetes.input_containers
	not images.digest_pinned(container.image)
	not images.tag(container.image)
	msg := sprintf("%s: container %s uses image %s without a tag or digest; fix: pin a version tag or @sha256 digest", [kubernetes.identity(input), container.name, container.image])
}

deny_latest contains msg if {
	some container in kubernetes.input_containers
	images.tag(container.image) == "latest"
	msg := sprintf("%s: container %s uses the mutable tag latest (%s); fix: pin a version tag or @sha256 digest", [kubernetes.identity(input), container.name, container.image])
}

exception contains [rule] if {
	some rule in exceptions.granted("main.images", input)
}
