/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized manifests are untyped JSON; the assertions give them shape */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
import type { ClusterContext } from '@go-coffee/environments';
import type { AreaName } from './application-layout';
import { ChildApplications } from './child-applications';

function render(area: AreaName, ctx: ClusterContext = testClusterContext(), ignore?: Map<string, any[]>): any[] {
  const chart = Testing.chart();
  new ChildApplications(chart, 'children', { ctx, area, ignoreDifferences: ignore });
  return Testing.synth(chart);
}
const named = (objects: any[], name: string): any => objects.find((o) => o.metadata.name === name);

describe('child Applications of an area', () => {
  it("deploy the area's folder, in the area's project and namespace", () => {
    const [app, ...others] = render('data-services');
    expect(others).toStrictEqual([]);
    expect(app.metadata).toStrictEqual({
      name: 'data-services',
      namespace: 'argocd',
      finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'],
    });
    expect(app.spec.project).toBe('data-services');
    expect(app.spec.destination.namespace).toBe('go-coffee-data');
    expect(app.spec.source).toStrictEqual({
      repoURL: 'https://github.com/go-coffee/go-coffee-gitops.git',
      targetRevision: 'main',
      path: 'gitops/dev-aws-us-east-1/data-services',
    });
  });

  it('leave the web3 files of core-services to their own Application', () => {
    const objects = render('core-services');
    expect(objects.map((o) => o.metadata.name)).toStrictEqual(['core-services', 'web3-payment']);
    expect(named(objects, 'core-services').spec.source.directory).toStrictEqual({ exclude: '*web3-payment-service*' });
    expect(named(objects, 'web3-payment').spec.source).toMatchObject({
      path: 'gitops/dev-aws-us-east-1/core-services',
      directory: { include: '*web3-payment-service*' },
    });
  });

  it('sync by hand exactly the Applications the environment lists as manual', () => {
    const ctx = testClusterContext({ environment: 'prod', sync: { manualApplications: ['platform', 'web3-payment'] } });
    const automated = (area: AreaName, name: string): boolean =>
      named(render(area, ctx), name).spec.syncPolicy.automated !== undefined;
    expect([
      automated('platform', 'platform'),
      automated('core-services', 'web3-payment'),
      automated('core-services', 'core-services'),
    ]).toStrictEqual([false, false, true]);
  });

  it('respect the ignoreDifferences they are given, per Application', () => {
    const entry = {
      group: 'apps',
      kind: 'Deployment',
      name: 'api',
      namespace: 'go-coffee',
      jsonPointers: ['/spec/replicas'],
    };
    const objects = render('core-services', testClusterContext(), new Map([['web3-payment', [entry]]]));
    expect(named(objects, 'web3-payment').spec.ignoreDifferences).toStrictEqual([entry]);
    expect(named(objects, 'core-services').spec.ignoreDifferences).toBeUndefined();
    expect(named(objects, 'core-services').spec.syncPolicy.syncOptions).toStrictEqual([
      'RespectIgnoreDifferences=true',
      'ServerSideApply=true',
      'SkipDryRunOnMissingResource=true',
    ]);
  });
});
