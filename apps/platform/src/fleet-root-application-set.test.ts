/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized manifests are untyped JSON; the assertions give them shape */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
import type { ArgoCdFleet, ClusterContext } from '@go-coffee/environments';
import { loadAreaLayout, renderCluster } from '@go-coffee/render-kit';
import { workspaceRoot } from '@go-coffee/cli';
import { FleetRootApplicationSet } from './fleet-root-application-set';
import { platformArea } from './index';

const layout = await loadAreaLayout(workspaceRoot());

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec?: any };

const HUB = 'staging-aws-us-east-1';
const SPOKES = ['staging-aws-us-west-2', 'staging-gcp-us-central1'];

function fleetCluster(name: string, fleetBootstrap: ArgoCdFleet['fleetBootstrap'] = 'applicationSet'): ClusterContext {
  return {
    ...testClusterContext({ environment: 'staging', name }),
    argocd: {
      fleetBootstrap,
      hub: HUB,
      spokes: SPOKES,
      rootApplication: fleetBootstrap === 'applicationSet' && name !== HUB ? `root-${name}` : 'root',
      controller: { replicas: 3, shardingAlgorithm: 'round-robin', dynamicClusterDistribution: false },
    },
  };
}

function renderPlatform(ctx: ClusterContext): Obj[] {
  const chart = Testing.chart();
  platformArea.render(chart, ctx, layout);
  platformArea.renderApplications?.(chart, ctx, layout);
  return Testing.synth(chart) as Obj[];
}
const find = (objects: Obj[], kind: string, name: string): Obj | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

/** The ApplicationSet template filled in for one cluster, as the ApplicationSet controller does. */
function generatedFor(applicationSet: Obj, cluster: string): Obj {
  return JSON.parse(JSON.stringify(applicationSet.spec.template).replaceAll('{{ .name }}', cluster)) as Obj;
}

describe('fleet bootstrap through an ApplicationSet', () => {
  it("generates, for a spoke, exactly the root a person would hand-apply, deploying into the spoke's argocd namespace", () => {
    const applicationSet = find(renderPlatform(fleetCluster(HUB)), 'ApplicationSet', 'staging-cluster-roots');
    for (const spoke of SPOKES) {
      const handApplied = find(renderPlatform(fleetCluster(spoke, 'hand-applied')), 'Application', 'root');
      const generated = generatedFor(applicationSet!, spoke);
      expect(generated.metadata.name).toBe(`root-${spoke}`);
      expect(generated.spec).toStrictEqual({
        ...handApplied!.spec,
        destination: { name: spoke, namespace: 'argocd' },
      });
      expect(generated.spec).toMatchObject({
        project: 'platform',
        source: { path: `gitops/${spoke}/applications` },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: expect.arrayContaining(['SkipDryRunOnMissingResource=true']),
        },
      });
    }
  });

  it('selects only the registered clusters of the environment that it declares as spokes', () => {
    const applicationSet = find(renderPlatform(fleetCluster(HUB)), 'ApplicationSet', 'staging-cluster-roots');
    expect(applicationSet?.spec.generators).toStrictEqual([
      {
        clusters: {
          selector: {
            matchLabels: { 'go-coffee.io/environment': 'staging' },
            matchExpressions: [{ key: 'go-coffee.io/cluster', operator: 'In', values: SPOKES }],
          },
        },
      },
    ]);
    expect(applicationSet?.spec.syncPolicy).toStrictEqual({ preserveResourcesOnDeletion: true });
  });

  it("lets the hub's platform project deploy the spokes' roots and renders the hub's controller sharding", () => {
    const hub = renderPlatform(fleetCluster(HUB));
    expect(find(hub, 'AppProject', 'platform')?.spec.destinations).toEqual(
      expect.arrayContaining(SPOKES.map((name) => ({ name, namespace: 'argocd' }))),
    );
    const values = find(hub, 'Application', 'argo-cd')?.spec.source.helm.valuesObject;
    expect(values.controller).toStrictEqual({ replicas: 3, dynamicClusterDistribution: false });
    expect(values.configs.params).toStrictEqual({
      'server.insecure': false,
      'controller.sharding.algorithm': 'round-robin',
    });
    expect(find(hub, 'Application', 'root')).toBeDefined();
  });

  it("leaves a spoke's folder without a root of its own, without an ApplicationSet and without sharding", () => {
    const spoke = renderPlatform(fleetCluster(SPOKES[0]!));
    expect(spoke.filter((o) => o.kind === 'ApplicationSet' || o.metadata.name === 'root')).toStrictEqual([]);
    expect(find(spoke, 'Application', 'argo-cd')?.spec.source.helm.valuesObject.controller).toBeUndefined();
  });

  it("stamps a spoke's applications folder with the tracking id of its root in the hub", () => {
    const files = renderCluster(fleetCluster(SPOKES[0]!), [platformArea], { layout });
    const trackingIds = files
      .filter((f) => f.path.includes('/applications/'))
      .map((f) => (f.manifest as Obj).metadata.annotations?.['argocd.argoproj.io/tracking-id']);
    expect(trackingIds).toStrictEqual([
      'root-staging-aws-us-west-2:argoproj.io/Application:argocd/argo-cd',
      'root-staging-aws-us-west-2:argoproj.io/Application:argocd/platform',
    ]);
  });

  it('changes nothing for hand-applied roots: no ApplicationSet, no controller values, the root in every folder', () => {
    for (const name of [HUB, ...SPOKES]) {
      const objects = renderPlatform(fleetCluster(name, 'hand-applied'));
      expect(objects.filter((o) => o.kind === 'ApplicationSet')).toStrictEqual([]);
      expect(find(objects, 'Application', 'root')).toBeDefined();
      expect(find(objects, 'Application', 'argo-cd')?.spec.source.helm.valuesObject.controller).toBeUndefined();
    }
  });

  it('refuses to build the ApplicationSet for a cluster that is not the hub, naming the setting', () => {
    expect(() => new FleetRootApplicationSet(Testing.chart(), 'x', { ctx: fleetCluster(SPOKES[0]!) })).toThrow(
      /staging-aws-us-west-2 is not the hub .* set argocd.fleetBootstrap: applicationSet in environments\/staging.yaml/,
    );
  });
});
