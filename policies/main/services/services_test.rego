package main.services_test

import data.main.services

service(type) := {
	"apiVersion": "v1", "kind": "Service",
	"metadata": {"name": "api", "namespace": "go-coffee"},
	"spec": {"type": type},
}

test_cluster_ip_passes if {
	count(services.deny_load_balancer) == 0 with input as service("ClusterIP")
		with data.platform.load_balancer_services as []
}

test_unlisted_load_balancer_is_denied if {
	expected := concat("", [
		"v1 Service go-coffee/api: Service of type LoadBalancer is not allowed; ",
		"fix: use ClusterIP behind the Ingress or add go-coffee/api to platform.load_balancer_services",
	])
	services.deny_load_balancer == {expected} with input as service("LoadBalancer")
		with data.platform.load_balancer_services as []
}

test_listed_load_balancer_passes if {
	count(services.deny_load_balancer) == 0 with input as service("LoadBalancer")
		with data.platform.load_balancer_services as ["go-coffee/api"]
}
