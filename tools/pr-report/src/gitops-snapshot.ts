// The rendered tree of one ref as data: every YAML file under gitops/, keyed by its repository-relative
// path, with the cluster and area its folder names (gitops/<cluster>/<area>/<file>).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface ManifestFile {
  /** Repository-relative, with forward slashes, e.g. `gitops/prod-aws-us-east-1/core-services/deployment-go-coffee-api-gateway.yaml`. */
  readonly path: string;
  readonly cluster: string;
  readonly area: string;
  readonly text: string;
}

export type GitopsSnapshot = ReadonlyMap<string, ManifestFile>;

function walk(dir: string, into: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) into.push(path);
  }
}

/** Reads `<root>/gitops`; a ref without the folder yields an empty snapshot. */
export function readGitopsSnapshot(root: string): GitopsSnapshot {
  const gitops = join(root, 'gitops');
  const files: string[] = [];
  if (existsSync(gitops)) walk(gitops, files);
  const snapshot = new Map<string, ManifestFile>();
  for (const file of files.sort()) {
    const path = relative(root, file).split(sep).join('/');
    const [, cluster = '', area = ''] = path.split('/');
    snapshot.set(path, {
      path,
      cluster,
      area: path.split('/').length > 3 ? area : '',
      text: readFileSync(file, 'utf8'),
    });
  }
  return snapshot;
}

/** The objects a manifest file holds (one per file in this repo, but any number is read). */
export function parseObjects(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as unknown)
    .filter(
      (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
}
