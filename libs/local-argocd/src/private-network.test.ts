import { describe, expect, it } from 'vitest';
import { runInPrivateNetwork } from './private-network';

describe('private network', () => {
  it('runs a command in a network namespace whose only interface is loopback, and it is up', async () => {
    // The child exits 0 only if /proc/self/net/dev lists nothing but lo, and lo carries traffic.
    const probe = [
      "const lines = require('fs').readFileSync('/proc/self/net/dev', 'utf8').split('\\n').slice(2).filter((l) => l.trim());",
      "if (!lines.every((l) => l.trim().startsWith('lo:'))) process.exit(3);",
      "const s = require('net').createServer((c) => c.end('ok')).listen(0, '127.0.0.1', () => {",
      "  require('net').connect(s.address().port, '127.0.0.1').on('data', (d) => process.exit(String(d) === 'ok' ? 0 : 4));",
      '});',
    ].join('\n');
    const env = { ...process.env };
    delete env.GO_COFFEE_UNSHARED;
    await expect(runInPrivateNetwork(process.execPath, ['-e', probe], env)).resolves.toBe(0);
  });
});
