/* eslint-disable @typescript-eslint/no-explicit-any -- samples edit deeply nested rendered objects */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APPLICATION_HEALTH_CHECK_KEY } from './application-health-check';
import { FIRST_SYNC_OPTION } from './argo-application';
import { loadAreaLayout } from './area-modules';
import { firstSyncProblems } from './first-sync-order';
import type { FirstSyncSubject } from './first-sync-order';
import type { Manifest } from '@go-coffee/kube-objects';

const workspace = resolve(import.meta.dirname, '..', '..', '..');
const { charts } = await loadAreaLayout(workspace);

/** Every committed manifest of one cluster folder, as the render wrote it (its README.md is no manifest). */
function committedCluster(cluster: string): FirstSyncSubject[] {
  const root = join(workspace, 'gitops', cluster);
  const folders = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return folders.flatMap(({ name: folder }) =>
    readdirSync(join(root, folder)).map((file) => ({
      path: `gitops/${cluster}/${folder}/${file}`,
      manifest: parse(readFileSync(join(root, folder, file), 'utf8')) as Manifest,
    })),
  );
}

function edited(files: FirstSyncSubject[], path: string, change: (manifest: any) => void): FirstSyncSubject[] {
  return files.map((file) => {
    if (file.path !== path) return file;
    const manifest = structuredClone(file.manifest);
    change(manifest);
    return { path, manifest };
  });
}

const DEV = 'dev-aws-us-east-1';

describe('first sync of a bare cluster (render invariant)', () => {
  it.each(readdirSync(join(workspace, 'gitops')))('leaves nothing in %s that blocks its first sync', (cluster) => {
    expect(firstSyncProblems(committedCluster(cluster), charts)).toStrictEqual([]);
  });

  it('flags an Application that holds custom resources and syncs without skipping the dry run (the old shape)', () => {
    const path = `gitops/${DEV}/applications/application-argocd-data-services.yaml`;
    const files = edited(committedCluster(DEV), path, (app) => {
      app.spec.syncPolicy.syncOptions = ['RespectIgnoreDifferences=true', 'ServerSideApply=true'];
    });
    expect(firstSyncProblems(files, charts)).toStrictEqual([
      expect.stringContaining(
        `${path}: argoproj.io/v1alpha1 Application argocd/data-services syncs without ${FIRST_SYNC_OPTION}`,
      ),
    ]);
  });

  it('flags a custom resource the root syncs before the chart that installs its CRD', () => {
    // GIVEN the workload areas ordered before data-services, which installs the External Secrets chart
    const path = `gitops/${DEV}/applications/application-argocd-data-services.yaml`;
    const files = edited(committedCluster(DEV), path, (app) => {
      app.metadata.annotations['argocd.argoproj.io/sync-wave'] = '1';
    });
    const problems = firstSyncProblems(files, charts);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /core-services\/externalsecret-go-coffee-security-gateway\.yaml: .* may sync before chart external-secrets installs its CRD/,
      ),
    );
  });

  it('flags a custom resource ordered before its chart inside the same Application', () => {
    const path = `gitops/${DEV}/data-services/clusterissuer-letsencrypt.yaml`;
    const files = edited(committedCluster(DEV), path, (issuer) => {
      issuer.metadata.annotations['argocd.argoproj.io/sync-wave'] = '-3';
    });
    expect(firstSyncProblems(files, charts)).toStrictEqual([
      expect.stringContaining(
        `${path}: cert-manager.io/v1 ClusterIssuer letsencrypt may sync before chart cert-manager`,
      ),
    ]);
  });

  it('flags Argo CD values without the Application health check (child waves would not wait)', () => {
    const path = `gitops/${DEV}/applications/application-argocd-argo-cd.yaml`;
    const files = edited(committedCluster(DEV), path, (app) => {
      delete app.spec.source.helm.valuesObject.configs.cm[APPLICATION_HEALTH_CHECK_KEY];
    });
    expect(firstSyncProblems(files, charts)).toStrictEqual([
      expect.stringContaining(`${path}: Argo CD's values lack configs.cm["${APPLICATION_HEALTH_CHECK_KEY}"]`),
    ]);
  });
});
