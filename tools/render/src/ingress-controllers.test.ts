import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@go-coffee/kube-objects';
import { readCommittedTree } from './committed-tree';
import { ingressControllerViolations } from './ingress-controllers';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

const argoCd = (server: object, params: object = { 'server.insecure': false }): Manifest => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'argo-cd', namespace: 'argocd' },
  spec: { source: { chart: 'argo-cd', helm: { valuesObject: { configs: { params }, server } } } },
});

describe('Ingresses and their controllers', () => {
  it('every committed Ingress (and Argo CD server ingress) is one its controller acts on correctly', () => {
    const objects = readCommittedTree(workspaceRoot);
    expect(objects.filter((o) => o.manifest.kind === 'Ingress').length).toBeGreaterThan(5);
    expect(ingressControllerViolations(objects)).toStrictEqual([]);
  });

  it('flags the old GKE shape: spec.ingressClassName gce without the annotation, on the API Ingress and Argo CD', () => {
    const api: Manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'api-gateway',
        namespace: 'go-coffee',
        annotations: { 'kubernetes.io/ingress.allow-http': 'false' },
      },
      spec: { ingressClassName: 'gce' },
    };
    const server = argoCd({ ingress: { enabled: true, ingressClassName: 'gce', tls: true } });
    expect(
      ingressControllerViolations([api, server].map((manifest) => ({ cluster: 'prod-gcp', manifest }))),
    ).toStrictEqual([
      'prod-gcp: argoproj.io/v1alpha1 Application argocd/argo-cd server.ingress: ingressClassName "gce" is ignored by ingress-gce; set the kubernetes.io/ingress.class: gce annotation instead',
      'prod-gcp: networking.k8s.io/v1 Ingress go-coffee/api-gateway: ingressClassName "gce" is ignored by ingress-gce; set the kubernetes.io/ingress.class: gce annotation instead',
    ]);
  });

  it('flags the old AWS shape: the Argo CD UI on an ALB without scheme, IP targets and HTTPS to argocd-server', () => {
    const server = argoCd({ ingress: { enabled: true, ingressClassName: 'alb', tls: true } });
    expect(ingressControllerViolations([{ cluster: 'prod-aws', manifest: server }])).toStrictEqual([
      'prod-aws: argoproj.io/v1alpha1 Application argocd/argo-cd server.ingress: the ALB needs alb.ingress.kubernetes.io/backend-protocol: HTTPS (has none)',
      'prod-aws: argoproj.io/v1alpha1 Application argocd/argo-cd server.ingress: the ALB needs alb.ingress.kubernetes.io/scheme: internet-facing (has none)',
      'prod-aws: argoproj.io/v1alpha1 Application argocd/argo-cd server.ingress: the ALB needs alb.ingress.kubernetes.io/target-type: ip (has none)',
    ]);
  });

  it('flags an Ingress that names its class both ways', () => {
    const both: Manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'x', namespace: 'n', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
      spec: { ingressClassName: 'nginx' },
    };
    expect(ingressControllerViolations([{ cluster: 'c', manifest: both }])).toHaveLength(1);
  });
});
