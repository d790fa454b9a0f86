import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testClusterContext } from '@go-coffee/environments/test-support';
import { workspaceRoot } from '@go-coffee/toolchain';
import { CiError } from './ci-error';
import { driftMatrix, driftTargets } from './drift-matrix';

const root = workspaceRoot();
let scratch: string | undefined;

/** A workspace holding this repository's environments/ and one empty folder per listed cluster. */
function workspaceWith(clusters: readonly string[], editProd?: (text: string) => string): string {
  scratch = mkdtempSync(join(tmpdir(), 'drift-matrix-'));
  cpSync(join(root, 'environments'), join(scratch, 'environments'), { recursive: true });
  writeFileSync(join(scratch, 'nx.json'), '{}\n');
  for (const cluster of clusters) mkdirSync(join(scratch, 'gitops', cluster), { recursive: true });
  if (editProd) {
    const prod = join(scratch, 'environments', 'prod.yaml');
    writeFileSync(prod, editProd(readFileSync(prod, 'utf8')));
  }
  return scratch;
}

const noToggles = {};

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('drift matrix', () => {
  it('has one entry per committed cluster folder, each with its cloud, region, account id and context', () => {
    const { include } = driftMatrix(root, noToggles);
    expect(include.map((target) => target.cluster).sort()).toStrictEqual(readdirSync(join(root, 'gitops')).sort());
    expect(include.find((target) => target.cluster === 'prod-gcp-us-central1')).toStrictEqual({
      cluster: 'prod-gcp-us-central1',
      environment: 'prod',
      cloud: 'gcp',
      region: 'us-central1',
      context: 'prod-gcp-us-central1',
      gcpProject: 'go-coffee-platform',
    });
    expect(include.find((target) => target.cluster === 'prod-aws-us-west-2')).toStrictEqual({
      cluster: 'prod-aws-us-west-2',
      environment: 'prod',
      cloud: 'aws',
      region: 'us-west-2',
      context: 'prod-aws-us-west-2',
      awsAccountId: '210987654321',
    });
  });

  it('takes the subscription and resource group of an Azure cluster from the environment files', () => {
    const dir = workspaceWith([
      'dev-aws-us-east-1',
      'staging-aws-us-east-1',
      'staging-gcp-us-central1',
      'prod-aws-us-east-1',
      'prod-aws-us-west-2',
      'prod-gcp-us-central1',
      'prod-azure-eastus',
    ]);
    const { include } = driftMatrix(dir, { ENABLE_AZURE: 'true' });
    expect(include.find((target) => target.cloud === 'azure')).toStrictEqual({
      cluster: 'prod-azure-eastus',
      environment: 'prod',
      cloud: 'azure',
      region: 'eastus',
      context: 'prod-azure-eastus',
      azureSubscriptionId: '3b9d6f0a-2c4e-4f81-9d7a-5e6b8c0d1f2a',
      azureResourceGroup: 'go-coffee-rg',
    });
  });

  it('reads cloud and region of a cluster with its own name from the environment, not from the name', () => {
    // GIVEN a prod cluster named without the <environment>-<cloud>-<region> pattern
    const dir = workspaceWith(
      [
        'dev-aws-us-east-1',
        'staging-aws-us-east-1',
        'staging-gcp-us-central1',
        'prod-aws-us-east-1',
        'prod-aws-us-west-2',
        'payments-central',
      ],
      (text) =>
        text.replace(
          '  - cloud: gcp\n    region: us-central1\n',
          '  - cloud: gcp\n    region: us-central1\n    name: payments-central\n',
        ),
    );
    const { include } = driftMatrix(dir, noToggles);
    expect(include.find((target) => target.cluster === 'payments-central')).toMatchObject({
      cloud: 'gcp',
      region: 'us-central1',
      context: 'payments-central',
      gcpProject: 'go-coffee-platform',
    });
  });

  it('refuses when gitops/ and the enabled clusters disagree, naming both sides', () => {
    const dir = workspaceWith(['dev-aws-us-east-1', 'prod-azure-eastus']);
    expect(() => driftMatrix(dir, noToggles)).toThrow(CiError);
    expect(() => driftMatrix(dir, noToggles)).toThrow(
      /enabled but not rendered: prod-aws-us-east-1, prod-aws-us-west-2, prod-gcp-us-central1, staging-aws-us-east-1, staging-gcp-us-central1; rendered but not enabled: prod-azure-eastus;/,
    );
  });

  it('names every cluster whose cloud has no account, project or subscription id', () => {
    const aws = testClusterContext({ name: 'dev-aws-x', cloud: 'aws' });
    const azure = testClusterContext({ name: 'dev-azure-x', cloud: 'azure' });
    expect(() => driftTargets([{ environment: 'dev', clusters: [aws, azure], disabledClusters: [] }])).toThrow(
      'drift matrix: the credential steps would have to guess:\n' +
        '  dev-aws-x: no clouds.aws.accountId; fix: set it in environments/defaults.yaml or environments/dev.yaml\n' +
        '  dev-azure-x: no clouds.azure.subscriptionId; fix: set it in environments/defaults.yaml or environments/dev.yaml\n' +
        '  dev-azure-x: no clouds.azure.resourceGroup; fix: set it in environments/defaults.yaml or environments/dev.yaml',
    );
  });
});
