/* eslint-disable @typescript-eslint/no-explicit-any -- recorded Argo CD responses are untyped JSON */
// gitops-sync against what a real Argo CD v3.6.1 answered: every fixture under test-fixtures/argocd-recorded/
// is a response recorded by the Argo CD end-to-end test (`npm run e2e:argocd -- --record`) from the real
// server built from Go modules, replayed here byte for byte so these tests run without it. Failures a real
// server cannot produce on demand (401/403/404/429/5xx, hangs, truncation) stay in argocd-commands.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../test-fixtures/argocd-replay-server';
import { runCliCaptured } from '../test-fixtures/run-cli-captured';

const RECORDED = resolve(import.meta.dirname, '..', 'test-fixtures', 'argocd-recorded');
const TOKEN = 'recorded-argocd-token-DO-NOT-PRINT';

interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly requestBody?: unknown;
  readonly status: number;
  readonly body: any;
}

function recorded(name: string): Exchange {
  return JSON.parse(readFileSync(join(RECORDED, name), 'utf8')) as Exchange;
}

function cli(args: string[]) {
  return runCliCaptured(args, { env: { ARGOCD_AUTH_TOKEN: TOKEN } });
}

/** The Git side of a drift check: the objects Argo CD was syncing (its targetState), as rendered files. */
function treeOf(managed: Exchange): string {
  const dir = mkdtempSync(join(tmpdir(), 'recorded-tree-'));
  for (const item of managed.body.items as { targetState?: string; kind: string; name: string }[]) {
    if (!item.targetState) continue;
    writeFileSync(join(dir, `${item.kind.toLowerCase()}-${item.name}.yaml`), stringify(JSON.parse(item.targetState)));
  }
  return dir;
}

/** The recorded application list, narrowed to the named Applications. */
function applicationsNamed(...names: string[]): unknown {
  const list = recorded('applications.json').body as { items: { metadata: { name: string } }[] };
  return { ...list, items: list.items.filter((app) => names.includes(app.metadata.name)) };
}

describe('gitops-sync against responses recorded from a real Argo CD v3.6.1', () => {
  let argo: ReplayServer;
  beforeEach(async () => {
    argo = await startReplayServer();
  });
  afterEach(async () => {
    await argo.close();
  });

  it('status lists every Application of a bootstrapped cluster with its real sync and health', async () => {
    const list = recorded('applications.json');
    argo.on('GET /api/v1/applications', { status: 200, json: list.body });
    const r = await cli(['status', '--argocd', argo.url, '--output', 'json']);
    const rows = JSON.parse(r.stdout).applications as { name: string; sync: string; health: string }[];
    expect(rows.map((row) => row.name)).toStrictEqual(
      (list.body.items as { metadata: { name: string } }[]).map((app) => app.metadata.name),
    );
    // What was true when it was recorded: everything Synced; workloads without a kubelet still Progressing.
    expect(rows.every((row) => row.sync === 'Synced')).toBe(true);
    expect(rows.find((row) => row.name === 'core-services')?.health).toBe('Progressing');
    expect(rows.find((row) => row.name === 'platform')?.health).toBe('Healthy');
    expect(r.code).toBe(1);
    expect(argo.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('drift --argocd reads an Application Argo CD has just synced as in sync', async () => {
    const managed = recorded('managed-resources-core-services-in-sync.json');
    argo.on('GET /api/v1/applications', { status: 200, json: applicationsNamed('core-services') });
    argo.on(`GET ${managed.path}`, { status: 200, json: managed.body });
    const r = await cli(['drift', '--argocd', argo.url, '--path', treeOf(managed)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('drift --argocd reports a real out-of-band kubectl set image with the field manager that made it', async () => {
    const managed = recorded('managed-resources-web3-payment-out-of-band.json');
    argo.on('GET /api/v1/applications', { status: 200, json: applicationsNamed('web3-payment') });
    argo.on(`GET ${managed.path}`, { status: 200, json: managed.body });
    const r = await cli(['drift', '--argocd', argo.url, '--path', treeOf(managed)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^OUT-OF-BAND apps\/v1 Deployment go-coffee\/web3-payment-service \[web3-payment\]/m);
    expect(r.stdout).toContain('kubectl-set changed spec.template.spec.containers[0].image');
    expect(r.stdout).not.toContain(TOKEN);
  });

  it('sync posts the request Argo CD accepted and reads its real answer', async () => {
    const sync = recorded('sync-web3-payment.json');
    argo.on(`POST ${sync.path}`, { status: 200, json: sync.body });
    const r = await cli(['sync', 'web3-payment', '--argocd', argo.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sync of web3-payment \w+/);
    expect(JSON.parse(argo.requests[0]!.body)).toStrictEqual(sync.requestBody);
  });
});
