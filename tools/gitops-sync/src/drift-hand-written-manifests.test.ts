// gitops-sync drift on manifests shaped as users write them (test-fixtures/hand-written: minimal, defaults
// left out, one of every kind whose defaults used to read as drift), on a real etcd + kube-apiserver:
// - applied as Argo CD applies them (server-side, field manager argocd-controller) and with client-side
//   apply: zero findings, exit 0;
// - the recorded defaults table, one test per entry against the server;
// - a mutation matrix run against `kubectl diff --server-side` in the same test, recording where each tool
//   differs; orphans of any kind in any namespace; "not searched" kinds and --strict; git the API server
//   would reject (exit 2 naming the file and the field).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dump, load, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULTED_FIELDS,
  KUBE_YAML_SCHEMA,
  applyApiDefaults,
  normalizeObject,
  recordBuiltInSemantics,
  recordedBuiltInSemantics,
} from '@go-coffee/drift';
import { isBuiltInGroup, TRACKING_ID_ANNOTATION, type KubeObject } from '@go-coffee/kube-objects';
import { startLocalCluster, type LocalCluster } from '@go-coffee/local-cluster';
import { runCliCaptured } from '../test-fixtures/run-cli-captured';

const FIXTURE = resolve(import.meta.dirname, '..', 'test-fixtures', 'hand-written');
const FIELD_MANAGER = 'argocd-controller';

function cli(args: string[]) {
  return runCliCaptured(args);
}

interface JsonDifference {
  path: string;
  change: string;
  writer?: string;
  mustNotExist?: string;
}
interface JsonObject {
  kind: string;
  namespace: string;
  name: string;
  differences: JsonDifference[];
  informational: JsonDifference[];
}
interface JsonReport {
  summary: Record<string, number>;
  modified: JsonObject[];
  informational: JsonObject[];
  missing: { kind: string; name: string }[];
  orphans: { group: string; kind: string; namespace: string; name: string; application: string }[];
  notSearched: { kind: string; scope: string }[];
}

function objectsOf(file: string): KubeObject[] {
  return loadAll(readFileSync(file, 'utf8'), undefined, { schema: KUBE_YAML_SCHEMA }).filter(
    (d): d is KubeObject => d !== null && typeof d === 'object',
  );
}

