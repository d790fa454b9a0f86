// One vitest config for the workspace. Aliases come from tsconfig.base.json so tests import libraries
// exactly the way production code does. The control-plane global setup reaps processes a killed
// earlier run left behind before anything starts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const base = JSON.parse(readFileSync(resolve(import.meta.dirname, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [name, resolve(import.meta.dirname, target!)]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['{apps,libs,tools,environments,policies}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '.tools/**', 'gitops/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
