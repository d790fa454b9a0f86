/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped JSON */
import { ApiObject } from 'cdk8s';
import type { Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
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

/** An area that renders its own child Application, which only the engine may do. */
function handMadeChild(extra: Record<string, unknown> = {}): RenderArea {
  return {
    name: 'platform',
    render: (chart: Chart, ctx: ClusterContext) => {
      new ArgoApplication(chart, 'core-services', {
        name: 'core-services',
        project: 'core-services',
        source: {
          repoURL: 'https://git.example/gitops',
          targetRevision: 'main',
          path: `${ctx.gitops.path}/core-services`,
        },
        destinationNamespace: 'go-coffee',
        automated: true,
        ...extra,
      });
    },
  };
}
const platform: RenderArea = {
  name: 'platform',
  render: (chart) => deployment(chart, 'argocd', 'not-autoscaled'),
};
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
    const specs = applications([coreServices, eventFunctions]);
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
    const specs = applications([platform, eventFunctions]);
    expect(specs.platform.ignoreDifferences).toBeUndefined();
    expect(specs['event-functions'].ignoreDifferences).toHaveLength(1);
  });

  it('come out the same whatever order the areas render in', () => {
    const areas = [platform, coreServices, eventFunctions];
    expect(applications([...areas].reverse())).toStrictEqual(applications(areas));
  });

  it("need only the area's own objects: one area rendered alone gives the same Applications as every area", () => {
    const alone = applications([coreServices]);
    const all = applications([platform, coreServices, eventFunctions]);
    expect(Object.keys(alone).sort()).toStrictEqual(['core-services', 'web3-payment']);
    expect(alone['core-services']).toStrictEqual(all['core-services']);
    expect(alone['web3-payment']).toStrictEqual(all['web3-payment']);
  });

  it('are written only by the engine: an area that sets them is told to use the rules file', () => {
    const handMade = handMadeChild({
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    });
    expect(() => renderCluster(testClusterContext(), [handMade, coreServices], { ignoreRules: rules })).toThrow(
      RenderError,
    );
    expect(() => renderCluster(testClusterContext(), [handMade, coreServices], { ignoreRules: rules })).toThrow(
      /sets spec\.ignoreDifferences itself; add a rule to libs\/ignore-rules\/ignore-rules\.yaml instead/,
    );
  });

  it('come from the workspace rules file by default', () => {
    const files = renderCluster(testClusterContext(), [coreServices]);
    const app = files.find((f) => f.manifest.metadata.name === 'core-services')!.manifest as any;
    expect(app.spec.ignoreDifferences.map((e: any) => e.name)).toStrictEqual(['api-gateway']);
  });
});
