/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped JSON */
import { ApiObject } from 'cdk8s';
import type { Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments';
import type { ClusterContext } from '@go-coffee/environments';
import { parseIgnoreRules } from '@go-coffee/ignore-rules';
import { ArgoApplication } from './argo-application';
import type { RenderArea } from './render-area';
import { RenderError, renderCluster } from './render-cluster';

const deployment = (chart: Chart, namespace: string, name: string) =>
  new ApiObject(chart, `${namespace}-${name}`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { selector: { matchLabels: { app: name } } },
  });
const hpa = (chart: Chart, namespace: string, name: string) =>
  new ApiObject(chart, `${namespace}-${name}-hpa`, {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, maxReplicas: 3 },
  });
const scaledObject = (chart: Chart, namespace: string, name: string) =>
  new ApiObject(chart, `${namespace}-${name}-so`, {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name, namespace },
    spec: { scaleTargetRef: { name } },
  });

/** The app of apps in miniature: one child Application per area folder, plus the web3-payment carve-out. */
function platform(children: readonly string[], extra: Record<string, unknown> = {}): RenderArea {
  return {
    name: 'platform',
    render: (chart: Chart, ctx: ClusterContext) => {
      for (const name of children) {
        const area = name === 'web3-payment' ? 'core-services' : name;
        new ArgoApplication(chart, name, {
          name,
          project: area,
          source: { repoURL: 'https://git.example/gitops', targetRevision: 'main', path: `${ctx.gitops.path}/${area}` },
          destinationNamespace: 'go-coffee',
          automated: true,
          ...extra,
        });
      }
    },
  };
}
const coreServices: RenderArea = {
  name: 'core-services',
  render: (chart) => {
    deployment(chart, 'go-coffee', 'api-gateway');
    hpa(chart, 'go-coffee', 'api-gateway');
    deployment(chart, 'go-coffee', 'kitchen-service');
    deployment(chart, 'go-coffee', 'web3-payment-service');
    hpa(chart, 'go-coffee', 'web3-payment-service');
  },
};
const eventFunctions: RenderArea = {
  name: 'event-functions',
  render: (chart) => {
    deployment(chart, 'go-coffee-functions', 'order-processor');
    scaledObject(chart, 'go-coffee-functions', 'order-processor');
  },
};
const rules = parseIgnoreRules(
  'rules:\n  - {id: hpa-replicas, reason: HPA, group: apps, kind: Deployment, appliesTo: autoscaled-workloads, jsonPointers: [/spec/replicas]}\n',
  'rules.yaml',
);

function applications(areas: RenderArea[]): Record<string, any> {
  const files = renderCluster(testClusterContext(), areas, { ignoreRules: rules });
  return Object.fromEntries(
    files.filter((f) => f.manifest.kind === 'Application').map((f) => [f.manifest.metadata.name, f.manifest.spec]),
  );
}

describe('ignoreDifferences of the child Applications', () => {
  it('name each autoscaled Deployment the Application deploys, and no other', () => {
    const specs = applications([
      platform(['core-services', 'web3-payment', 'event-functions']),
      coreServices,
      eventFunctions,
    ]);
    const replicas = (namespace: string, name: string) => ({
      group: 'apps',
      kind: 'Deployment',
      name,
      namespace,
      jsonPointers: ['/spec/replicas'],
    });
    // kitchen-service has no autoscaler: a manual scale of it stays visible to Argo CD.
    expect(specs['core-services'].ignoreDifferences).toStrictEqual([replicas('go-coffee', 'api-gateway')]);
    expect(specs['web3-payment'].ignoreDifferences).toStrictEqual([replicas('go-coffee', 'web3-payment-service')]);
    expect(specs['event-functions'].ignoreDifferences).toStrictEqual([
      replicas('go-coffee-functions', 'order-processor'),
    ]);
  });

  it('are left out of an Application that owns nothing a rule applies to', () => {
    const specs = applications([platform(['platform', 'event-functions']), eventFunctions]);
    expect(specs.platform.ignoreDifferences).toBeUndefined();
    expect(specs['event-functions'].ignoreDifferences).toHaveLength(1);
  });

  it('come out the same whatever order the areas render in', () => {
    const areas = [platform(['core-services', 'event-functions']), coreServices, eventFunctions];
    expect(applications([...areas].reverse())).toStrictEqual(applications(areas));
  });

  it('cannot be computed without the objects of the area an Application deploys', () => {
    expect(() => renderCluster(testClusterContext(), [platform(['core-services'])], { ignoreRules: rules })).toThrow(
      RenderError,
    );
    expect(() => renderCluster(testClusterContext(), [platform(['core-services'])], { ignoreRules: rules })).toThrow(
      /Application argocd\/core-services deploys area "core-services", whose objects this render did not see.*--objects-from/,
    );
  });

  it('are written only by the engine: an area that sets them is told to use the rules file', () => {
    const handMade = platform(['core-services'], {
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    });
    expect(() => renderCluster(testClusterContext(), [handMade, coreServices], { ignoreRules: rules })).toThrow(
      /sets spec\.ignoreDifferences itself; add a rule to libs\/ignore-rules\/ignore-rules\.yaml instead/,
    );
  });

  it('come from the workspace rules file by default', () => {
    const files = renderCluster(testClusterContext(), [platform(['core-services']), coreServices]);
    const app = files.find((f) => f.manifest.kind === 'Application')!.manifest as any;
    expect(app.spec.ignoreDifferences.map((e: any) => e.name)).toStrictEqual(['api-gateway']);
  });
});
