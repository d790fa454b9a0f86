// Step 1 of a promotion: decide what changes, reading only the checkout of the base commit. The source
// environment's tags come from its image versions file, and each must be what its committed gitops tree
// actually runs; services already at the source's tag are left out; nothing to change is a refusal.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageVersionsError, readImageTags } from './image-versions-file';
import { PromotionError } from './promotion-error';

export interface PromotionRequest {
  readonly from: string;
  readonly to: string;
  /** Services to promote; undefined = every service whose tag differs (`--all`). */
  readonly services?: readonly string[];
  /** Expected tag (single service only): refused unless the source runs exactly this tag. */
  readonly tag?: string;
  /** How messages name the base commit, e.g. `HEAD`. */
  readonly baseRef: string;
}

export interface PromotionPlan {
  readonly from: string;
  readonly to: string;
  /** The services were named (`--service`), not `--all`. */
  readonly named: boolean;
  /** service → the source's tag, for every service that changes. */
  readonly updates: ReadonlyMap<string, string>;
  /** service → [target's tag now, the promoted tag]. */
  readonly promoted: ReadonlyMap<string, readonly [string, string]>;
}

export const imagesFile = (environment: string) => `environments/images/${environment}.yaml`;

function readTags(checkout: string, environment: string): Map<string, string> {
  const file = join(checkout, imagesFile(environment));
  if (!existsSync(file)) {
    const known = readdirSync(join(checkout, 'environments', 'images')).map((name) => name.replace(/\.yaml$/, ''));
    throw new PromotionError(
      `unknown environment "${environment}": ${imagesFile(environment)} does not exist; use one of: ${known.sort().join(', ')}`,
      2,
    );
  }
  try {
    return readImageTags(readFileSync(file, 'utf8'), imagesFile(environment));
  } catch (error) {
    if (error instanceof ImageVersionsError) throw new PromotionError(error.message, 2);
    throw error;
  }
}

/** Image references (`repo/service:tag`) the committed tree of an environment runs, from its cluster folders. */
export function runningImages(checkout: string, environment: string): Set<string> {
  const images = new Set<string>();
  const gitops = join(checkout, 'gitops');
  if (!existsSync(gitops)) return images;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.yaml')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/^\s*(?:-\s+)?image:\s*["']?([^\s"'#]+)/gm))
          images.add(match[1]!);
      }
    }
  };
  for (const cluster of readdirSync(gitops)) if (cluster.startsWith(`${environment}-`)) visit(join(gitops, cluster));
  return images;
}

const runs = (images: ReadonlySet<string>, service: string, tag: string) =>
  [...images].some((image) => image.endsWith(`/${service}:${tag}`) || image.endsWith(`/${service}@${tag}`));

export function planPromotion(checkout: string, request: PromotionRequest): PromotionPlan {
  const { from, to } = request;
  if (from === to) throw new PromotionError(`--from and --to are both "${from}"; promote between two environments`, 2);
  if (request.tag !== undefined && request.services?.length !== 1)
    throw new PromotionError('--tag needs exactly one --service', 2);
  const source = readTags(checkout, from);
  const target = readTags(checkout, to);
  const requested = request.services ?? [...source.keys()];
  const running = runningImages(checkout, from);
  const updates = new Map<string, string>();
  const promoted = new Map<string, readonly [string, string]>();
  for (const service of requested) {
    const tag = source.get(service);
    if (tag === undefined) {
      throw new PromotionError(
        `unknown service "${service}" in ${imagesFile(from)}; use one of: ${[...source.keys()].sort().join(', ')}`,
        2,
      );
    }
    if (!target.has(service))
      throw new PromotionError(`${imagesFile(to)} has no entry for ${service}; add it first`, 2);
    if (request.tag !== undefined && request.tag !== tag) {
      throw new PromotionError(
        `${from} does not run ${service}:${request.tag} (${imagesFile(from)} pins ${tag}); promote what ${from} runs`,
        1,
      );
    }
    if (!runs(running, service, tag)) {
      throw new PromotionError(
        `${from} does not run ${service}:${tag}: no container image ending in /${service}:${tag} under gitops/${from}-*/ ` +
          `at ${request.baseRef}; fix: render and merge ${from} first (npm run render), then promote`,
        1,
      );
    }
    if (target.get(service) === tag) continue;
    updates.set(service, tag);
    promoted.set(service, [target.get(service)!, tag]);
  }
  if (updates.size === 0)
    throw new PromotionError(`nothing to promote: ${to} already runs what ${from} runs for ${requested.join(', ')}`, 1);
  return { from, to, named: request.services !== undefined, updates, promoted };
}
