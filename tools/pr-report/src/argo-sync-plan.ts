// Which Argo CD Applications a change makes sync or prune, per cluster. An Application covers the files
// under its source.path that its `directory` settings select (recurse, include, exclude); it syncs when
// a covered file is added or changed, or when the Application object itself changes (a Helm chart's
// values live in it). Removed files are pruned only when the Application syncs automatically with
// prune; otherwise they stay live until someone syncs with prune by hand.
import { refOf } from '@go-coffee/kube-objects';
import { parseObjects, type GitopsSnapshot } from './gitops-snapshot';
import type { ObjectChange } from './manifest-delta';

export interface ApplicationSpec {
  readonly name: string;
  readonly path: string;
  readonly cluster: string;
  /** Source path (repository-relative) for directory sources; undefined for Helm chart sources. */
  readonly sourcePath?: string;
  readonly recurse: boolean;
  readonly include?: string;
  readonly exclude?: string;
  readonly automated: boolean;
  readonly prune: boolean;
}

export type SyncMode = 'automated' | 'manual';

export interface ApplicationPlan {
  readonly name: string;
  readonly cluster: string;
  readonly mode: SyncMode;
  readonly prune: boolean;
  /** created / deleted: the Application object itself is added or removed (its root Application does it). */
  readonly lifecycle: 'created' | 'deleted' | 'updated' | 'unchanged';
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  /** One sentence for the report. */
  readonly outcome: string;
}

/** A nested field of parsed YAML, or undefined when any step is missing or not an object. */
function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function readApplications(snapshot: GitopsSnapshot): Map<string, ApplicationSpec> {
  const applications = new Map<string, ApplicationSpec>();
  for (const file of snapshot.values()) {
    if (!file.text.includes('kind: Application')) continue;
    let objects: Record<string, unknown>[];
    try {
      objects = parseObjects(file.text);
    } catch {
      continue;
    }
    for (const object of objects) {
      if (object.kind !== 'Application' || !String(object.apiVersion ?? '').startsWith('argoproj.io/')) continue;
      const source = field(object, 'spec', 'source');
      const directory = field(source, 'directory');
      const automated = field(object, 'spec', 'syncPolicy', 'automated');
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const sourcePath = text(field(source, 'path'));
      const name = refOf(object).name;
      applications.set(`${file.cluster}/${name}`, {
        name,
        path: file.path,
        cluster: file.cluster,
        sourcePath:
          sourcePath !== undefined && field(source, 'chart') === undefined ? sourcePath.replace(/\/+$/, '') : undefined,
        recurse: field(directory, 'recurse') === true,
        include: text(field(directory, 'include')),
        exclude: text(field(directory, 'exclude')),
        automated: automated !== undefined && automated !== null && field(automated, 'enabled') !== false,
        prune: field(automated, 'prune') === true,
      });
    }
  }
  return applications;
}

/** Glob as Argo CD's directory include/exclude use it: `*` and `?` within a path segment, `{a,b}` alternatives. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) source += '\\{';
      else {
        source += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((part) => globToRegExp(part).source.slice(1, -1))
          .join('|')})`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function matchesGlob(glob: string, relativePath: string): boolean {
  const regexp = globToRegExp(glob);
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return regexp.test(relativePath) || (!glob.includes('/') && regexp.test(base));
}

/** Whether the Application's directory source selects a repository-relative file. */
export function covers(application: ApplicationSpec, path: string): boolean {
  if (!application.sourcePath || !path.startsWith(`${application.sourcePath}/`)) return false;
  const inside = path.slice(application.sourcePath.length + 1);
  if (!application.recurse && inside.includes('/')) return false;
  if (application.include && !matchesGlob(application.include, inside)) return false;
  if (application.exclude && matchesGlob(application.exclude, inside)) return false;
  return true;
}

function outcomeOf(plan: Omit<ApplicationPlan, 'outcome'>): string {
  if (plan.lifecycle === 'created')
    return `created by its root Application; ${plan.mode === 'automated' ? 'syncs automatically' : 'waits for a manual sync'}`;
  if (plan.lifecycle === 'deleted')
    return 'deleted by its root Application (prune); its finalizer deletes the objects it manages';
  const parts: string[] = [];
  const applying = plan.added + plan.changed > 0 || plan.lifecycle === 'updated';
  if (applying) parts.push(plan.mode === 'automated' ? 'syncs automatically' : 'OutOfSync until someone presses Sync');
  if (plan.removed > 0) {
    if (plan.mode === 'automated' && plan.prune) parts.push(`prunes ${plan.removed} object(s)`);
    else parts.push(`${plan.removed} removed object(s) stay live until a manual sync with prune`);
  }
  return parts.join('; ');
}

/** Applications affected by the changes, sorted by cluster then name. */
export function planSync(
  base: GitopsSnapshot,
  head: GitopsSnapshot,
  changes: readonly ObjectChange[],
): ApplicationPlan[] {
  const before = readApplications(base);
  const after = readApplications(head);
  const plans: ApplicationPlan[] = [];
  const changedPaths = new Set(changes.map((change) => change.path));
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const current = after.get(id);
    const previous = before.get(id);
    const application = (current ?? previous)!;
    const counts = { added: 0, changed: 0, removed: 0 };
    for (const change of changes) {
      // Added and changed files belong to the head's Application; removed files to the base's.
      const owner = change.status === 'removed' ? previous : current;
      if (owner && covers(owner, change.path)) counts[change.status]++;
    }
    const lifecycle = !previous
      ? 'created'
      : !current
        ? 'deleted'
        : changedPaths.has(application.path)
          ? 'updated'
          : 'unchanged';
    if (lifecycle === 'unchanged' && counts.added + counts.changed + counts.removed === 0) continue;
    const plan = {
      name: application.name,
      cluster: application.cluster,
      mode: (application.automated ? 'automated' : 'manual') as SyncMode,
      prune: application.prune,
      lifecycle: lifecycle as ApplicationPlan['lifecycle'],
      ...counts,
    };
    plans.push({ ...plan, outcome: outcomeOf(plan) });
  }
  return plans;
}
