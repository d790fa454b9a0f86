import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { defaultStateRoot, startLocalCluster, type LocalCluster } from './local-cluster';
import { livePids } from './run-directory';

const manifest = `
apiVersion: v1
kind: Namespace
metadata:
  name: smoke
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-gateway
  namespace: smoke
spec:
  replicas: 2
  selector:
    matchLabels: { app: api-gateway }
  template:
    metadata:
      labels: { app: api-gateway }
    spec:
      containers:
        - name: api-gateway
          image: ghcr.io/go-coffee/api-gateway:1.4.2
`;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

/** Starts a cluster in a child process and returns its run directory and pids once it is ready. */
async function startClusterInChild(stateRoot: string) {
  const root = workspaceRoot();
  // `node --import tsx` keeps the fixture in ONE process, so killing it kills the cluster's owner.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'test-fixtures', 'start-and-wait.ts'), stateRoot],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolveLine, reject) => {
    let buffered = '';
    child.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      if (buffered.includes('\n')) resolveLine(buffered.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
  });
  const { runDir } = JSON.parse(line) as { runDir: string };
  return { child, runDir, pids: livePids(runDir) };
}

describe('local control plane', () => {
  let cluster: LocalCluster;
  let reapedPids: number[] = [];

  beforeAll(async () => {
    // GIVEN a test process that started a cluster and was killed with SIGKILL, watchdog and all
    // A fixed root, so a run of this test that dies is itself reaped by the next one.
    const stateRoot = join(defaultStateRoot(), 'reap-test');
    const crashed = await startClusterInChild(stateRoot);
    expect(crashed.pids.map((p) => p.name).sort()).toStrictEqual(['etcd', 'kube-apiserver', 'watchdog']);
    const watchdog = crashed.pids.find((p) => p.name === 'watchdog')!;
    process.kill(watchdog.pid, 'SIGKILL');
    crashed.child.kill('SIGKILL');
    // etcd and kube-apiserver of the crashed run are orphans now, and nothing is left to stop them.
    reapedPids = crashed.pids.filter((p) => p.name !== 'watchdog').map((p) => p.pid);
    expect(reapedPids.filter(pidAlive)).toHaveLength(2);
    // WHEN the next run starts under the same state root
    cluster = await startLocalCluster({ stateRoot });
    expect(existsSync(crashed.runDir)).toBe(false);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('leaves nothing of a killed earlier run running when the next one starts', () => {
    expect(reapedPids).toHaveLength(2);
    expect(reapedPids.filter(pidAlive)).toStrictEqual([]);
  });

  it('applies with the admin identity and reads back with the read-only identity', async () => {
    const applied = await cluster.kubectl(['apply', '--server-side', '--field-manager=go-coffee-gitops', '-f', '-'], {
      input: manifest,
    });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);

    const read = await cluster.kubectl(
      ['get', 'deployment', 'api-gateway', '-n', 'smoke', '-o', 'json', '--show-managed-fields'],
      {
        identity: 'read-only',
      },
    );
    expect(read.code).toBe(0);
    const deployment = JSON.parse(read.stdout) as {
      spec: { replicas: number; template: { spec: { containers: { image: string; imagePullPolicy: string }[] } } };
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('ghcr.io/go-coffee/api-gateway:1.4.2');
    // Server-side defaulting happened: proof that this is a real API server.
    expect(deployment.spec.template.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
    expect(deployment.metadata.managedFields.map((f) => [f.manager, f.operation])).toContainEqual([
      'go-coffee-gitops',
      'Apply',
    ]);
  });

  it('refuses the read-only identity a patch', async () => {
    const patched = await cluster.kubectl(
      ['patch', 'deployment', 'api-gateway', '-n', 'smoke', '--type=merge', '-p', '{"spec":{"replicas":5}}'],
      { identity: 'read-only' },
    );
    expect(patched.code).not.toBe(0);
    expect(patched.stderr).toMatch(/forbidden: User "go-coffee-read-only" cannot patch resource "deployments"/);
    const after = await cluster.kubectl([
      'get',
      'deployment',
      'api-gateway',
      '-n',
      'smoke',
      '-o',
      'jsonpath={.spec.replicas}',
    ]);
    expect(after.stdout).toBe('2');
  });

  it('stops a run by itself when its owning process dies', async () => {
    const stateRoot = join(defaultStateRoot(), 'watchdog-test');
    const run = await startClusterInChild(stateRoot);
    run.child.kill('SIGKILL');
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && run.pids.some((p) => pidAlive(p.pid))) await new Promise((r) => setTimeout(r, 200));
    expect(run.pids.filter((p) => pidAlive(p.pid))).toStrictEqual([]);
    expect(existsSync(run.runDir)).toBe(false);
  });
});
