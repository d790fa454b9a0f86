//go:build tools

// Package tools pins the Kubernetes command packages built by install.mjs. The module file next to
// this one is generated at install time from k8s.io/kubernetes' own go.mod (its staging replaces are
// rewritten to the published v0.x modules), so nothing here is typed by hand.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubectl/pkg/cmd"
)
