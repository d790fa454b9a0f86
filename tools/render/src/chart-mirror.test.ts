/* eslint-disable @typescript-eslint/no-explicit-any -- reads nested fields of rendered Application and AppProject specs */
// The chart mirror and Git URL override of the environments model, end to end through every area's render:
// an air-gapped install pulls every chart from one mirror and Git from its own server, still pinned by the
// chart catalog the areas declare.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '@go-coffee/environments';
import { loadAreaLayout, renderCluster } from '@go-coffee/render-kit';
import type { Manifest } from '@go-coffee/kube-objects';
import { findAreaProjects } from './area-projects';
import { loadAreas } from './load-areas';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const MIRROR = 'http://charts.mirror.internal/go-coffee';
const GIT = 'https://git.mirror.internal/go-coffee-gitops.git';
const layout = await loadAreaLayout(workspaceRoot);

async function renderDevWith(sources: { chartMirror?: string; gitopsRepoURL?: string }): Promise<Manifest[]> {
  const [ctx] = loadEnvironment('dev', { workspaceRoot, sources }).clusters;
  const areas = await loadAreas(workspaceRoot, findAreaProjects(workspaceRoot));
  return renderCluster(ctx!, areas).map((file) => file.manifest);
}

const spec = (manifest: Manifest) => manifest.spec as Record<string, any>;

describe('chart mirror and Git URL override', () => {
  it('points every chart Application at the mirror with the catalog chart and version, and Git Applications at the override', async () => {
    const manifests = await renderDevWith({ chartMirror: MIRROR, gitopsRepoURL: GIT });
    const applications = manifests.filter((m) => m.kind === 'Application');
    const catalog = new Map(layout.charts.map((chart) => [chart.chart, chart.version]));
    const charts = applications.filter((m) => spec(m).source.chart !== undefined);
    expect(charts.length).toBeGreaterThan(5);
    for (const app of charts) {
      expect(spec(app).source.repoURL).toBe(MIRROR);
      expect(spec(app).source.targetRevision).toBe(catalog.get(spec(app).source.chart));
    }
    for (const app of applications.filter((m) => spec(m).source.chart === undefined)) {
      expect(spec(app).source.repoURL).toBe(GIT);
    }
  });

  it('lets every AppProject trust only the Git override and, where it deploys charts, the mirror', async () => {
    const manifests = await renderDevWith({ chartMirror: MIRROR, gitopsRepoURL: GIT });
    const sourceRepos = Object.fromEntries(
      manifests.filter((m) => m.kind === 'AppProject').map((m) => [m.metadata.name, spec(m).sourceRepos]),
    );
    expect(sourceRepos).toStrictEqual({
      'core-services': [GIT],
      'data-services': [GIT, MIRROR],
      'event-functions': [GIT],
      observability: [GIT, MIRROR],
      platform: [GIT, MIRROR],
    });
  });

  it('renders the upstream repositories when no mirror is set', async () => {
    const manifests = await renderDevWith({});
    const keda = manifests.find((m) => m.kind === 'Application' && m.metadata.name === 'keda')!;
    expect(spec(keda).source.repoURL).toBe('https://kedacore.github.io/charts');
    expect(layout.charts.find((chart) => chart.chart === 'keda')?.repoURL).toBe('https://kedacore.github.io/charts');
  });

  it('refuses an override that is not a URL, naming the option', () => {
    expect(() => loadEnvironment('dev', { workspaceRoot, sources: { chartMirror: 'not a url' } })).toThrow(
      /option sources\.chartMirror.*"not a url" is not a URL/s,
    );
  });
});
