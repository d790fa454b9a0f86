# METADATA
# title: Container image reference parsing
# description: Splits image references into tag and digest the way container runtimes read them.
# scope: package
package lib.images

# The part after the last "/" holds the tag, so a registry port (host:5000/x) is not mistaken for one.
last_segment(image) := segments[count(segments) - 1] if segments := split(image, "/")

digest_pinned(image) if contains(image, "@sha256:")

tag(image) := parts[count(parts) - 1] if {
	not digest_pinned(image)
	parts := split(last_segment(image), ":")
	count(parts) > 1
}

from_registry(image, prefixes) if {
	some prefix in prefixes
	startswith(image, prefix)
}

# A container's image reference; "" when it has none, so every image rule still sees the container.
container_image(container) := object.get(container, "image", "")
