// How a secret is named in the cloud's secret manager. The platform's secrets form one hierarchy
// (`go-coffee` / environment / owner / secret), but only AWS Secrets Manager accepts `/` in a name: GCP Secret
// Manager ids are letters, digits, `-` and `_` (at most 255), Azure Key Vault secret names letters, digits and
// `-` (at most 127). Each cloud therefore joins the same segments with a separator its names allow and no
// segment contains, so every name maps back to exactly one path.
import type { Cloud, ClusterContext } from '@go-coffee/environments';

/** Root segment of every secret the platform reads. */
export const SECRET_MANAGER_ROOT = 'go-coffee';

const SEPARATOR: Readonly<Record<Cloud, string>> = { aws: '/', gcp: '_', azure: '--' };
const MAX_LENGTH: Readonly<Record<Cloud, number>> = { aws: 512, gcp: 255, azure: 127 };
/** Segments: lowercase words joined by single hyphens, so neither `_` nor `--` can occur inside one. */
const SEGMENT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Name of the secret `go-coffee/<environment>/<...segments>` in the secret manager of the cluster's cloud:
 * `go-coffee/prod/data/kafka` on AWS, `go-coffee_prod_data_kafka` on GCP, `go-coffee--prod--data--kafka` on Azure.
 */
export function secretManagerKey(ctx: Pick<ClusterContext, 'cloud' | 'environment'>, ...segments: string[]): string {
  const all = [SECRET_MANAGER_ROOT, ctx.environment, ...segments];
  if (segments.length === 0) {
    throw new Error(`secret manager key: name at least one segment after "${all.join('/')}"`);
  }
  for (const segment of all) {
    if (!SEGMENT.test(segment)) {
      throw new Error(
        `secret manager key "${all.join('/')}": segment "${segment}" must be lowercase letters and digits joined by single '-'`,
      );
    }
  }
  const key = all.join(SEPARATOR[ctx.cloud]);
  if (key.length > MAX_LENGTH[ctx.cloud]) {
    throw new Error(
      `secret manager key "${key}" is ${key.length} characters; ${ctx.cloud} allows ${MAX_LENGTH[ctx.cloud]}`,
    );
  }
  return key;
}
