import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { ArgoApplication } from './argo-application';

describe('ArgoApplication', () => {
  it('renders an automated Git-folder Application in the argocd namespace with prune, selfHeal and retry', () => {
    const chart = Testing.chart();
    new ArgoApplication(chart, 'core', {
      name: 'core-services',
      project: 'core-services',
      source: { repoURL: 'https://example.com/r.git', path: 'gitops/dev/core-services', targetRevision: 'main' },
      destinationNamespace: 'go-coffee',
      automated: true,
    });
    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: 'core-services',
          namespace: 'argocd',
          finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'],
        },
        spec: {
          project: 'core-services',
          source: { repoURL: 'https://example.com/r.git', path: 'gitops/dev/core-services', targetRevision: 'main' },
          destination: { server: 'https://kubernetes.default.svc', namespace: 'go-coffee' },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
            syncOptions: ['SkipDryRunOnMissingResource=true'],
          },
        },
      },
    ]);
  });

  it('renders a manual-sync Helm Application whose release name defaults to the Application name', () => {
    const chart = Testing.chart();
    new ArgoApplication(chart, 'loki', {
      name: 'loki',
      project: 'observability',
      source: {
        repoURL: 'https://grafana.github.io/helm-charts',
        chart: 'loki',
        targetRevision: '6.30.1',
        helm: { valuesObject: { deploymentMode: 'SingleBinary' } },
      },
      destinationNamespace: 'monitoring',
      automated: false,
      syncOptions: ['ServerSideApply=true'],
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    });
    const [app] = Testing.synth(chart);
    expect(app.spec.source.helm).toStrictEqual({
      releaseName: 'loki',
      valuesObject: { deploymentMode: 'SingleBinary' },
    });
    expect(app.spec.syncPolicy.automated).toBeUndefined();
    expect(app.spec.syncPolicy.syncOptions).toStrictEqual(['ServerSideApply=true', 'SkipDryRunOnMissingResource=true']);
    expect(app.spec.ignoreDifferences).toStrictEqual([
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    ]);
  });

  it('rejects an unpinned chart version with a message naming the Application', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new ArgoApplication(chart, 'x', {
          name: 'jaeger',
          project: 'observability',
          source: { repoURL: 'https://x', chart: 'jaeger', targetRevision: 'latest', helm: { valuesObject: {} } },
          destinationNamespace: 'monitoring',
          automated: true,
        }),
    ).toThrow(/ArgoApplication "jaeger": source.targetRevision must be pinned/);
  });

  it('rejects a name that is not a DNS label', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new ArgoApplication(chart, 'x', {
          name: 'Core_Services',
          project: 'p',
          source: { repoURL: 'https://x', path: 'a', targetRevision: 'main' },
          destinationNamespace: 'go-coffee',
          automated: true,
        }),
    ).toThrow(/must be a lowercase DNS label/);
  });
});
