// The drift job's wiring: gitops-sync runs for real, against a real etcd + kube-apiserver for the in-sync
// and drift outcomes and against a context that does not exist for "no verdict". GitHub is the one part
// that cannot run locally, so the GitHub CLI is a recorder that answers the issue list as `gh --json` does.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '@go-coffee/local-cluster';
import { patchConfigMapByHand } from '@go-coffee/local-cluster/test-support';
import { workspaceRoot } from '@go-coffee/toolchain';
import { runDriftJob } from './drift-job';
import type { GitHubCli } from './github-cli';

let scratch: string | undefined;

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

const RUN_URL = 'https://github.com/go-coffee/go-coffee-gitops/actions/runs/3';

function recordingGitHub(openIssues: { number: number; title: string; label: string }[]) {
  const calls: string[][] = [];
  const bodies: string[] = [];
  const gh: GitHubCli = (args) => {
    calls.push([...args]);
    const bodyFile = args.indexOf('--body-file');
    if (bodyFile >= 0) bodies.push(readFileSync(args[bodyFile + 1]!, 'utf8'));
    if (args[0] === 'issue' && args[1] === 'list') {
      const label = args[args.indexOf('--label') + 1];
      return JSON.stringify(
        openIssues.filter((issue) => issue.label === label).map(({ number, title }) => ({ number, title })),
      );
    }
    return '';
  };
  return { gh, calls, bodies };
}

describe('ci:drift', () => {
  it('opens a "drift check failing" issue and fails the job when gitops-sync gives no verdict, leaving the drift issue alone', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'drift-job-'));
    const kubeconfig = join(scratch, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: [{name: other, context: {cluster: c, user: u}}]\ncurrent-context: other\n',
    );
    const summary = join(scratch, 'summary.md');
    const github = recordingGitHub([{ number: 4, title: 'Drift: dev-aws-us-east-1', label: 'drift' }]);
    let out = '';
    let err = '';
    const code = await runDriftJob(
      {
        cluster: 'dev-aws-us-east-1',
        context: 'dev-aws-us-east-1',
        repo: 'go-coffee/go-coffee-gitops',
        runUrl: RUN_URL,
      },
      {
        cwd: workspaceRoot(),
        env: { ...process.env, KUBECONFIG: kubeconfig, GITHUB_STEP_SUMMARY: summary },
        stdout: (text) => (out += text),
        stderr: (text) => (err += text),
      },
      github.gh,
    );

    expect(code).toBe(1);
    expect(err).toContain('ci:drift: the drift check of dev-aws-us-east-1 gave no verdict (gitops-sync exit 2)');
    const writes = github.calls.filter((call) => !(call[0] === 'issue' && call[1] === 'list'));
    expect(writes.map((call) => call.slice(0, 3))).toStrictEqual([
      ['label', 'create', 'drift-check-failing'],
      ['issue', 'create', '--repo'],
    ]);
    const create = writes[1]!;
    expect(create[create.indexOf('--title') + 1]).toBe('Drift check failing: dev-aws-us-east-1');
    expect(create[create.indexOf('--label') + 1]).toBe('drift-check-failing');
    expect(github.bodies[0]).toContain(
      'gitops-sync: context "dev-aws-us-east-1" not found in kubeconfig (known: other)',
    );
    expect(readFileSync(summary, 'utf8')).toContain('not found in kubeconfig');
    expect(out).toContain('ci:drift: create "Drift check failing: dev-aws-us-east-1"');
  }, 120_000);
});

describe('ci:drift against a real kube-apiserver', () => {
  const fixture = join(workspaceRoot(), 'tools/gitops-sync/test-fixtures/dev-local');
  let cluster: LocalCluster;
  let workspace: string;

  async function kubectl(args: string[]): Promise<void> {
    const result = await cluster.kubectl(args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  }

  async function driftJob(github: ReturnType<typeof recordingGitHub>) {
    let out = '';
    const code = await runDriftJob(
      {
        cluster: 'dev-local',
        context: 'go-coffee-local-read-only',
        repo: 'go-coffee/go-coffee-gitops',
        runUrl: RUN_URL,
      },
      {
        cwd: workspace,
        env: { ...process.env, KUBECONFIG: cluster.readOnlyKubeconfig, GITHUB_STEP_SUMMARY: '' },
        stdout: (text) => (out += text),
        stderr: (text) => (out += text),
      },
      github.gh,
    );
    return { code, out };
  }

  beforeAll(async () => {
    cluster = await startLocalCluster();
    // The folder as Argo CD would have applied it: CRDs first, then everything, with Argo CD's field manager.
    await kubectl([
      'apply',
      '--server-side',
      '--field-manager=argocd-controller',
      '-R',
      '-f',
      join(fixture, 'platform'),
    ]);
    await kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
    await kubectl(['apply', '--server-side', '--field-manager=argocd-controller', '-R', '-f', fixture]);
    // A checkout with the cluster's folder under gitops/ and the gitops-sync script the job runs.
    workspace = mkdtempSync(join(tmpdir(), 'drift-job-workspace-'));
    mkdirSync(join(workspace, 'gitops'));
    cpSync(fixture, join(workspace, 'gitops', 'dev-local'), { recursive: true });
    const bin = join(workspaceRoot(), 'tools/gitops-sync/bin/gitops-sync.mjs');
    writeFileSync(
      join(workspace, 'package.json'),
      JSON.stringify({ private: true, scripts: { 'gitops-sync': `node ${bin}` } }),
    );
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('closes the drift and the failing-check issue when the cluster is in sync', async () => {
    const github = recordingGitHub([
      { number: 5, title: 'Drift: dev-local', label: 'drift' },
      { number: 6, title: 'Drift check failing: dev-local', label: 'drift-check-failing' },
    ]);
    const run = await driftJob(github);
    expect(run.code).toBe(0);
    const writes = github.calls.filter((call) => !(call[0] === 'issue' && call[1] === 'list'));
    expect(writes.map((call) => call.slice(0, 3))).toStrictEqual([
      ['issue', 'close', '5'],
      ['issue', 'close', '6'],
    ]);
  }, 120_000);

  it('opens a drift issue with the report when someone changed the cluster by hand, and keeps the job green', async () => {
    await patchConfigMapByHand(cluster, 'go-coffee', 'api-gateway', { LOG_LEVEL: 'debug' });
    const github = recordingGitHub([]);
    const run = await driftJob(github);
    expect(run.code).toBe(0);
    const writes = github.calls.filter((call) => !(call[0] === 'issue' && call[1] === 'list'));
    expect(writes.map((call) => call.slice(0, 3))).toStrictEqual([
      ['label', 'create', 'drift'],
      ['issue', 'create', '--repo'],
    ]);
    const create = writes[1]!;
    expect(create[create.indexOf('--title') + 1]).toBe('Drift: dev-local');
    expect(github.bodies[0]).toMatch(/^Live state of `dev-local` differs from `gitops\/dev-local`/);
    expect(github.bodies[0]).toContain('api-gateway');
    expect(github.bodies[0]).toContain('LOG_LEVEL');
  }, 120_000);
});
