#!/usr/bin/env node
// Launcher for the policy-check CLI: registers tsx's loader in this process and runs the TypeScript entry.
// The workspace's tsconfig is named explicitly so the @go-coffee/* aliases resolve from any working
// directory (the ratchet runs inside whatever git checkout holds the checked paths).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'tsconfig.json') });
await import('../src/main.ts');
