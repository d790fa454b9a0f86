# METADATA
# title: No secret material in git
# description: >-
#   A Secret with data or stringData would put credentials into the repository. Secrets come from the
#   cloud secret store through ExternalSecrets.
# scope: package
# custom:
#   id: GC-K8S-005
#   severity: critical
#   remediation: Replace the Secret with an ExternalSecret (external-secrets.io/v1) that references the secret store.
package main.secrets

import data.lib.exceptions
import data.lib.kubernetes

deny_secret_data contains msg if {
	input.kind == "Secret"
	some field in ["data", "stringData"]
	count(object.get(input, field, {})) > 0
	msg := sprintf(
		"%s: Secret carries %s in git; fix: delete it and render an ExternalSecret that references the secret store",
		[kubernetes.identity(input), field],
	)
}

exception contains [rule] if {
	some rule in exceptions.granted("main.secrets", input)
}