/** The namespaced manifests again, in namespace `hand-written-csa`, for a client-side apply. */
function clientSideVariant(dir: string): string {
  const out = join(dir, 'client-side');
  mkdirSync(out);
  const docs: string[] = [
    dump({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'hand-written-csa',
        annotations: { [TRACKING_ID_ANNOTATION]: 'hand-written-csa:/Namespace:argocd/hand-written-csa' },
      },
    }),
  ];
  for (const file of readdirSync(FIXTURE).sort()) {
    for (const object of objectsOf(join(FIXTURE, file))) {
      const metadata = object.metadata as Record<string, unknown>;
      if (metadata.namespace !== 'hand-written') continue;
      const text = JSON.stringify(object)
        .replaceAll('"hand-written"', '"hand-written-csa"')
        .replace(/hand-written:([^"]*):hand-written\//g, 'hand-written-csa:$1:hand-written-csa/');
      docs.push(dump(JSON.parse(text)));
    }
  }
  writeFileSync(join(out, 'all.yaml'), docs.join('---\n'));
  return out;
}

describe('gitops-sync drift on hand-written manifests against a real kube-apiserver', () => {
  let cluster: LocalCluster;
  let dir: string;
  let clientSide: string;

  const kubectl = async (args: string[], input?: string) => {
    const r = await cluster.kubectl(args, input === undefined ? {} : { input });
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const drift = async (folder: string, extra: string[] = []) => {
    const r = await cli([
      'drift',
      '--path',
      folder,
      '--kubeconfig',
      cluster.adminKubeconfig,
      '--output',
      'json',
      ...extra,
    ]);
    return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as JsonReport) : undefined };
  };
  /**
   * kubectl diff --server-side of the folder as Argo CD would apply it: the objects it shows a difference
   * for (`Kind namespace/name`, from its `diff -u` headers), sorted.
   */
  const kubectlDiff = async (folder: string) => {
    const r = await cluster.kubectl([
      'diff',
      '--server-side',
      `--field-manager=${FIELD_MANAGER}`,
      '--force-conflicts',
      '-R',
      '-f',
      folder,
    ]);
    if (r.code > 1) throw new Error(`kubectl diff failed: ${r.stderr}`);
    // Objects whose diff changes more than metadata.generation (see the baseline below).
    const objects = new Set<string>();
    for (const block of r.stdout.split(/^(?=diff -u -N )/m)) {
      const name = /^diff -u -N \S+\/LIVE-\d+\/(\S+) /.exec(block)?.[1];
      const changed = block
        .split('\n')
        .filter((l) => /^[-+]/.test(l) && !/^(\+\+\+|---) /.test(l) && !/^[-+]\s+generation: \d+$/.test(l));
      if (name && changed.length > 0) objects.add(name);
    }
    return { code: r.code, objects: [...objects].sort(), stdout: r.stdout };
  };

  beforeAll(async () => {
    cluster = await startLocalCluster();
    dir = mkdtempSync(join(tmpdir(), 'gitops-sync-hand-written-'));
    const ssa = ['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`];
    await kubectl([...ssa, '-f', join(FIXTURE, 'customresourcedefinition.yaml')]);
    await kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
    await kubectl([...ssa, '-f', join(FIXTURE, 'namespace.yaml')]);
    await kubectl([...ssa, '-R', '-f', FIXTURE]);
    clientSide = clientSideVariant(dir);
    await kubectl(['apply', `--field-manager=${FIELD_MANAGER}`, '-f', join(clientSide, 'all.yaml')]);
  });

  afterAll(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the OpenAPI semantics recorded in libs/drift (npm run drift:openapi re-records them)', async () => {
    const get = async (path: string) => {
      const r = await cluster.request('admin', 'GET', path);
      return { status: r.status, body: JSON.parse(r.body) as unknown };
    };
    const live = await recordBuiltInSemantics(get, isBuiltInGroup);
    const recorded = recordedBuiltInSemantics();
    expect(live.source).toBe(recorded.source);
    expect(live).toStrictEqual(recorded);
  });

  it('reports zero findings and exits 0 after a server-side apply as Argo CD applies them', async () => {
    const r = await drift(FIXTURE);
    expect(r.stderr).toBe('');
    expect(r.report?.modified.flatMap((o) => o.differences.map((d) => `${o.kind} ${o.name} ${d.path}`))).toStrictEqual(
      [],
    );
    expect([r.report?.missing, r.report?.orphans, r.report?.informational]).toStrictEqual([[], [], []]);
    expect(r.report?.summary.objects).toBe(22);
    expect(r.code).toBe(0);
  });

  it('reports zero findings and exits 0 after a client-side kubectl apply of the same manifests', async () => {
    const r = await drift(clientSide);
    expect(r.stderr).toBe('');
    expect(r.report?.modified.flatMap((o) => o.differences.map((d) => `${o.kind} ${o.name} ${d.path}`))).toStrictEqual(
      [],
    );
    expect(r.code).toBe(0);
  });

  describe('the recorded table of defaulted fields', () => {
    it.each(DEFAULTED_FIELDS.map((entry) => [`${entry.kind} ${entry.pointer}`, entry] as const))(
      'the API server fills %s as recorded, and normalization predicts it',
      async (_title, entry) => {
        const manifest = objectsOf(join(FIXTURE, entry.fixture)).find((o) => o.kind === entry.kind.split(' ')[1])!;
        const metadata = manifest.metadata as { name: string; namespace?: string };
        const [apiVersion] = entry.kind.split(' ');
        const base = apiVersion!.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
        const plural = entry.resource;
        const path = `${base}${metadata.namespace ? `/namespaces/${metadata.namespace}` : ''}/${plural}/${metadata.name}`;
        const live = JSON.parse((await cluster.request('admin', 'GET', path)).body) as KubeObject;
        expect(valueAt(manifest, entry.pointer)).toBeUndefined();
        expect(valueAt(live, entry.pointer)).toStrictEqual(entry.value);
        // Normalization fills in the same value on the git side (so a clean apply reads as in sync).
        const predicted = structuredClone(manifest);
        applyApiDefaults(predicted);
        expect(valueAt(normalizeObject(predicted), entry.pointer)).toStrictEqual(
          valueAt(normalizeObject(live), entry.pointer),
        );
        expect(valueAt(predicted, entry.pointer)).toBeDefined();
      },
    );
  });

  it('runs the mutation matrix through both tools and records where they differ', async () => {
    const ns = ['-n', 'hand-written'];
    const matrix: {
      readonly name: string;
      readonly mutate: string[][];
      readonly undo: string[][];
    }[] = [
      {
        name: 'NetworkPolicy peer widened with namespaceSelector: {}',
        mutate: [
          [
            ...ns,
            'patch',
            'networkpolicy/db',
            '--type=json',
            '-p',
            '[{"op":"add","path":"/spec/ingress/0/from/0/namespaceSelector","value":{}}]',
          ],
        ],
        undo: [
          [
            ...ns,
            'patch',
            'networkpolicy/db',
            '--type=json',
            '-p',
            '[{"op":"remove","path":"/spec/ingress/0/from/0/namespaceSelector"}]',
          ],
        ],
      },
      {
        name: 'kubectl rollout restart',
        mutate: [[...ns, 'rollout', 'restart', 'deployment/web']],
        undo: [
          [
            ...ns,
            'patch',
            'deployment/web',
            '--type=json',
            '-p',
            '[{"op":"remove","path":"/spec/template/metadata/annotations"}]',
          ],
        ],
      },
      {
        name: 'label added by another manager',
        mutate: [[...ns, 'label', 'deployment/web', 'team=payments']],
        undo: [[...ns, 'label', 'deployment/web', 'team-']],
      },
      {
        name: 'Pod Security label added to the Namespace (mustNotExist rule)',
        mutate: [['label', 'namespace/hand-written', 'pod-security.kubernetes.io/enforce=privileged']],
        undo: [['label', 'namespace/hand-written', 'pod-security.kubernetes.io/enforce-']],
      },
      {
        name: 'env var added by kubectl set env',
        mutate: [[...ns, 'set', 'env', 'deployment/web', 'DEBUG=1']],
        undo: [[...ns, 'set', 'env', 'deployment/web', 'DEBUG-']],
      },
      {
        name: 'image changed by kubectl set image',
        mutate: [[...ns, 'set', 'image', 'deployment/web', 'web=registry.k8s.io/pause:3.9']],
        undo: [[...ns, 'set', 'image', 'deployment/web', 'web=registry.k8s.io/pause:3.10']],
      },
      {
        name: 'ConfigMap key added',
        mutate: [[...ns, 'patch', 'configmap/settings', '--type=merge', '-p', '{"data":{"EXTRA":"1"}}']],
        undo: [[...ns, 'patch', 'configmap/settings', '--type=json', '-p', '[{"op":"remove","path":"/data/EXTRA"}]']],
      },
      {
        name: 'custom resource boolean flipped',
        mutate: [[...ns, 'patch', 'scrapetarget/web', '--type=merge', '-p', '{"spec":{"honorLabels":false}}']],
        undo: [[...ns, 'patch', 'scrapetarget/web', '--type=merge', '-p', '{"spec":{"honorLabels":true}}']],
      },
      {
        name: 'tracked cluster-scoped orphan (id with the destination namespace)',
        mutate: [
          ['create', 'clusterrole', 'hand-written-stray', '--verb=get', '--resource=pods'],
          [
            'annotate',
            'clusterrole/hand-written-stray',
            `${TRACKING_ID_ANNOTATION}=hand-written:rbac.authorization.k8s.io/ClusterRole:argocd/hand-written-stray`,
          ],
        ],
        undo: [['delete', 'clusterrole/hand-written-stray']],
      },
      {
        name: 'tracked orphan of a kind the tree lacks (Pod)',
        mutate: [
          [
            ...ns,
            'run',
            'stray',
            '--image=registry.k8s.io/pause:3.10',
            '--overrides={"spec":{"serviceAccountName":"web","automountServiceAccountToken":false}}',
            `--annotations=${TRACKING_ID_ANNOTATION}=hand-written:/Pod:hand-written/stray`,
          ],
        ],
        undo: [[...ns, 'delete', 'pod/stray', '--wait=false', '--grace-period=0', '--force']],
      },
      {
        name: 'tracked orphan in a namespace the tree lacks',
        mutate: [
          ['create', 'namespace', 'elsewhere'],
          ['-n', 'elsewhere', 'create', 'secret', 'generic', 'stray', '--from-literal=a=b'],
          [
            '-n',
            'elsewhere',
            'annotate',
            'secret/stray',
            `${TRACKING_ID_ANNOTATION}=hand-written:/Secret:elsewhere/stray`,
          ],
        ],
        undo: [['-n', 'elsewhere', 'delete', 'secret/stray']],
      },
    ];
    // Right after a clean apply kubectl diff already exits 1: re-applying `egress: []` bumps the
    // NetworkPolicy's metadata.generation (its only difference). gitops-sync reads the same state as in sync.
    const baseline = await kubectlDiff(FIXTURE);
    expect(baseline.code).toBe(1);
    expect(baseline.stdout).toMatch(/^- {2}generation: 1\n\+ {2}generation: 2$/m);
    expect(baseline.objects).toStrictEqual([]);
    expect((await drift(FIXTURE)).code).toBe(0);
    const rows: string[] = [];
    for (const m of matrix) {
      for (const args of m.mutate) await kubectl(args);
      const ours = await drift(FIXTURE);
      const theirs = await kubectlDiff(FIXTURE);
      const findings = [
        ...(ours.report?.modified ?? []).flatMap((o) =>
          o.differences.map(
            (d) => `drift ${o.kind}/${o.name} ${d.path}${d.mustNotExist ? ` (${d.mustNotExist})` : ''}`,
          ),
        ),
        ...[...(ours.report?.modified ?? []), ...(ours.report?.informational ?? [])].flatMap((o) =>
          o.informational.map((d) => `info ${o.kind}/${o.name} ${d.path} by ${d.writer}`),
        ),
        ...(ours.report?.orphans ?? []).map((o) => `orphan ${o.kind} ${o.namespace}/${o.name} [${o.application}]`),
      ];
      const shown = theirs.objects;
      rows.push(
        `${m.name} | gitops-sync ${ours.code}: ${findings.join('; ') || 'nothing'} | kubectl diff ${theirs.code}: ${shown.join(', ') || 'nothing'}`,
      );
      for (const args of m.undo) await kubectl(args);
    }
    // Where the tools differ: kubectl diff cannot see what an apply would keep (other managers' additions:
    // an env var, a ConfigMap key, a Pod Security label) nor orphans; gitops-sync reports those and keeps
    // what no sync can clear (rollout restart, a foreign label) informational with exit 0.
    expect(rows).toStrictEqual([
      'NetworkPolicy peer widened with namespaceSelector: {} | gitops-sync 1: drift NetworkPolicy/db spec.ingress[0].from[0].namespaceSelector | kubectl diff 1: networking.k8s.io.v1.NetworkPolicy.hand-written.db',
      'kubectl rollout restart | gitops-sync 0: info Deployment/web spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"] by kubectl-rollout | kubectl diff 1: nothing',
      'label added by another manager | gitops-sync 0: info Deployment/web metadata.labels.team by kubectl-label | kubectl diff 1: nothing',
      'Pod Security label added to the Namespace (mustNotExist rule) | gitops-sync 1: drift Namespace/hand-written metadata.labels["pod-security.kubernetes.io/enforce"] (namespace-pod-security-set-outside-git) | kubectl diff 1: nothing',
      'env var added by kubectl set env | gitops-sync 1: drift Deployment/web spec.template.spec.containers[0].env | kubectl diff 1: nothing',
      'image changed by kubectl set image | gitops-sync 1: drift Deployment/web spec.template.spec.containers[0].image | kubectl diff 1: apps.v1.Deployment.hand-written.web',
      'ConfigMap key added | gitops-sync 1: drift ConfigMap/settings data.EXTRA | kubectl diff 1: nothing',
      'custom resource boolean flipped | gitops-sync 1: drift ScrapeTarget/web spec.honorLabels | kubectl diff 1: hand-written.example.com.v1.ScrapeTarget.hand-written.web',
      'tracked cluster-scoped orphan (id with the destination namespace) | gitops-sync 1: orphan ClusterRole /hand-written-stray [hand-written] | kubectl diff 1: nothing',
      'tracked orphan of a kind the tree lacks (Pod) | gitops-sync 1: orphan Pod hand-written/stray [hand-written] | kubectl diff 1: nothing',
      'tracked orphan in a namespace the tree lacks | gitops-sync 1: orphan Secret elsewhere/stray [hand-written] | kubectl diff 1: nothing',
    ]);
    // Every mutation undone: back in sync.
    expect((await drift(FIXTURE)).code).toBe(0);
  });

  it('names kinds it may not list as "not searched" (exit 0) and exits 2 with --strict', async () => {
    const user = 'drift-without-pod-list';
    const treeKinds = [
      'namespaces',
      'limitranges',
      'configmaps',
      'secrets',
      'services',
      'serviceaccounts',
      'resourcequotas',
      'persistentvolumeclaims',
      'deployments',
      'statefulsets',
      'jobs',
      'cronjobs',
      'horizontalpodautoscalers',
      'networkpolicies',
      'ingresses',
      'poddisruptionbudgets',
      'roles',
      'rolebindings',
      'clusterroles',
      'priorityclasses',
      'customresourcedefinitions',
      'scrapetargets',
    ];
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: user },
      rules: [{ apiGroups: ['*'], resources: treeKinds, verbs: ['get', 'list'] }],
    };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: user },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: user },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    };
    await kubectl(['apply', '-f', '-'], `${dump(role)}---\n${dump(binding)}`);
    const kubeconfig = load(readFileSync(cluster.adminKubeconfig, 'utf8')) as {
      users: { user: Record<string, unknown> }[];
    };
    kubeconfig.users[0]!.user.as = user;
    const limited = join(dir, 'limited.kubeconfig');
    writeFileSync(limited, dump(kubeconfig), { mode: 0o600 });

    const args = ['drift', '--path', FIXTURE, '--kubeconfig', limited];
    const r = await cli([...args, '--output', 'json']);
    expect([r.code, r.stderr]).toStrictEqual([0, '']);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.notSearched.map((k) => `${k.kind} ${k.scope}`)).toContain('Pod all namespaces');
    expect(report.notSearched.map((k) => k.kind)).not.toContain('Deployment');
    const text = await cli(args);
    expect(text.stdout).toMatch(/^NOT SEARCHED for orphans: Pod \(pods\) in all namespaces: forbidden/m);
    const strict = await cli([...args, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/--strict: \d+ kind\(s\) could not be searched for orphans/);
  });

  it('fails with exit 2 naming the file and the field when git holds what the API server would reject', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    const service = readFileSync(join(FIXTURE, 'service.yaml'), 'utf8').replace(
      'targetPort: 8080',
      'targetPort: "8080"',
    );
    writeFileSync(join(broken, 'service.yaml'), service);
    const configMap = readFileSync(join(FIXTURE, 'configmap.yaml'), 'utf8').replace('LOG_LEVEL: info', 'LOG_LEVEL: on');
    writeFileSync(join(broken, 'configmap.yaml'), configMap);
    const r = await cli(['drift', '--path', broken, '--kubeconfig', cluster.adminKubeconfig]);
    expect([r.code, r.stdout]).toStrictEqual([2, '']);
    expect(r.stderr).toContain('2 field(s) in git the API server would reject');
    expect(r.stderr).toContain(
      'service.yaml: v1 Service hand-written/web: spec.ports[0].targetPort: the string "8080" is neither a number nor a name/percentage',
    );
    expect(r.stderr).toContain(
      'configmap.yaml: v1 ConfigMap hand-written/settings: data.LOG_LEVEL: expected a string, got the boolean true (YAML 1.1',
    );
  });
});

function valueAt(obj: unknown, pointer: string): unknown {
  let cur: unknown = obj;
  for (const token of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}
