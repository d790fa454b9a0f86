// gitops-sync drift against a real etcd + kube-apiserver (@go-coffee/local-cluster): server-side apply a
// rendered cluster folder (CRDs first), expect zero findings, then break it in every way the issue lists
// and expect each break exactly once, at the right path, attributed to the right field manager.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRenderedTree } from '@go-coffee/drift';
import { groupOf, TRACKING_ID_ANNOTATION, versionOf } from '@go-coffee/kube-objects';
import { startLocalCluster, type LocalCluster } from '@go-coffee/local-cluster';
import { runCliCaptured } from '../test-fixtures/run-cli-captured';

const FIXTURE = resolve(import.meta.dirname, '..', 'test-fixtures', 'dev-local');
/** A committed rendered cluster folder (issue 3's tree). */
const RENDERED = resolve(import.meta.dirname, '..', '..', '..', 'gitops', 'dev-aws-us-east-1');
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
]);
/** Argo CD's server-side apply field manager. */
const FIELD_MANAGER = 'argocd-controller';

function cli(args: string[]) {
  return runCliCaptured(args);
}

async function kubectl(cluster: LocalCluster, args: string[]): Promise<string> {
  const r = await cluster.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Server-side applies a rendered cluster folder the way Argo CD does: CRDs first, then everything else. */
async function applyFolder(cluster: LocalCluster, folder: string): Promise<void> {
  await kubectl(cluster, [
    'apply',
    '--server-side',
    `--field-manager=${FIELD_MANAGER}`,
    '-R',
    '-f',
    join(folder, 'platform'),
  ]);
  await kubectl(cluster, ['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
  await kubectl(cluster, ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-R', '-f', folder]);
}

interface JsonDifference {
  path: string;
  change: string;
  writer?: string;
  desired?: unknown;
  live?: unknown;
  rule?: string;
}
interface JsonObject {
  kind: string;
  namespace: string;
  name: string;
  differences: JsonDifference[];
  ignored: JsonDifference[];
  informational: JsonDifference[];
}
interface JsonReport {
  inSync: boolean;
  summary: Record<string, number>;
  modified: JsonObject[];
  ignored: JsonObject[];
  missing: { kind: string; name: string }[];
  orphans: { kind: string; name: string; application: string }[];
}

describe('gitops-sync drift against a real kube-apiserver', () => {
  let cluster: LocalCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await startLocalCluster();
    dir = mkdtempSync(join(tmpdir(), 'gitops-sync-drift-'));
    await applyFolder(cluster, FIXTURE);
  });

  afterAll(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports zero findings and exits 0 right after a server-side apply of the folder', async () => {
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', cluster.adminKubeconfig, '--output', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.summary).toStrictEqual({
      objects: 15,
      inSync: 15,
      modified: 0,
      missing: 0,
      orphans: 0,
      informational: 0,
      notSearched: 0,
      requests: report.summary.requests,
    });
    expect(r.code).toBe(0);
  });

  it('works with the read-only identity (get/list only) and lists once per kind', async () => {
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', cluster.readOnlyKubeconfig, '--output', 'json']);
    expect([r.code, r.stderr]).toStrictEqual([0, '']);
    // The fixture's 11 namespaced kinds in its 1 namespace and its 2 cluster-scoped kinds, whole; the 11
    // namespaced kinds metadata-only outside that namespace and every other listable kind metadata-only (the
    // orphan search); discovery of the fixture's 8 group/versions, aggregated discovery of /api and /apis; the
    // OpenAPI index plus one document for the custom resource's group/version. No GET per object.
    const listable = (await kubectl(cluster, ['api-resources', '--verbs=list', '-o', 'name'])).trim().split('\n');
    expect((JSON.parse(r.stdout) as JsonReport).summary.requests).toBe(listable.length + 11 + 8 + 2 + 2);
  });

  it('authenticates through an exec credential plugin, as EKS, GKE and AKS kubeconfigs do', async () => {
    const readOnly = load(readFileSync(cluster.readOnlyKubeconfig, 'utf8')) as {
      users: { user: Record<string, string> }[];
    };
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: {
        clientCertificateData: Buffer.from(readOnly.users[0]!.user['client-certificate-data']!, 'base64').toString(
          'utf8',
        ),
        clientKeyData: Buffer.from(readOnly.users[0]!.user['client-key-data']!, 'base64').toString('utf8'),
      },
    };
    const credentialFile = join(dir, 'credential.json');
    writeFileSync(credentialFile, JSON.stringify(credential), { mode: 0o600 });
    const kubeconfig = load(readFileSync(cluster.readOnlyKubeconfig, 'utf8')) as {
      users: { user: Record<string, unknown> }[];
    };
    kubeconfig.users[0]!.user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'cat',
        args: [credentialFile],
        interactiveMode: 'Never',
      },
    };
    const execKubeconfig = join(dir, 'exec.kubeconfig');
    writeFileSync(execKubeconfig, dump(kubeconfig), { mode: 0o600 });
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', execKubeconfig]);
    expect([r.code, r.stderr]).toStrictEqual([0, '']);
  });

  it('fails with exit 2 naming the kind and the verb when the identity may not list it', async () => {
    const user = 'drift-without-secret-list';
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: user },
      rules: [
        {
          apiGroups: [
            '',
            'apps',
            'batch',
            'autoscaling',
            'policy',
            'networking.k8s.io',
            'apiextensions.k8s.io',
            'monitoring.coreos.com',
          ],
          resources: ['*'],
          verbs: ['get', 'list'],
        },
      ],
    };
    // Secrets: get only, no list.
    (role.rules as Record<string, unknown>[])[0]!.resources = [
      'namespaces',
      'configmaps',
      'services',
      'serviceaccounts',
      'deployments',
      'cronjobs',
      'horizontalpodautoscalers',
      'poddisruptionbudgets',
      'networkpolicies',
      'ingresses',
      'customresourcedefinitions',
      'servicemonitors',
    ];
    role.rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['get'] });
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: user },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: user },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    };
    const applied = await cluster.kubectl(['apply', '-f', '-'], { input: `${dump(role)}---\n${dump(binding)}` });
    expect(applied.code).toBe(0);
    // The admin's certificate impersonating the limited user: RBAC is evaluated for that user.
    const kubeconfig = load(readFileSync(cluster.adminKubeconfig, 'utf8')) as {
      users: { user: Record<string, unknown> }[];
    };
    kubeconfig.users[0]!.user.as = user;
    const limited = join(dir, 'limited.kubeconfig');
    writeFileSync(limited, dump(kubeconfig), { mode: 0o600 });

    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', limited]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'gitops-sync: forbidden: the identity may not "list" Secret (secrets) in namespace go-coffee',
    );
    expect(r.stderr).toContain('grant the verb "list" on secrets to the drift role');
  });

  it('detects each mutation of the matrix exactly once, at the right path, with the right field manager', async () => {
    const ns = ['-n', 'go-coffee'];
    await kubectl(cluster, [
      ...ns,
      'set',
      'image',
      'deploy/kitchen-service',
      'kitchen-service=ghcr.io/go-coffee/kitchen-service:2.0.2',
    ]);
    await kubectl(cluster, [...ns, 'set', 'env', 'deploy/api-gateway', 'FEATURE_X=on']);
    await kubectl(cluster, [...ns, 'label', 'deploy/kitchen-service', 'app.kubernetes.io/part-of-']);
    await kubectl(cluster, [...ns, 'scale', 'deploy/kitchen-service', '--replicas=5']);
    // What the HPA controller does: PUT the scale subresource as kube-controller-manager.
    const scalePath = '/apis/apps/v1/namespaces/go-coffee/deployments/api-gateway/scale';
    const scale = JSON.parse((await cluster.request('admin', 'GET', scalePath)).body) as { spec: { replicas: number } };
    scale.spec.replicas = 4;
    expect(
      (await cluster.request('admin', 'PUT', `${scalePath}?fieldManager=kube-controller-manager`, scale)).status,
    ).toBe(200);
    await kubectl(cluster, [...ns, 'delete', 'pdb/api-gateway']);
    await kubectl(cluster, [...ns, 'create', 'configmap', 'stray', '--from-literal=a=b']);
    await kubectl(cluster, [
      ...ns,
      'annotate',
      'configmap/stray',
      `${TRACKING_ID_ANNOTATION}=dev-local-core-services:/ConfigMap:go-coffee/stray`,
    ]);
    // A copied annotation naming another object does not make this one ours.
    await kubectl(cluster, [...ns, 'create', 'configmap', 'copied', '--from-literal=a=b']);
    await kubectl(cluster, [
      ...ns,
      'annotate',
      'configmap/copied',
      `${TRACKING_ID_ANNOTATION}=dev-local-core-services:/ConfigMap:go-coffee/api-gateway`,
    ]);
    await kubectl(cluster, [
      ...ns,
      'patch',
      'secret/user-gateway-jwt',
      '--type=merge',
      '-p',
      '{"stringData":{"issuer":"someone-else"}}',
    ]);
    await kubectl(cluster, [...ns, 'patch', 'configmap/api-gateway', '--type=merge', '-p', '{"data":{"NEW_KEY":"1"}}']);
    await kubectl(cluster, [
      ...ns,
      'patch',
      'service/api-gateway',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/ports/0/port","value":81}]',
    ]);
    await kubectl(cluster, [...ns, 'annotate', 'deploy/kitchen-service', 'example.com/owner=team-x']);

    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', cluster.readOnlyKubeconfig, '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const found = report.modified.flatMap((o) =>
      o.differences.map((d) => [`${o.kind} ${o.name}`, d.change, d.path, d.writer ?? null]),
    );
    expect(found).toStrictEqual([
      ['ConfigMap api-gateway', 'added', 'data.NEW_KEY', 'kubectl-patch'],
      ['Secret user-gateway-jwt', 'changed', 'data.issuer', 'kubectl-patch'],
      ['Service api-gateway', 'changed', 'spec.ports[0].port', 'kubectl-patch'],
      ['Deployment api-gateway', 'added', 'spec.template.spec.containers[0].env[3]', 'kubectl-set'],
      // A removal leaves no managedFields entry (the remover owns nothing afterwards): manager unknown.
      ['Deployment kitchen-service', 'removed', 'metadata.labels["app.kubernetes.io/part-of"]', null],
      ['Deployment kitchen-service', 'changed', 'spec.replicas', 'kubectl (scale)'],
      ['Deployment kitchen-service', 'changed', 'spec.template.spec.containers[0].image', 'kubectl-set'],
    ]);
    // An annotation git does not declare, added by another manager: informational, with its manager.
    expect(
      report.modified.flatMap((o) => o.informational.map((d) => [`${o.kind} ${o.name}`, d.change, d.path, d.writer])),
    ).toStrictEqual([
      ['Deployment kitchen-service', 'added', 'metadata.annotations["example.com/owner"]', 'kubectl-annotate'],
    ]);
    const ignored = [...report.modified, ...report.ignored].flatMap((o) =>
      o.ignored.map((d) => [`${o.kind} ${o.name}`, d.path, d.rule, d.live]),
    );
    // The real rules file: its HPA rule reaches api-gateway (an HPA in the folder targets it) and not
    // kitchen-service, whose `kubectl scale` is drift above. The HPA's write to a field nobody owned leaves no
    // managedFields trace either, so the rule is a pointer.
    expect(ignored).toStrictEqual([['Deployment api-gateway', 'spec.replicas', 'hpa-owned-deployment-replicas', 4]]);
    expect(report.missing.map((m) => `${m.kind} ${m.name}`)).toStrictEqual(['PodDisruptionBudget api-gateway']);
    expect(report.orphans.map((o) => `${o.kind} ${o.name} ${o.application}`)).toStrictEqual([
      'ConfigMap stray dev-local-core-services',
    ]);
    const secret = report.modified.find((o) => o.kind === 'Secret')!;
    expect(secret.differences[0]).toMatchObject({
      desired: '<masked: value in git>',
      live: '<masked: live value differs>',
    });

    // Text and markdown outputs: no Secret value in any form.
    for (const output of ['text', 'markdown']) {
      const shown = await cli([
        'drift',
        '--path',
        FIXTURE,
        '--kubeconfig',
        cluster.readOnlyKubeconfig,
        '--output',
        output,
      ]);
      expect(shown.code).toBe(1);
      for (const value of [
        'someone-else',
        'go-coffee-dev',
        'dev-only-signing-key',
        Buffer.from('someone-else').toString('base64'),
        'ZGV2LW9ubHktc2lnbmluZy1rZXk',
      ]) {
        expect(shown.stdout + shown.stderr).not.toContain(value);
      }
    }
  });

  it('names the rule that hid a difference in text output too', async () => {
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', cluster.readOnlyKubeconfig]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'an unknown manager changed spec.replicas: 1 -> 4 [ignored by rule hpa-owned-deployment-replicas]',
    );
    expect(r.stdout).toContain("-  issuer: '<masked: value in git>'\n    +  issuer: '<masked: live value differs>'");
  });
});

