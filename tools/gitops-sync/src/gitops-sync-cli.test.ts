// Argument handling and input errors of the CLI: every bad input is a message naming the file or flag
// and exit 2, never a stack trace and never "in sync".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../test-fixtures/run-cli-captured';
import { HELP } from './gitops-sync-cli';

const FIXTURE = resolve(import.meta.dirname, '..', 'test-fixtures', 'dev-local');

function cli(args: string[], cwd = process.cwd()) {
  return runCliCaptured(args, { cwd });
}

describe('gitops-sync CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gitops-sync-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('documents the exit codes in --help', async () => {
    const r = await cli(['--help']);
    expect([r.code, r.stdout]).toStrictEqual([0, HELP]);
    expect(HELP).toMatch(/0 {2}in sync[\s\S]*1 {2}drift found[\s\S]*2 {2}error/);
  });

  it.each([
    [['bogus'], 'gitops-sync: unknown command "bogus"\nRun `gitops-sync --help` for usage.\n'],
    [
      ['drift'],
      'gitops-sync: drift needs --path gitops/<cluster>, or --env <env> --cluster <cluster>\nRun `gitops-sync --help` for usage.\n',
    ],
    [
      ['drift', '--path', 'x', '--env', 'dev'],
      'gitops-sync: use either --path or --env/--cluster, not both\nRun `gitops-sync --help` for usage.\n',
    ],
    [
      ['drift', '--path', 'x', '--output', 'yaml'],
      'gitops-sync: --output must be one of text, json, markdown, got "yaml"\nRun `gitops-sync --help` for usage.\n',
    ],
    [['status'], 'gitops-sync: pass --argocd <url> (or set ARGOCD_SERVER)\nRun `gitops-sync --help` for usage.\n'],
    [
      ['sync', '--argocd', 'http://127.0.0.1:9'],
      'gitops-sync: sync takes exactly one Application name: gitops-sync sync <application> --argocd <url>\nRun `gitops-sync --help` for usage.\n',
    ],
  ])('rejects %j with exit 2 and a usage hint', async (args, stderr) => {
    expect(await cli(args)).toStrictEqual({ code: 2, stdout: '', stderr });
  });

  it('rejects an unknown flag', async () => {
    const r = await cli(['drift', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--colour'");
  });

  it('names an environment cluster that does not exist', async () => {
    const r = await cli(['drift', '--env', 'dev', '--cluster', 'dev-nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gitops-sync: environment dev has no enabled cluster "dev-nowhere"; known: /);
  });

  it('refuses a folder that does not exist or holds no manifests', async () => {
    expect((await cli(['drift', '--path', join(dir, 'missing')])).stderr).toContain(
      'is not a folder; pass --path gitops/<cluster>',
    );
    mkdirSync(join(dir, 'empty'));
    const r = await cli(['drift', '--path', join(dir, 'empty')]);
    expect([r.code, r.stderr]).toStrictEqual([
      2,
      `gitops-sync: ${join(dir, 'empty')} holds no manifests; refusing to report an empty folder as in sync\n`,
    ]);
  });

  it('names the file that is not valid YAML', async () => {
    mkdirSync(join(dir, 'bad', 'core'), { recursive: true });
    writeFileSync(join(dir, 'bad', 'core', 'configmap-x-y.yaml'), 'apiVersion: v1\nkind: [unclosed\n');
    const r = await cli(['drift', '--path', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gitops-sync: core\/configmap-x-y\.yaml: not valid YAML: /);
  });

  it('names a kubeconfig context that does not exist', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: [{name: a, context: {cluster: c, user: u}}]\ncurrent-context: a\n',
    );
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', kubeconfig, '--context', 'prod']);
    expect([r.code, r.stderr]).toStrictEqual([2, 'gitops-sync: context "prod" not found in kubeconfig (known: a)\n']);
  });

  it('names an exec credential plugin that fails', async () => {
    const kubeconfig = join(dir, 'exec.kubeconfig');
    writeFileSync(
      kubeconfig,
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "false"}}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]\ncurrent-context: a\n',
    );
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', kubeconfig]);
    expect([r.code, r.stderr]).toStrictEqual([
      2,
      'gitops-sync: kubeconfig context "a": exec credential plugin "false" failed (exit 1: )\n',
    ]);
  });

  it('fails with exit 2, not "in sync", when the API server cannot be reached', async () => {
    const kubeconfig = join(dir, 'unreachable.kubeconfig');
    writeFileSync(
      kubeconfig,
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {token: abc}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]\ncurrent-context: a\n',
    );
    const r = await cli(['drift', '--path', FIXTURE, '--kubeconfig', kubeconfig]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gitops-sync: GET \/apis?\/\S+ on https:\/\/127\.0\.0\.1:9 failed: .*ECONNREFUSED/);
  });

  it('drift --argocd refuses git the API server would reject before asking Argo CD anything', async () => {
    const folder = join(dir, 'invalid-for-argocd');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'service.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports:\n    - port: 80\n      targetPort: "8080"\n',
    );
    // Port 9 on loopback: nothing answers there, so reaching Argo CD would be a different error.
    const r = await cli(['drift', '--argocd', 'http://127.0.0.1:9', '--path', folder]);
    expect([r.code, r.stdout]).toStrictEqual([2, '']);
    expect(r.stderr).toBe(
      'gitops-sync: 1 field(s) in git the API server would reject (fix them in the source and re-render):\n  service.yaml: v1 Service shop/web: spec.ports[0].targetPort: the string "8080" is neither a number nor a name/percentage: the API server rejects it; write 8080 without quotes\n',
    );
  });
});
