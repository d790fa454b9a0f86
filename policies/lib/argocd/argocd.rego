# METADATA
# title: Argo CD AppProject destination matching
# description: >-
#   Whether an AppProject's spec.destinations allow an Application destination: namespace and server
#   (or cluster name) are glob patterns, as Argo CD evaluates them.
# scope: package
package lib.argocd

destination_allowed(project, destination) if {
	some allowed in object.get(project.spec, "destinations", [])
	glob.match(object.get(allowed, "namespace", "*"), [], object.get(destination, "namespace", ""))
	server_allowed(allowed, destination)
}

server_allowed(allowed, destination) if {
	not allowed.name
	glob.match(object.get(allowed, "server", "*"), [], object.get(destination, "server", ""))
}

server_allowed(allowed, destination) if {
	allowed.name
	glob.match(allowed.name, [], object.get(destination, "name", ""))
}
