import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAreaFolders, loadAreaLayout } from './area-modules';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'area-modules-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const declare = (folder: string, source: string): void => {
  mkdirSync(join(root, 'apps', folder, 'src'), { recursive: true });
  writeFileSync(join(root, 'apps', folder, 'src', 'area.ts'), source);
};

describe('loadAreaLayout', () => {
  it('finds every area by its declaration module and derives the layout from them', async () => {
    declare('loyalty', "export const loyalty = { name: 'loyalty', namespace: 'go-coffee-loyalty', syncWave: 0 };\n");
    declare('billing', "export const billing = { name: 'billing', namespace: 'billing', syncWave: -2 };\n");
    mkdirSync(join(root, 'apps', 'notes'));
    expect(findAreaFolders(root)).toStrictEqual(['apps/billing', 'apps/loyalty']);
    const layout = await loadAreaLayout(root);
    expect(layout.areaNames).toStrictEqual(['billing', 'loyalty']);
    expect(layout.childApplicationWave('billing')).toBe(-2);
  });

  it('refuses a declaration named unlike its folder', async () => {
    declare('loyalty', "export const rewards = { name: 'rewards', namespace: 'rewards', syncWave: 0 };\n");
    await expect(loadAreaLayout(root)).rejects.toThrow(
      'apps/loyalty/src/area.ts declares the area "rewards"; an area is named like its folder, "loyalty".',
    );
  });

  it('refuses a declaration module that declares nothing', async () => {
    declare('loyalty', "export const loyalty = { name: 'loyalty' };\n");
    await expect(loadAreaLayout(root)).rejects.toThrow(
      'apps/loyalty/src/area.ts exports 0 area declarations (objects with a name and a namespace); export exactly one.',
    );
  });

  it('refuses a declaration without a sync wave instead of defaulting it', async () => {
    declare('loyalty', "export const loyalty = { name: 'loyalty', namespace: 'go-coffee-loyalty' };\n");
    await expect(loadAreaLayout(root)).rejects.toThrow(
      'area "loyalty" (apps/loyalty/src/area.ts): syncWave is missing; declare an integer wave (-3 platform, -2 operators, 0 workloads).',
    );
  });
});
