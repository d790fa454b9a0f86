// End to end on a real temporary repository: real git worktrees, each ref rendered by its own code and
// checked by its own policy gate (OPA WASM via policy-check).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrReport } from './pr-report';
import { renderMarkdown } from './report-markdown';
import type { ReportModel } from './report-model';
import { createWorkspaceCopy, type WorkspaceCopy } from '@go-coffee/toolchain';

let repo: WorkspaceCopy;
let model: ReportModel;
let markdown: string;
let oldTag: string;
let newTag: string;
let prodClusters: string[];

function editYaml(file: string, edit: (document: ReturnType<typeof parseDocument>) => void): void {
  const document = parseDocument(readFileSync(file, 'utf8'));
  edit(document);
  writeFileSync(file, document.toString());
}

beforeAll(async () => {
  repo = createWorkspaceCopy();
  const base = repo.git('rev-parse', 'HEAD').trim();
  const images = join(repo.root, 'environments', 'images', 'prod.yaml');
  editYaml(images, (document) => {
    oldTag = String(document.get('api-gateway'));
    newTag = `${oldTag}-hotfix.1`;
    document.set('api-gateway', newTag);
  });
  repo.commitAll('prod: api-gateway hotfix');
  // The policy-violating change: production core services lose automated sync.
  editYaml(join(repo.root, 'environments', 'prod.yaml'), (document) => {
    const manual = document.getIn(['sync', 'manual']) as { add(value: string): void };
    manual.add('core-services');
  });
  repo.commitAll('prod: sync core-services by hand');
  prodClusters = repo
    .git('ls-tree', '--name-only', `${base}:gitops`)
    .split('\n')
    .filter((name) => name.startsWith('prod-'));
  model = await generatePrReport({ cwd: repo.root, base, head: 'HEAD' });
  markdown = renderMarkdown(model);
}, 600_000);

afterAll(() => repo?.dispose());

describe('pr-report on an image bump plus a policy-violating change', () => {
  it('names the changed api-gateway Deployment in every prod cluster with a diff of the tag', () => {
    expect(prodClusters.length).toBeGreaterThan(0);
    for (const cluster of prodClusters) {
      const report = model.clusters.find((entry) => entry.cluster === cluster);
      expect(report?.environment).toBe('prod');
      const deployment = report?.changes.find((change) => change.label === 'apps/v1 Deployment go-coffee/api-gateway');
      expect(deployment?.status).toBe('changed');
      expect(deployment?.diff).toContain(`-          image: ghcr.io/go-coffee/api-gateway:${oldTag}\n`);
      expect(deployment?.diff).toContain(`+          image: ghcr.io/go-coffee/api-gateway:${newTag}\n`);
      expect(markdown).toContain(`#### ${cluster}`);
    }
    expect(markdown).toContain('- **changed** `apps/v1 Deployment go-coffee/api-gateway` — core-services');
  });

  it('carries per prod cluster a picture with the bumped Deployment changed under its Application', () => {
    for (const cluster of prodClusters) {
      const picture = model.clusters.find((entry) => entry.cluster === cluster)?.picture?.mermaid ?? '';
      expect(picture).toContain(`api-gateway: ${oldTag} → ${newTag}`);
      expect(picture).toMatch(/^ {2}class (\S+,)?wl_go_coffee_api_gateway(,\S+)? changed$/m);
      // core-services itself changed too (it now waits for a manual sync)
      expect(picture).toContain('core-services<br/>wave 0 · manual sync');
      expect(picture).toContain('app_core_services --> ns_go_coffee');
    }
    expect(markdown.match(/^```mermaid$/gm)?.length).toBe(prodClusters.length);
  });

  it('reports the new violation per prod cluster and none that existed before', () => {
    for (const cluster of prodClusters) {
      const report = model.clusters.find((entry) => entry.cluster === cluster)!;
      const introduced = report.policy.introduced.map((finding) => `${finding.file} ${finding.msg}`);
      expect(introduced.length).toBeGreaterThan(0);
      expect(
        introduced.every((line) => line.includes('core-services') && line.includes('does not sync automatically')),
      ).toBe(true);
      expect(
        report.policy.introduced.every(
          (finding) => finding.file === `gitops/${cluster}/applications/application-argocd-core-services.yaml`,
        ),
      ).toBe(true);
    }
    expect(markdown).toContain('🔴 new');
    expect(markdown).toContain('does not sync automatically with prune');
    const elsewhere = model.clusters
      .filter((report) => report.environment !== 'prod')
      .flatMap((report) => report.policy.introduced);
    expect(elsewhere).toStrictEqual([]);
  });

  it('says which Argo CD Applications sync, and that core-services now waits for a manual sync', () => {
    for (const cluster of prodClusters) {
      const apps = model.clusters.find((entry) => entry.cluster === cluster)!.applications;
      const core = apps.find((app) => app.name === 'core-services');
      expect(core).toMatchObject({ mode: 'manual', lifecycle: 'updated', changed: 1 });
      expect(core?.outcome).toBe('OutOfSync until someone presses Sync');
      expect(apps.find((app) => app.name === 'root')?.outcome).toBe('syncs automatically');
    }
  });

  it('shows no object change and no new or fixed violation outside prod', () => {
    expect(model.clusters.filter((report) => report.environment !== 'prod' && report.changes.length > 0)).toStrictEqual(
      [],
    );
    const staging = model.clusters.filter((report) => report.environment === 'staging');
    expect(
      staging.flatMap((report) => [...report.changes, ...report.policy.introduced, ...report.policy.fixed]),
    ).toStrictEqual([]);
  });

  it('is deterministic: the same refs give the same bytes', async () => {
    const again = renderMarkdown(
      await generatePrReport({ cwd: repo.root, base: 'HEAD~2', head: 'HEAD', policy: false, render: false }),
    );
    const twice = renderMarkdown(
      await generatePrReport({ cwd: repo.root, base: 'HEAD~2', head: 'HEAD', policy: false, render: false }),
    );
    expect(again).toBe(twice);
    expect(again.endsWith('\n')).toBe(true);
  }, 120_000);
});
