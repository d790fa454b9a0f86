package lib.images_test

import data.lib.images

test_tag_of_plain_reference if {
	images.tag("ghcr.io/go-coffee/api:1.2.3") == "1.2.3"
}

test_registry_port_is_not_a_tag if {
	not images.tag("registry.local:5000/go-coffee/api")
}

test_digest_reference_has_no_tag if {
	images.digest_pinned("ghcr.io/go-coffee/api@sha256:abc")
	not images.tag("ghcr.io/go-coffee/api@sha256:abc")
}

test_from_registry if {
	images.from_registry("ghcr.io/go-coffee/api:1", ["docker.io/", "ghcr.io/go-coffee/"])
	not images.from_registry("ghcr.io/other/api:1", ["ghcr.io/go-coffee/"])
}
