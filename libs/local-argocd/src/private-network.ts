// Runs a command inside a private network namespace that has only loopback, so every listener of the local
// Argo CD (the application controller's metrics server binds all interfaces and has no flag to change that)
// stays invisible to the machine's network. Needs root, or unprivileged user namespaces (`--map-root-user`).
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';

/**
 * True when this process's network namespace has no interface but loopback (read from /proc/self/net/dev,
 * which shows the caller's own namespace), i.e. nothing it listens on is reachable from any network.
 */
export function inPrivateNetwork(): boolean {
  try {
    const interfaces = readFileSync('/proc/self/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .map((line) => line.split(':')[0]!.trim())
      .filter((name) => name !== '');
    return interfaces.length > 0 && interfaces.every((name) => name === 'lo');
  } catch {
    return false;
  }
}

export class PrivateNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivateNetworkError';
  }
}

/**
 * Runs `command args…` under `unshare --net` with loopback up, output passed through; resolves with its exit
 * code. Rejects with PrivateNetworkError (say what to do) when the namespace cannot be created.
 */
export function runInPrivateNetwork(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (env.GO_COFFEE_UNSHARED === '1') {
    // Already re-executed once: never loop when the new namespace still shows other interfaces.
    return Promise.reject(
      new PrivateNetworkError('unshare --net gave a namespace with interfaces other than loopback'),
    );
  }
  const asRoot = process.getuid?.() === 0;
  const unshareArgs = [
    '--net',
    ...(asRoot ? [] : ['--map-root-user']),
    '--',
    'sh',
    '-c',
    'ip link set lo up || exit 97; exec "$0" "$@"',
    command,
    ...args,
  ];
  return new Promise((resolveRun, reject) => {
    const child = spawn('unshare', unshareArgs, { stdio: 'inherit', env: { ...env, GO_COFFEE_UNSHARED: '1' } });
    child.on('error', (err) =>
      reject(new PrivateNetworkError(`cannot run unshare (util-linux): ${err.message}; install util-linux`)),
    );
    child.on('close', (code, signal) => {
      if (code === 97) {
        reject(
          new PrivateNetworkError('cannot bring loopback up in the private network namespace (needs iproute2 `ip`)'),
        );
      } else if (code === 1 && !asRoot) {
        reject(
          new PrivateNetworkError(
            'unshare --net failed: run as root, or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)',
          ),
        );
      } else resolveRun(code ?? (signal ? 128 : 1));
    });
  });
}
