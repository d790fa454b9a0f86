/* eslint-disable @typescript-eslint/no-explicit-any -- tests mutate deeply nested manifest fixtures */
// The Argo CD side of gitops-sync (status, drift --argocd, sync) against a replay server, for what a real
// Argo CD cannot be made to answer on demand: 401/403/404, 429, 5xx, hangs, truncated bodies, and a mix of
// drift classes in one response. The happy path runs on responses recorded from a real Argo CD v3.6.1
// (argocd-recorded.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArgoCdApiError, ArgoCdClient, loadRenderedTree } from '@go-coffee/drift';
import { refOf, TRACKING_ID_ANNOTATION, type KubeObject } from '@go-coffee/kube-objects';
import {
  argoApplication,
  argoError,
  startReplayServer,
  type ReplayServer,
} from '../test-fixtures/argocd-replay-server';
import { runCliCaptured } from '../test-fixtures/run-cli-captured';

const FIXTURE = resolve(import.meta.dirname, '..', 'test-fixtures', 'dev-local');
const TOKEN = 'argocd-token-DO-NOT-PRINT-7f3a';

function cli(args: string[], env: Record<string, string> = {}) {
  return runCliCaptured(args, { env });
}

/** managed-resources items for every fixture object of `app`, target = git, live = git as stored. */
function managedItems(
  app: string,
  edit: (key: string, item: { target: KubeObject | null; live: KubeObject | null }) => void = () => {},
) {
  const items = [];
  for (const { object } of loadRenderedTree(FIXTURE)) {
    const id = String((object.metadata?.annotations as Record<string, string>)[TRACKING_ID_ANNOTATION]);
    if (!id.startsWith(`${app}:`)) continue;
    const ref = refOf(object);
    const pair = {
      target: structuredClone(object),
      live: {
        ...structuredClone(object),
        metadata: { ...structuredClone(object.metadata), uid: 'u', resourceVersion: '7' },
      } as KubeObject,
    };
    edit(`${ref.kind}/${ref.name}`, pair);
    items.push(resourceDiff(ref, pair.target, pair.live));
  }
  return items;
}

function resourceDiff(
  ref: { group: string; kind: string; namespace: string; name: string },
  target: KubeObject | null,
  live: KubeObject | null,
) {
  return {
    ...(ref.group ? { group: ref.group } : {}),
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
    targetState: JSON.stringify(target),
    liveState: JSON.stringify(live),
    normalizedLiveState: JSON.stringify(live),
    predictedLiveState: JSON.stringify(target),
    hook: false,
    modified: JSON.stringify(target) !== JSON.stringify(live),
    resourceVersion: '7',
  };
}