/**
 * Minimal structural CRDs (schema: preserve unknown fields) for the custom kinds a rendered folder uses,
 * derived from the folder itself: the API server then stores those objects as applied, which is all the
 * drift comparison needs. (render-kit's own CRDs are scope:render, which scope:sync may not import.)
 */
function crdsFor(folder: string): string {
  const kinds = new Map<string, { group: string; kind: string; versions: Set<string>; namespaced: boolean }>();
  for (const { object } of loadRenderedTree(folder)) {
    const group = groupOf(String(object.apiVersion));
    if (BUILT_IN_GROUPS.has(group)) continue;
    const key = `${group}/${String(object.kind)}`;
    const entry = kinds.get(key) ?? {
      group,
      kind: String(object.kind),
      versions: new Set<string>(),
      namespaced: false,
    };
    entry.versions.add(versionOf(String(object.apiVersion)));
    if (object.metadata?.namespace) entry.namespaced = true;
    kinds.set(key, entry);
  }
  return [...kinds.values()]
    .map((k) =>
      dump({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${k.kind.toLowerCase()}s.${k.group}` },
        spec: {
          group: k.group,
          scope: k.namespaced ? 'Namespaced' : 'Cluster',
          names: {
            kind: k.kind,
            listKind: `${k.kind}List`,
            plural: `${k.kind.toLowerCase()}s`,
            singular: k.kind.toLowerCase(),
          },
          versions: [...k.versions].map((name, i) => ({
            name,
            served: true,
            storage: i === 0,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          })),
        },
      }),
    )
    .join('---\n');
}

describe('gitops-sync drift on the committed rendered tree', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('finds zero drift after a server-side apply of gitops/dev-aws-us-east-1 (CRDs, then namespaces, then the rest)', async () => {
    const crds = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: crdsFor(RENDERED) });
    expect(crds.stderr).toBe('');
    await kubectl(cluster, ['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
    const namespaces = loadRenderedTree(RENDERED)
      .filter((m) => m.object.kind === 'Namespace')
      .map((m) => dump(m.object))
      .join('---\n');
    expect(
      (
        await cluster.kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'], {
          input: namespaces,
        })
      ).code,
    ).toBe(0);
    await kubectl(cluster, ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-R', '-f', RENDERED]);

    const r = await cli(['drift', '--path', RENDERED, '--kubeconfig', cluster.readOnlyKubeconfig, '--output', 'json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.modified.flatMap((o) => o.differences.map((d) => `${o.kind} ${o.name} ${d.path}`))).toStrictEqual([]);
    expect([report.missing, report.orphans]).toStrictEqual([[], []]);
    expect(report.summary.objects).toBeGreaterThan(100);
    expect(r.code).toBe(0);
  });
});
