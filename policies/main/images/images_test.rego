package main.images_test

import data.main.images

pod(image) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "p", "namespace": "go-coffee"},
	"spec": {"containers": [{"name": "app", "image": image}]},
}

platform := {"allowed_registries": ["ghcr.io/go-coffee/"]}

findings := (images.deny_registry | images.deny_unpinned) | images.deny_latest

test_pinned_tag_from_allowed_registry_passes if {
	count(findings) == 0 with input as pod("ghcr.io/go-coffee/api-gateway:1.4.2")
		with data.platform as platform
}

test_digest_pin_passes if {
	count(findings) == 0 with input as pod("ghcr.io/go-coffee/api-gateway@sha256:0123456789abcdef")
		with data.platform as platform
}

test_foreign_registry_is_denied if {
	images.deny_registry == {concat("", [
		"v1 Pod go-coffee/p: container app uses image docker.io/library/nginx:1.27 ",
		"from a registry that is not allowed; ",
		"fix: publish it under one of ghcr.io/go-coffee/",
	])} with input as pod("docker.io/library/nginx:1.27")
		with data.platform as platform
}

test_latest_tag_is_denied_in_any_letter_case if {
	every tag in ["latest", "LATEST", "Latest", "lAtEsT"] {
		image := concat(":", ["ghcr.io/go-coffee/api-gateway", tag])
		images.deny_latest == {sprintf(
			concat("", [
				"v1 Pod go-coffee/p: container app uses the mutable tag latest (%s); ",
				"fix: pin a version tag or @sha256 digest",
			]),
			[image],
		)} with input as pod(image)
			with data.platform as platform
	}
}

test_untagged_image_is_denied if {
	count(images.deny_unpinned) == 1 with input as pod("ghcr.io/go-coffee/api-gateway")
		with data.platform as platform
}

test_container_without_image_is_denied if {
	doc := json.remove(pod("x"), ["spec/containers/0/image"])
	images.deny_unpinned == {
		concat("", [
			"v1 Pod go-coffee/p: container app uses image  without a tag or digest; ",
			"fix: pin a version tag or @sha256 digest",
		]),
	} with input as doc
		with data.platform as platform
}

test_registry_port_is_not_a_tag if {
	count(images.deny_unpinned) == 1 with input as pod("registry.local:5000/go-coffee/api")
		with data.platform as platform
}

test_init_and_ephemeral_containers_of_a_listed_rollout_are_checked if {
	rollout := {
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "r", "namespace": "go-coffee"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "init", "image": "busybox:latest"}],
			"containers": [{"name": "app", "image": "ghcr.io/go-coffee/api:1.0.0"}],
			"ephemeralContainers": [{"name": "debug", "image": "ghcr.io/go-coffee/debug:LATEST"}],
		}}},
	}
	images.deny_latest == {
		concat("", [
			"argoproj.io/v1alpha1 Rollout go-coffee/r: ",
			"init container init uses the mutable tag latest (busybox:latest); ",
			"fix: pin a version tag or @sha256 digest",
		]),
		concat("", [
			"argoproj.io/v1alpha1 Rollout go-coffee/r: ephemeral container debug uses the mutable tag latest ",
			"(ghcr.io/go-coffee/debug:LATEST); fix: pin a version tag or @sha256 digest",
		]),
	} with input as {"apiVersion": "v1", "kind": "List", "items": [rollout]}
		with data.platform as platform
}
