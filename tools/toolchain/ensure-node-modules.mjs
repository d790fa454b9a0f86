#!/usr/bin/env node
// Makes `npm run gitops` and `npm test` work straight after `git clone`: installs node_modules with
// `npm ci` when they are missing or were installed from a different package-lock.json. No dependencies.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lock = readFileSync(join(root, 'package-lock.json'));
const want = createHash('sha256').update(lock).digest('hex');
const stamp = join(root, 'node_modules', '.go-coffee-lock-sha256');
if (process.argv.includes('--record')) {
  // Called right after an explicit `npm ci` (as .ci/run does): remember what was installed.
  writeFileSync(stamp, `${want}\n`);
  process.exit(0);
}
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === want) process.exit(0);

process.stdout.write('node_modules missing or stale: running npm ci\n');
const res = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (res.status !== 0) {
  process.stderr.write(`npm ci failed (exit ${res.status ?? res.signal}); fix the error above and re-run\n`);
  process.exit(res.status || 1);
}
writeFileSync(stamp, `${want}\n`);
