#!/usr/bin/env node
// Launcher for the policy-check CLI: registers tsx's loader in this process and runs the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
