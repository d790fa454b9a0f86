import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentConfigError } from './environment-config-error';
import { expandFleetToClusters, loadEnvironment } from './load-environment';

const repoRoot = resolve(import.meta.dirname, '../../..');
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fleet-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  cpSync(join(repoRoot, 'environments'), join(root, 'environments'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function writeEnvironment(file: string, text: string): void {
  writeFileSync(join(root, 'environments', file), text);
}

function issuesOf(run: () => unknown): EnvironmentConfigError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvironmentConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected an EnvironmentConfigError');
}

const STAGING_FLEET = `sizing: medium
fleet:
  clouds: [aws, gcp]
  regions:
    aws: [us-east-1, us-west-2]
  tenants: [acme, globex]
  overrides:
    staging-aws-us-west-2-globex:
      sizing: large
    staging-gcp-europe-west1-acme:
      enabled: false
`;

describe('fleet declarations', () => {
  it('expands clouds × regions × tenants into named clusters, a cloud without regions taking all of its own', () => {
    writeEnvironment('staging.yaml', STAGING_FLEET);
    const staging = loadEnvironment('staging', { workspaceRoot: root });
    expect(staging.clusters.map((c) => c.name)).toStrictEqual([
      'staging-aws-us-east-1-acme',
      'staging-aws-us-east-1-globex',
      'staging-aws-us-west-2-acme',
      'staging-aws-us-west-2-globex',
      'staging-gcp-us-central1-acme',
      'staging-gcp-us-central1-globex',
      'staging-gcp-us-east1-acme',
      'staging-gcp-us-east1-globex',
      'staging-gcp-europe-west1-globex',
    ]);
    expect(staging.disabledClusters).toStrictEqual(['staging-gcp-europe-west1-acme']);
    const byName = new Map(staging.clusters.map((c) => [c.name, c]));
    expect(byName.get('staging-aws-us-west-2-globex')?.sizing.name).toBe('large');
    expect(byName.get('staging-aws-us-west-2-acme')?.sizing.name).toBe('medium');
    expect(byName.get('staging-aws-us-west-2-acme')).toMatchObject({
      tenant: 'acme',
      region: 'us-west-2',
      gitops: { path: 'gitops/staging-aws-us-west-2-acme' },
      identity: { awsRoleArn: 'arn:aws:iam::210987654321:role/staging-aws-us-west-2-acme-workloads' },
    });
  });

  it('lists hand-written clusters first and reports a generated cluster that repeats one', () => {
    writeEnvironment(
      'dev.yaml',
      'clusters:\n  - cloud: aws\n    region: us-east-1\nfleet:\n  clouds: [aws]\n  regions:\n    aws: [us-west-2, us-east-1]\n',
    );
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toStrictEqual([
      {
        source: 'environments/dev.yaml:7:22',
        field: 'fleet[dev-aws-us-east-1]',
        problem: 'duplicate cluster "dev-aws-us-east-1" (also clusters[0])',
        fix: 'remove the duplicate entry or give one of them a distinct `name`',
      },
    ]);
  });

  it('names file:line:col of an unknown fleet region and of an override for a cluster the fleet does not generate', () => {
    writeEnvironment(
      'prod.yaml',
      'fleet:\n  clouds: [aws]\n  regions:\n    aws: [us-east-1, mars-north-1]\n  overrides:\n    prod-aws-us-east-2:\n      sizing: large\n',
    );
    expect(issuesOf(() => loadEnvironment('prod', { workspaceRoot: root }))).toStrictEqual([
      {
        source: 'environments/prod.yaml:7:7',
        field: 'fleet.overrides.prod-aws-us-east-2',
        problem: 'override for "prod-aws-us-east-2", which the fleet does not generate',
        fix: 'use one of the generated names (prod-aws-us-east-1, prod-aws-mars-north-1) or remove the override',
      },
      {
        source: 'environments/prod.yaml:4:22',
        field: 'fleet[prod-aws-mars-north-1].region',
        problem: 'region "mars-north-1" is not a known aws region',
        fix: 'use one of: us-east-1, us-west-2, eu-west-1 (or add it to clouds.aws.regions in defaults.yaml)',
      },
    ]);
  });

  it('names file:line:col of a schema error inside the fleet (an override may not move a cluster)', () => {
    writeEnvironment(
      'dev.yaml',
      'fleet:\n  clouds: [aws]\n  overrides:\n    dev-aws-us-east-1:\n      region: us-west-2\n',
    );
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toMatchObject([
      { source: 'environments/dev.yaml:5:15', field: 'fleet.overrides.dev-aws-us-east-1' },
    ]);
  });

  it('rejects an environment that declares neither clusters nor a fleet', () => {
    writeEnvironment('dev.yaml', 'dataMode: in-cluster\n');
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toStrictEqual([
      {
        source: 'environments/dev.yaml:1:1',
        field: 'clusters',
        problem: 'the environment declares no cluster',
        fix: 'add a `clusters` list or a `fleet` (clouds × regions × tenants)',
      },
    ]);
  });

  it('expands a synthetic fleet of 120 clusters programmatically, with the environment settings of the files', () => {
    const tenants = Array.from({ length: 20 }, (_, i) => `tenant-${String(i).padStart(2, '0')}`);
    const clusters = expandFleetToClusters(
      'prod',
      { clouds: ['aws', 'gcp'], regions: { aws: ['us-east-1', 'us-west-2', 'eu-west-1'] }, tenants },
      { workspaceRoot: root },
    );
    expect(clusters).toHaveLength(120);
    expect(new Set(clusters.map((c) => c.name)).size).toBe(120);
    expect(clusters[0]).toMatchObject({ name: 'prod-aws-us-east-1-tenant-00', sizing: { name: 'large' } });
    expect(clusters.at(-1)?.name).toBe('prod-gcp-europe-west1-tenant-19');
  });

  it('reports a bad programmatic fleet as `option fleet`', () => {
    expect(
      issuesOf(() =>
        expandFleetToClusters('dev', { clouds: ['aws'], tenants: ['Not_A_Label'] }, { workspaceRoot: root }),
      ),
    ).toMatchObject([{ source: 'option fleet', field: 'fleet.tenants[0]' }]);
  });

  it('with an ApplicationSet bootstrap, makes the first cluster the hub and names every other root root-<cluster>', () => {
    writeEnvironment(
      'staging.yaml',
      `${readFileSync(join(root, 'environments', 'staging.yaml'), 'utf8')}argocd:\n  fleetBootstrap: applicationSet\n  controller:\n    replicas: 3\n    shardingAlgorithm: round-robin\n`,
    );
    const [hub, spoke] = loadEnvironment('staging', { workspaceRoot: root }).clusters;
    const argocd = {
      fleetBootstrap: 'applicationSet',
      hub: 'staging-aws-us-east-1',
      spokes: ['staging-gcp-us-central1'],
      controller: { replicas: 3, shardingAlgorithm: 'round-robin', dynamicClusterDistribution: false },
    };
    expect(hub?.argocd).toStrictEqual({ ...argocd, rootApplication: 'root' });
    expect(spoke?.argocd).toStrictEqual({ ...argocd, rootApplication: 'root-staging-gcp-us-central1' });
  });

  it('keeps hand-applied roots named root by default', () => {
    const prod = loadEnvironment('prod', { workspaceRoot: root });
    expect(prod.clusters.map((c) => [c.argocd?.fleetBootstrap, c.argocd?.rootApplication])).toStrictEqual([
      ['hand-applied', 'root'],
      ['hand-applied', 'root'],
      ['hand-applied', 'root'],
    ]);
  });
});
