import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/cli';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { loadAreaLayout } from '@go-coffee/render-kit';
import { AppProjects } from './app-projects';

const layout = await loadAreaLayout(workspaceRoot());
const certManager = layout.charts.find((chart) => chart.chart === 'cert-manager');

interface Project {
  metadata: { name: string };
  spec: { sourceRepos: string[]; destinations: { namespace: string }[] };
}

function project(name: string): Project {
  const chart = new Chart(Testing.app(), 'test');
  new AppProjects(chart, 'projects', { ctx: testClusterContext(), layout });
  const found = (Testing.synth(chart) as Project[]).find((p) => p.metadata.name === name);
  if (!found) throw new Error(`no AppProject ${name}`);
  return found;
}

describe('AppProjects', () => {
  it('lets the platform project install cert-manager from the jetstack chart repository into its namespace', () => {
    const platform = project('platform');
    expect(certManager?.repoURL).toBe('https://charts.jetstack.io');
    expect(certManager?.project).toBe('platform');
    expect(platform.spec.sourceRepos).toContain(certManager?.repoURL);
    const namespaces = platform.spec.destinations.map((d) => d.namespace);
    expect(namespaces.includes('cert-manager') || namespaces.includes('*')).toBe(true);
  });

  it('trusts the jetstack repository in no workload project', () => {
    for (const name of ['core-services', 'event-functions', 'data-services', 'observability']) {
      expect(project(name).spec.sourceRepos, name).not.toContain('https://charts.jetstack.io');
    }
  });
});
