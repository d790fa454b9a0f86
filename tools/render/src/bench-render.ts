// `npm run bench:render` — wall time of (1) a cold full render through the areas' Nx targets with the cache
// skipped, (2) the same run answered from the Nx cache, and (3) a synthetic 200 services × 10 clusters
// render+write in one process. Prints each beside its target from issue 3 and ends with one machine-readable
// line. Prerequisite: npm install. Writes gitops/ (cases 1, 2) exactly as npm run render does, and a temp dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject } from 'cdk8s';
import type { Chart } from 'cdk8s';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { workspaceRoot } from '@go-coffee/cli';
import type { ClusterContext } from '@go-coffee/environments';
import { AreaLayout, renderCluster, writeTree } from '@go-coffee/render-kit';
import type { RenderArea } from '@go-coffee/render-kit';

const root = workspaceRoot(process.cwd());
// Same Nx settings as npm run render; the daemon is off so every run pays Nx's full start-up, as in CI.
const nxEnv = { NX_ISOLATE_PLUGINS: 'false', ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };

function nxRender(extra: string[]): number {
  const started = performance.now();
  const result = spawnSync(
    join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'render', '--outputStyle=static', ...extra],
    {
      cwd: root,
      env: nxEnv,
      encoding: 'utf8',
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`nx run-many -t render ${extra.join(' ')} failed with exit ${result.status}`);
  }
  return seconds;
}

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, entry) => {
    const path = join(dir, entry);
    return n + (statSync(path).isDirectory() ? countFiles(path) : 1);
  }, 0);
}

/** A service the size of a real one: Deployment, Service, HPA, PDB and ServiceAccount. */
function syntheticArea(services: number): RenderArea {
  return {
    name: 'core-services',
    namespace: 'go-coffee',
    syncWave: 0,
    render(chart: Chart, ctx: ClusterContext) {
      for (let i = 0; i < services; i += 1) {
        const name = `svc-${String(i).padStart(3, '0')}`;
        const labels = { 'app.kubernetes.io/name': name };
        const metadata = { name, namespace: 'go-coffee', labels };
        new ApiObject(chart, `${name}-sa`, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { ...metadata, annotations: { 'eks.amazonaws.com/role-arn': ctx.identity.awsRoleArn ?? '' } },
        });
        new ApiObject(chart, `${name}-deploy`, {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata,
          spec: {
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                serviceAccountName: name,
                securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
                containers: [
                  {
                    name,
                    image: `ghcr.io/go-coffee/${name}:1.0.0`,
                    ports: [{ containerPort: 8080, name: 'http' }],
                    livenessProbe: { httpGet: { path: '/health', port: 'http' } },
                    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
                    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
                    securityContext: {
                      readOnlyRootFilesystem: true,
                      allowPrivilegeEscalation: false,
                      capabilities: { drop: ['ALL'] },
                    },
                  },
                ],
              },
            },
          },
        });
        new ApiObject(chart, `${name}-svc`, {
          apiVersion: 'v1',
          kind: 'Service',
          metadata,
          spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
        });
        new ApiObject(chart, `${name}-hpa`, {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata,
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
            minReplicas: ctx.sizing.minReplicas,
            maxReplicas: ctx.sizing.maxReplicas,
          },
        });
        new ApiObject(chart, `${name}-pdb`, {
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata,
          spec: { selector: { matchLabels: labels }, maxUnavailable: 1 },
        });
      }
    },
  };
}

function scaleCase(services: number, clusters: number): { seconds: number; objects: number } {
  const out = mkdtempSync(join(tmpdir(), 'bench-render-'));
  const area = syntheticArea(services);
  const contexts = Array.from({ length: clusters }, (_, i) =>
    testClusterContext({ name: `bench-${String(i).padStart(2, '0')}` }),
  );
  const started = performance.now();
  const files = contexts.flatMap((ctx) => renderCluster(ctx, [area]));
  writeTree(out, files, {
    folders: contexts.map((ctx) => ({ cluster: ctx.name, area: area.name })),
    areas: [area.name],
    enabledClusters: new Set(contexts.map((ctx) => ctx.name)),
    wholeTree: false,
    layout: new AreaLayout([area]),
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  return { seconds, objects: files.length };
}

const fmt = (n: number): string => n.toFixed(2);
const cold = nxRender(['--skip-nx-cache']);
const objects = countFiles(join(root, 'gitops'));
nxRender([]); // make sure every task's result is in the cache
const cached = nxRender([]);
const scale = scaleCase(200, 10);

const rows = [
  ['case', 'wall_s', 'objects', 'objects/s', 'target (issue 3)'],
  ['cold full render (nx, cache skipped)', fmt(cold), String(objects), fmt(objects / cold), '<= 10 s'],
  ['nx cache hit render', fmt(cached), String(objects), fmt(objects / cached), '<= 1 s'],
  [
    'synthetic 200 services x 10 clusters',
    fmt(scale.seconds),
    String(scale.objects),
    fmt(scale.objects / scale.seconds),
    '<= 60 s',
  ],
];
const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
for (const row of rows) console.log(row.map((cell, col) => cell.padEnd(widths[col]!)).join('  '));
console.log(
  `bench:render cold_s=${fmt(cold)} cached_s=${fmt(cached)} scale_s=${fmt(scale.seconds)} objects=${objects}`,
);
