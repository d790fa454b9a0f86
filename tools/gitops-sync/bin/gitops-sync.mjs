#!/usr/bin/env node
// Bin entry: runs the TypeScript CLI through tsx, with the workspace tsconfig so @go-coffee/* aliases
// resolve from any working directory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
register({ tsconfig: join(root, 'tsconfig.base.json') });
const { main } = await import('../src/gitops-sync-cli.ts');
await main();
