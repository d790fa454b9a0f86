// Every picture this project generates, rendered by the real Mermaid library in Debian's headless Chromium: the
// committed cluster READMEs and change pictures as the PR report draws them. A syntax error fails here instead of
// showing up as "Syntax error in text" on GitHub.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAll } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '@go-coffee/kube-objects';
import { changePicture } from './change-picture';
import { renderMermaidInChromium } from './mermaid-in-chromium';
import type { MermaidRenderResult } from './mermaid-in-chromium';
import { managedCluster } from '../test-support/cluster-objects';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const gitops = join(workspaceRoot, 'gitops');
const clusters = readdirSync(gitops)
  .filter((entry) => statSync(join(gitops, entry)).isDirectory())
  .sort();

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

function committedObjects(cluster: string): KubeObject[] {
  const objects: KubeObject[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.yaml')) objects.push(...(loadAll(readFileSync(path, 'utf8')) as KubeObject[]));
    }
  };
  walk(join(gitops, cluster));
  return objects;
}

/** The dev cluster with the api-gateway image bumped to 9.9.9: what an image bump's PR report draws. */
function imageBump(objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((object) =>
    JSON.parse(JSON.stringify(object).replace(/(ghcr\.io\/go-coffee\/api-gateway:)[^"]+/g, '$19.9.9')),
  );
}

const diagrams: { name: string; text: string }[] = [];
const broken = { name: 'broken on purpose', text: 'flowchart LR\n  a --> end\n' };
let results: MermaidRenderResult[];

beforeAll(async () => {
  for (const cluster of clusters) {
    const readme = join(gitops, cluster, 'README.md');
    const blocks = existsSync(readme) ? mermaidBlocks(readFileSync(readme, 'utf8')) : [];
    blocks.forEach((text, index) => diagrams.push({ name: `gitops/${cluster}/README.md#${index}`, text }));
  }
  const dev = committedObjects('dev-aws-us-east-1');
  const bump = changePicture(dev, imageBump(dev));
  if (bump) diagrams.push({ name: 'change picture: api-gateway image bump in dev', text: bump.mermaid });
  const replaced = changePicture(
    managedCluster().filter((object) => object.metadata?.name !== 'worker'),
    managedCluster().filter((object) => object.metadata?.name !== 'pay'),
  );
  if (replaced) diagrams.push({ name: 'change picture: a workload added and one removed', text: replaced.mermaid });
  results = await renderMermaidInChromium([...diagrams, broken]);
}, 120_000);

describe('Mermaid pictures in headless Chromium', () => {
  it('has one picture in the README of every cluster folder', () => {
    expect(clusters.length).toBeGreaterThan(0);
    expect(diagrams.filter((d) => d.name.startsWith('gitops/')).map((d) => d.name)).toStrictEqual(
      clusters.map((cluster) => `gitops/${cluster}/README.md#0`),
    );
  });

  it('renders every cluster picture and change picture without a syntax error', () => {
    expect(diagrams.some((d) => d.name.includes('image bump'))).toBe(true);
    const failures = results.filter((r) => r.name !== broken.name && r.error !== undefined);
    expect(failures.map((r) => `${r.name}: ${r.error}`)).toStrictEqual([]);
    for (const result of results.filter((r) => r.name !== broken.name))
      expect(result.svgLength, result.name).toBeGreaterThan(2000);
  });

  it("reports Mermaid's parse error for a diagram that would not render", () => {
    const result = results.find((r) => r.name === broken.name);
    expect(result?.error).toMatch(/Parse error on line 2/);
  });
});
