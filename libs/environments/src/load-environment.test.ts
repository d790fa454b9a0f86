import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentConfigError } from './environment-config-error';
import { loadAllEnvironments, loadEnvironment } from './load-environment';

const repoRoot = resolve(import.meta.dirname, '../../..');
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'envs-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  cpSync(join(repoRoot, 'environments'), join(root, 'environments'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function edit(file: string, change: (text: string) => string): void {
  const path = join(root, 'environments', file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
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

describe('loadEnvironment', () => {
  it('renders the committed topology: dev one AWS cluster, staging AWS + GCP, prod two AWS + GCP with Azure off', () => {
    const names = loadAllEnvironments({ workspaceRoot: repoRoot }).map((env) => [
      env.environment,
      env.clusters.map((c) => c.name),
      env.disabledClusters,
    ]);
    expect(names).toStrictEqual([
      ['dev', ['dev-aws-us-east-1'], []],
      ['staging', ['staging-aws-us-east-1', 'staging-gcp-us-central1'], []],
      ['prod', ['prod-aws-us-east-1', 'prod-aws-us-west-2', 'prod-gcp-us-central1'], ['prod-azure-eastus']],
    ]);
  });

  it('merges the environment file over defaults and substitutes identity templates', () => {
    const [aws, gcp] = loadEnvironment('staging', { workspaceRoot: root }).clusters;
    expect(aws).toMatchObject({
      cloud: 'aws',
      ingress: { className: 'alb', baseDomain: 'staging.go-coffee.com' },
      storageClass: 'gp3',
      identity: { awsRoleArn: 'arn:aws:iam::210987654321:role/staging-aws-us-east-1-workloads' },
      sizing: { name: 'medium', minReplicas: 2, maxReplicas: 6, resourceScale: 1.5 },
      gitops: {
        repoURL: 'https://github.com/go-coffee/go-coffee-gitops.git',
        targetRevision: 'main',
        path: 'gitops/staging-aws-us-east-1',
      },
      dataMode: 'managed',
    });
    expect(gcp?.identity).toStrictEqual({
      gcpServiceAccount: 'workloads-staging@go-coffee-platform.iam.gserviceaccount.com',
    });
    expect(aws?.images['api-gateway']).toStrictEqual({ repository: 'ghcr.io/go-coffee/api-gateway', tag: '1.4.0' });
  });

  it('renders the Azure cluster when Azure is enabled by a toggle and drops AWS when AWS is disabled', () => {
    const prod = loadEnvironment('prod', { workspaceRoot: root, clouds: { azure: true, aws: false } });
    expect(prod.clusters.map((c) => c.name)).toStrictEqual(['prod-gcp-us-central1', 'prod-azure-eastus']);
    expect(prod.clusters[1]?.identity).toStrictEqual({ azureClientId: '7f3c2a1e-5b4d-4c8e-9a0f-1d2e3f4a5b6c' });
  });

  it("gives each cloud's clusters the DNS-01 zone and cert-manager's own identity, separate from the workloads'", () => {
    const [aws, gcp] = loadEnvironment('staging', { workspaceRoot: root }).clusters;
    expect(aws?.tls).toStrictEqual({
      acmeEmail: 'platform-engineering@go-coffee.com',
      acmeServer: 'production',
      dns: {
        hostedZoneId: 'Z04417932GOCOFFEE0DNS',
        identity: { awsRoleArn: 'arn:aws:iam::210987654321:role/staging-aws-us-east-1-cert-manager' },
      },
    });
    expect(gcp?.tls.dns).toStrictEqual({
      project: 'go-coffee-platform',
      identity: { gcpServiceAccount: 'cert-manager-staging@go-coffee-platform.iam.gserviceaccount.com' },
    });
    const azure = loadEnvironment('prod', { workspaceRoot: root, clouds: { azure: true } }).clusters.at(-1);
    expect(azure?.tls.dns).toStrictEqual({
      subscriptionId: '3b9d6f0a-2c4e-4f81-9d7a-5e6b8c0d1f2a',
      resourceGroup: 'go-coffee-rg',
      identity: { azureClientId: '9c1e4b7d-3a2f-4d6e-8b0c-2f5a7e9d1c34' },
    });
  });

  it('lets an environment override the DNS zone and the ACME server without restating the rest', () => {
    edit('dev.yaml', (t) => `${t}tls:\n  acmeServer: staging\nclouds:\n  aws:\n    dns:\n      hostedZoneId: Z0DEV\n`);
    const [aws] = loadEnvironment('dev', { workspaceRoot: root }).clusters;
    expect(aws?.tls).toMatchObject({
      acmeEmail: 'platform-engineering@go-coffee.com',
      acmeServer: 'staging',
      dns: {
        hostedZoneId: 'Z0DEV',
        identity: { awsRoleArn: expect.stringContaining('dev-aws-us-east-1-cert-manager') },
      },
    });
  });

  it('rejects an AWS cluster without a Route 53 hosted zone, naming the setting and where to put it', () => {
    edit('defaults.yaml', (t) => t.replace(/^ {6}hostedZoneId: .*\n/m, ''));
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toStrictEqual([
      {
        source: 'environments/dev.yaml:5:5',
        field: 'clouds.aws.dns.hostedZoneId',
        problem: 'a aws cluster needs clouds.aws.dns.hostedZoneId so cert-manager can answer DNS-01 challenges',
        fix: 'set clouds.aws.dns.hostedZoneId in defaults.yaml or in environments/dev.yaml',
      },
    ]);
  });

  it('rejects an ACME email that is not an address and a hosted zone id that is not one', () => {
    edit('defaults.yaml', (t) => t.replace('acmeEmail: platform-engineering@go-coffee.com', 'acmeEmail: nobody'));
    edit('dev.yaml', (t) => `${t}clouds:\n  aws:\n    dns:\n      hostedZoneId: go-coffee.com\n`);
    expect(
      issuesOf(() => loadEnvironment('dev', { workspaceRoot: root })).map((i) => [i.field, i.problem]),
    ).toStrictEqual([
      ['tls.acmeEmail', 'must be an email address'],
      ['clouds.aws.dns.hostedZoneId', 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ'],
    ]);
  });

  it('rejects an unknown cloud naming the file, line, field and the allowed values', () => {
    edit('staging.yaml', (t) => t.replace('cloud: gcp', 'cloud: ibm'));
    expect(issuesOf(() => loadEnvironment('staging', { workspaceRoot: root }))).toStrictEqual([
      {
        source: 'environments/staging.yaml:7:12',
        field: 'clusters[1].cloud',
        problem: 'Invalid option: expected one of "aws"|"gcp"|"azure"',
        fix: 'use one of: aws, gcp, azure',
      },
    ]);
  });

  it('rejects replicas below 1 in a sizing profile', () => {
    edit('dev.yaml', (t) => `${t}sizingProfiles:\n  small:\n    minReplicas: 0\n`);
    const [issue] = issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }));
    expect(issue).toMatchObject({ field: 'sizingProfiles.small.minReplicas', fix: 'use a value of at least 1' });
    expect(issue?.source).toMatch(/^environments\/dev\.yaml:\d+:\d+$/);
  });

  it('rejects a duplicate cluster', () => {
    edit('dev.yaml', (t) => `${t}  - cloud: aws\n    region: us-east-1\n`);
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toMatchObject([
      { field: 'clusters[1]', problem: 'duplicate cluster "dev-aws-us-east-1" (also clusters[0])' },
    ]);
  });

  it('rejects the image tag latest and tells to pin a version', () => {
    edit('images/prod.yaml', (t) => t.replace('kitchen-service: 1.3.2', 'kitchen-service: latest'));
    expect(issuesOf(() => loadEnvironment('prod', { workspaceRoot: root }))).toStrictEqual([
      {
        source: 'environments/images/prod.yaml:8:18',
        field: 'kitchen-service',
        problem: 'must not be "latest": pin an immutable version such as 1.4.2',
        fix: 'correct the value (see environments/schema/images.schema.json)',
      },
    ]);
  });

  it('rejects an unknown service in the images file', () => {
    edit('images/dev.yaml', (t) => `${t}coffee-grinder: 1.0.0\n`);
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toMatchObject([
      {
        source: 'environments/images/dev.yaml:15:17',
        field: '',
        fix: expect.stringContaining('remove "coffee-grinder"'),
      },
    ]);
  });

  it('rejects a region the cloud does not list', () => {
    edit('dev.yaml', (t) => t.replace('us-east-1', 'mars-north-1'));
    expect(issuesOf(() => loadEnvironment('dev', { workspaceRoot: root }))).toMatchObject([
      {
        field: 'clusters[0].region',
        fix: 'use one of: us-east-1, us-west-2, eu-west-1 (or add it to clouds.aws.regions in defaults.yaml)',
      },
    ]);
  });

  it('rejects an unknown environment name', () => {
    expect(issuesOf(() => loadEnvironment('qa', { workspaceRoot: root }))).toMatchObject([
      { source: 'argument --env', fix: 'use one of: dev, staging, prod' },
    ]);
  });

  it('reports every broken file of every environment in one error with exit code 2', () => {
    edit('images/dev.yaml', (t) => t.replace('producer: 1.5.0-rc.2', 'producer: latest'));
    edit('prod.yaml', (t) => t.replace('region: us-west-2', 'region: us-west-9'));
    let error: unknown;
    try {
      loadAllEnvironments({ workspaceRoot: root });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvironmentConfigError);
    expect((error as EnvironmentConfigError).exitCode).toBe(2);
    expect((error as EnvironmentConfigError).issues.map((i) => i.field)).toStrictEqual([
      'producer',
      'clusters[1].region',
    ]);
    expect((error as EnvironmentConfigError).message).toContain('nothing was written');
  });
});
