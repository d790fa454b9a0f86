// The drift job's wiring: gitops-sync runs for real (here it can give no verdict without any cluster: the
// kube context does not exist); GitHub is the one part that cannot run locally, so the GitHub CLI is a
// recorder that answers the issue list the way `gh --json` does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { runDriftJob } from './drift-job';
import type { GitHubCli } from './github-cli';

let scratch: string;

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

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
        runUrl: 'https://github.com/go-coffee/go-coffee-gitops/actions/runs/3',
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
