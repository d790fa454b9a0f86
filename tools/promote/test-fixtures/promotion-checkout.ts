// Test support: a minimal checkout for the promotion steps — two environments' image versions files and
// the committed tree of the source environment (one Deployment per service it runs).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CheckoutTags {
  readonly staging: Record<string, string>;
  readonly prod: Record<string, string>;
  /** service → tag the staging tree runs. @default the staging tags */
  readonly stagingRuns?: Record<string, string>;
}

export function writePromotionCheckout(tags: CheckoutTags, root = mkdtempSync(join(tmpdir(), 'promotion-'))): string {
  mkdirSync(join(root, 'environments', 'images'), { recursive: true });
  for (const environment of ['staging', 'prod'] as const) {
    const lines = Object.entries(tags[environment]).map(([service, tag]) => `${service}: ${tag}`);
    writeFileSync(
      join(root, 'environments', 'images', `${environment}.yaml`),
      `# Image tag per service in ${environment}.\n${lines.join('\n')}\n`,
    );
  }
  const folder = join(root, 'gitops', 'staging-aws-us-east-1', 'core-services');
  mkdirSync(folder, { recursive: true });
  for (const [service, tag] of Object.entries(tags.stagingRuns ?? tags.staging)) {
    writeFileSync(
      join(folder, `deployment-${service}.yaml`),
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${service}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/go-coffee/${service}:${tag}\n`,
    );
  }
  return root;
}
