// Field-level validation of rendered custom resources against the upstream CRD schemas that the
// @kubernetes-models packages generate from each project's published CRDs. Used by tests only (the
// packages are devDependencies); a rendered kind the table does not cover is reported, never skipped.
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';

type Model = new (data: never) => { validate(): void };

const MODELS: Readonly<Record<string, Model>> = {
  'argoproj.io/v1alpha1/Application': Application as unknown as Model,
  'argoproj.io/v1alpha1/AppProject': AppProject as unknown as Model,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject as unknown as Model,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication as unknown as Model,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor as unknown as Model,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor as unknown as Model,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule as unknown as Model,
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig': AlertmanagerConfig as unknown as Model,
  'external-secrets.io/v1/ExternalSecret': ExternalSecret as unknown as Model,
  'external-secrets.io/v1/SecretStore': SecretStore as unknown as Model,
  'external-secrets.io/v1/ClusterSecretStore': ClusterSecretStore as unknown as Model,
  'cert-manager.io/v1/ClusterIssuer': ClusterIssuer as unknown as Model,
};

/** true when an upstream schema exists for this apiVersion + kind. */
export function hasUpstreamSchema(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in MODELS;
}

/** Validates against the upstream schema; returns the problem text, or undefined when valid. */
export function upstreamSchemaProblem(object: { apiVersion: string; kind: string }): string | undefined {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return `no upstream schema for ${object.apiVersion} ${object.kind}`;
  try {
    new Model(structuredClone(object) as never).validate();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
