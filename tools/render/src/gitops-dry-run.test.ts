// Every committed object must be accepted by a real kube-apiserver (server-side dry-run apply) with the
// CRDs from @go-coffee/render-kit installed, and every Argo CD / KEDA / Prometheus Operator / External
// Secrets / cert-manager object must match its upstream schema. Needs kube-apiserver, etcd and kubectl in
// .tools/bin (npm run toolchain); without them the test fails, it never skips.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startLocalCluster, type LocalCluster } from '@go-coffee/local-cluster';
import { describeObject, groupOf, isBuiltInGroup } from '@go-coffee/kube-objects';
import { CUSTOM_KINDS, customKindOf, customResourceDefinitions } from '@go-coffee/render-kit';
import { readCommittedTree } from './committed-tree';
import { hasUpstreamSchema, upstreamSchemaProblem } from './upstream-schema-validators';

/**
 * The one warning the tree causes on purpose: ingress-gce acts only on the `kubernetes.io/ingress.class`
 * annotation, which the API server calls deprecated (README, "Ingresses the cloud's controller acts on").
 */
const EXPECTED_WARNING =
  /^Warning: annotation "kubernetes\.io\/ingress\.class" is deprecated, please use 'spec\.ingressClassName' instead$/;

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const objects = readCommittedTree(workspaceRoot);
const clusters = [...new Set(objects.map((o) => o.cluster))];
const stream = (manifests: readonly unknown[]): string => manifests.map((m) => `---\n${stringify(m)}`).join('');

describe('committed custom resources', () => {
  it('exist in the tree at all (render before testing)', () => {
    expect(objects.length).toBeGreaterThan(100);
  });

  it('all have a CRD the dry run installs', () => {
    const missing = objects
      .filter((o) => !isBuiltInGroup(groupOf(o.manifest.apiVersion)))
      .filter((o) => !customKindOf(o.manifest.apiVersion, o.manifest.kind))
      .map(
        (o) =>
          `${o.manifest.apiVersion} ${o.manifest.kind} (add it to libs/render-kit/src/crds/custom-resource-definitions.ts)`,
      );
    expect([...new Set(missing)]).toStrictEqual([]);
  });

  it('match the upstream schemas of Argo CD, KEDA, Prometheus Operator, External Secrets and cert-manager', () => {
    const upstream = objects.filter(
      (o) => customKindOf(o.manifest.apiVersion, o.manifest.kind)?.schemaSource === 'npm @kubernetes-models',
    );
    expect(upstream.length).toBeGreaterThan(0);
    for (const entry of CUSTOM_KINDS.filter((k) => k.schemaSource === 'npm @kubernetes-models')) {
      expect(hasUpstreamSchema(`${entry.group}/${entry.versions[0]}`, entry.kind), entry.kind).toBe(true);
    }
    const problems = upstream
      .map((o) => [o.path, upstreamSchemaProblem(o.manifest)] as const)
      .filter(([, problem]) => problem !== undefined);
    expect(problems).toStrictEqual([]);
  });
});

describe('server-side dry run against a local kube-apiserver', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster();
    const crds = await cluster.kubectl(['apply', '--server-side', '-f', '-'], {
      input: stream(customResourceDefinitions()),
    });
    expect(crds.stderr).toBe('');
    const established = await cluster.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
    expect(established.code, established.stderr).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it.each(clusters)('accepts every object of %s without Pod Security warnings', async (name) => {
    const own = objects.filter((o) => o.cluster === name);
    const namespaces = own.filter((o) => o.manifest.kind === 'Namespace').map((o) => o.manifest);
    // Namespaces are created for real: namespaced objects can only be dry-run into an existing namespace, and
    // their Pod Security labels are what the Deployments are checked against.
    const created = await cluster.kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], {
      input: stream(namespaces),
    });
    expect(created.code, created.stderr).toBe(0);
    const rest = own.filter((o) => o.manifest.kind !== 'Namespace');
    const result = await cluster.kubectl(
      ['apply', '--server-side', '--dry-run=server', '--field-manager=go-coffee-render', '-f', '-'],
      { input: stream(rest.map((o) => o.manifest)) },
    );
    const warnings = result.stderr.split('\n').filter((line) => line !== '' && !EXPECTED_WARNING.test(line));
    expect(warnings.join('\n'), `dry run of ${name} (${rest.length} objects)`).toBe('');
    expect(result.code).toBe(0);
    const accepted = result.stdout.split('\n').filter((line) => line.includes('(server dry run)'));
    expect(accepted.length, rest.map((o) => describeObject(o.manifest)).join('\n')).toBe(rest.length);
  });

  it('rejects an object that breaks a CRD (the harness can fail)', async () => {
    const broken = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'no-triggers', namespace: 'go-coffee-functions' },
      spec: { scaleTargetRef: { name: 'x' } },
    };
    const result = await cluster.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], {
      input: stream([broken]),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('spec.triggers: Required value');
  });
});
