// Runs a command inside a private network namespace that has only loopback, so every listener of the local
// Argo CD (the application controller's metrics server binds all interfaces and has no flag to change that)
// stays invisible to the machine's network. Needs root, or unprivileged user namespaces (`--map-root-user`).
import { readlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';

/** True when this process runs in a network namespace other than init's (pid 1). */
export function inPrivateNetwork(): boolean {
  try {
    return readlinkSync('/proc/self/ns/net') !== readlinkSync('/proc/1/ns/net');
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
    const child = spawn('unshare', unshareArgs, { stdio: 'inherit', env });
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
