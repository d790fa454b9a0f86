package main.secrets_test

import data.main.secrets

secret(fields) := object.union(
	{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "jwt", "namespace": "go-coffee"}},
	fields,
)

test_secret_without_data_passes if {
	count(secrets.deny_secret_data) == 0 with input as secret({"data": {}})
}

test_secret_with_data_is_denied if {
	expected := concat("", [
		"v1 Secret go-coffee/jwt: Secret carries data in git; ",
		"fix: delete it and render an ExternalSecret that references the secret store",
	])
	secrets.deny_secret_data == {expected} with input as secret({"data": {"key": "c2VjcmV0"}})
}

test_secret_with_string_data_is_denied if {
	count(secrets.deny_secret_data) == 1 with input as secret({"stringData": {"key": "secret"}})
}

test_other_kinds_with_data_pass if {
	config_map := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}
	count(secrets.deny_secret_data) == 0 with input as config_map
}
