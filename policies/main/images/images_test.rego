package main.images_test

import data.main.images

pod(image) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "go-coffee"}, "spec": {"containers": [{"name": "app", "image": image}]}}

platform := {"allowed_registries": ["ghcr.io/go-coffee/"]}

test_pinned_tag_from_allowed_registry_passes if {
	count(((images.deny_registry | images.deny_unpinned) | images.deny_latest)) == 0 with input as pod("ghcr.io/go-coffee/api-gateway:1.4.2")
		with data.platform as platform
}

test_digest_pin_passes if {
	count(images.deny_unpinned | images.deny_latest) == 0 with input as pod("ghcr.io/go-coffee/api-gateway@sha256:0123456789abcdef")
		with data.platform as platform
}

test_foreign_registry_is_denied if {
	images.deny_registry == {"v1 Pod go-coffee/p: container app uses image docker.io/library/nginx:1.27 from a registry that is not allowed; fix: publish it under one of ghcr.io/go-coffee/"} with input as pod("docker.io/library/nginx:1.27")
		with data.platform as platform
}

test_latest_tag_is_denied if {
	count(images.deny_latest) == 1 with input as pod("ghcr.io/go-coffee/api-gateway:latest")
		with data.platform as platform
}

test_untagged_image_is_denied if {
	count(images.deny_unpinned) == 1 with input as pod("ghcr.io/go-coffee/api-gateway")
		with data.platform as platform
}

test_registry_port_is_not_a_tag if {
	count(images.deny_unpinned) == 1 with input as pod("registry.local:5000/go-coffee/api")
		with data.platform as platform
}