describe('gitops-sync against the Argo CD API (replayed v2.14 responses)', () => {
  let argo: ReplayServer;
  beforeEach(async () => {
    argo = await startReplayServer();
  });
  afterEach(async () => {
    await argo.close();
  });

  it('status exits 0 when every application is Synced and Healthy, and handles "items": null', async () => {
    argo.on('GET /api/v1/applications', { status: 200, json: { metadata: {}, items: null } });
    expect((await cli(['status', '--argocd', argo.url, '--output', 'json'])).stdout).toBe(
      '{\n  "applications": [],\n  "allSyncedAndHealthy": true\n}\n',
    );
  });

  it('drift --argocd classifies not-synced, out-of-band, ignored and orphan differences', async () => {
    argo.on('GET /api/v1/applications', {
      status: 200,
      json: {
        items: [
          argoApplication('dev-local-platform', 'Synced', 'Healthy'),
          argoApplication('dev-local-core-services', 'OutOfSync', 'Healthy'),
        ],
      },
    });
    argo.on('GET /api/v1/applications/dev-local-platform/managed-resources', {
      status: 200,
      json: { items: managedItems('dev-local-platform') },
    });
    const core = managedItems('dev-local-core-services', (key, pair) => {
      const t = pair.target as Record<string, any>;
      const l = pair.live as Record<string, any>;
      if (key === 'Deployment/kitchen-service') {
        // Argo CD still targets the previous commit's image.
        t.spec.template.spec.containers[0].image = 'ghcr.io/go-coffee/kitchen-service:2.0.0';
        l.spec.template.spec.containers[0].image = 'ghcr.io/go-coffee/kitchen-service:2.0.0';
      }
      if (key === 'ConfigMap/api-gateway') {
        l.data.LOG_LEVEL = 'debug';
        l.metadata.managedFields = [
          {
            manager: 'kubectl-edit',
            operation: 'Update',
            time: '2026-01-02T00:00:00Z',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:LOG_LEVEL': {} } },
          },
        ];
      }
      if (key === 'Deployment/api-gateway') l.spec.replicas = 4;
    });
    const stray = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stray', namespace: 'go-coffee' },
      data: { a: 'b' },
    };
    core.push(resourceDiff({ group: '', kind: 'ConfigMap', namespace: 'go-coffee', name: 'stray' }, null, stray));
    argo.on('GET /api/v1/applications/dev-local-core-services/managed-resources', {
      status: 200,
      json: { items: core },
    });

    const r = await cli(['drift', '--argocd', argo.url, '--path', FIXTURE], { ARGOCD_AUTH_TOKEN: TOKEN });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^[A-Z-]+ /.test(l))).toStrictEqual([
      'NOT-SYNCED apps/v1 Deployment go-coffee/kitchen-service [dev-local-core-services]: git differs from the target Argo CD is syncing',
      'OUT-OF-BAND v1 ConfigMap go-coffee/api-gateway [dev-local-core-services]',
      'ORPHAN v1 ConfigMap go-coffee/stray [dev-local-core-services]: live and tracked by Argo CD, not in git (Argo CD would prune it)',
      'IGNORED apps/v1 Deployment go-coffee/api-gateway [dev-local-core-services] (rule hpa-owned-deployment-replicas)',
    ]);
    expect(r.stdout).toContain(
      '  spec.template.spec.containers[0].image: git "ghcr.io/go-coffee/kitchen-service:2.0.1", Argo CD target "ghcr.io/go-coffee/kitchen-service:2.0.0"',
    );
    expect(r.stdout).toContain('  an unknown manager changed spec.replicas: 1 -> 4');
    expect(r.stdout).toContain('kubectl-edit changed data.LOG_LEVEL: "info" -> "debug"');
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.stdout).not.toContain('ZGV2LW9ubHktc2lnbmluZy1rZXktbm90LXNlY3JldA');
  });

  it.each([
    [
      '401',
      argoError(401, 16, 'invalid session: token has invalid claims'),
      /unauthorized \(401\); set ARGOCD_AUTH_TOKEN/,
    ],
    ['403', argoError(403, 7, 'permission denied'), /forbidden \(403\): permission denied/],
    ['500', argoError(500, 13, 'rpc error'), /server error 500: rpc error after 3 attempts/],
    ['503', { status: 503, raw: '<html>upstream unavailable</html>' }, /server error 503 after 3 attempts/],
    [
      'truncated JSON',
      { status: 200, raw: '{"items":[{"metadata":{"name":"dev-loc' },
      /not valid JSON \(truncated\?\)/,
    ],
  ] as const)('status fails with exit 2 on %s and never prints the token', async (_name, reply, message) => {
    argo.on('GET /api/v1/applications', reply);
    const r = await cli(['status', '--argocd', argo.url], { ARGOCD_AUTH_TOKEN: TOKEN });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('sync of an unknown application exits 2 with the 404', async () => {
    argo.on('POST /api/v1/applications/nope/sync', argoError(404, 5, 'applications.argoproj.io "nope" not found'));
    const r = await cli(['sync', 'nope', '--argocd', argo.url]);
    expect([r.code, r.stderr]).toStrictEqual([
      2,
      'gitops-sync: Argo CD POST /api/v1/applications/nope/sync: not found (404): applications.argoproj.io "nope" not found\n',
    ]);
  });

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    argo.on(
      'GET /api/v1/applications',
      { status: 429, json: { message: 'too many requests' }, headers: { 'retry-after': '0' } },
      { status: 200, json: { items: [argoApplication('a', 'Synced', 'Healthy')] } },
    );
    const r = await cli(['status', '--argocd', argo.url]);
    expect(r.code).toBe(0);
    expect(argo.requests).toHaveLength(2);
  });

  it('gives up on persistent 429 with exit 2', async () => {
    argo.on('GET /api/v1/applications', {
      status: 429,
      json: { message: 'slow down' },
      headers: { 'retry-after': '0' },
    });
    const r = await cli(['status', '--argocd', argo.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rate limited (429) after 3 attempts');
  });

  it('times out on a server that never answers', async () => {
    argo.on('GET /api/v1/applications', { hang: true });
    const client = new ArgoCdClient({ baseUrl: argo.url, timeoutMs: 300 });
    const error = await client.listApplications().catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(ArgoCdApiError);
    expect((error as ArgoCdApiError).kind).toBe('timeout');
    expect((error as Error).message).toBe('Argo CD GET /api/v1/applications: no answer within 300 ms');
  });
});

describe('Argo CD TLS', () => {
  let dir: string;
  let argo: ReplayServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gitops-sync-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
      ],
      {
        cwd: dir,
        stdio: 'ignore',
      },
    );
    argo = await startReplayServer({
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    });
    argo.on('GET /api/v1/applications', { status: 200, json: { items: [argoApplication('a', 'Synced', 'Healthy')] } });
  });
  afterAll(async () => {
    await argo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an untrusted certificate unless --insecure is given', async () => {
    const verified = await cli(['status', '--argocd', argo.url]);
    expect(verified.code).toBe(2);
    expect(verified.stderr).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT|self[- ]signed/i);
    const insecure = await cli(['status', '--argocd', argo.url, '--insecure']);
    expect(insecure.code).toBe(0);
  });
});
