// The drift engine for one cluster: one paginated LIST per kind and namespace of the rendered tree (bounded
// concurrency, never a GET per object), each live item compared the moment its page arrives and then
// dropped, so memory grows with the tree and the findings, not with the cluster. Any refused or failed
// LIST aborts the run with an error: a partial result is never reported as "in sync".
import { IgnoreEntryIndex, expandIgnoreRules, type IgnoreRule } from '@go-coffee/ignore-rules';
import { detectObjectDrift, type ObjectDrift } from './detect-object-drift';
import type { ApiResource, KubeApiClient } from './kube-api-client';
import {
  compareRefs,
  describeRef,
  ownTrackingId,
  refKey,
  refOf,
  type KubeObject,
  type ObjectRef,
} from '@go-coffee/kube-objects';

export interface DesiredManifest {
  readonly object: KubeObject;
  /** Path of the manifest relative to the cluster folder, e.g. `core-services/deployment-go-coffee-api.yaml`. */
  readonly source: string;
}

export interface MissingObject {
  readonly ref: ObjectRef;
  readonly source: string;
  /** Why it is missing when more is known than "not found", e.g. the kind is not served. */
  readonly reason?: string;
}

export interface OrphanObject {
  readonly ref: ObjectRef;
  /** Argo CD Application named by the object's tracking annotation. */
  readonly application: string;
}

export interface ClusterDriftReport {
  /** Manifests in git. */
  readonly objects: number;
  readonly inSync: number;
  /** Objects with at least one difference not hidden by an ignore rule. */
  readonly modified: readonly ObjectDrift[];
  /** Objects whose only differences were hidden by ignore rules. */
  readonly ignoredOnly: readonly ObjectDrift[];
  readonly missing: readonly MissingObject[];
  readonly orphans: readonly OrphanObject[];
  /** HTTP requests sent to the API server. */
  readonly requests: number;
}

export interface DriftProgress {
  readonly listsDone: number;
  readonly listsTotal: number;
  readonly liveObjectsSeen: number;
}

/** The subset of KubeApiClient the engine uses (read-only by construction). */
export type LiveReader = Pick<KubeApiClient, 'resourceFor' | 'list' | 'requests'>;

export interface DetectClusterDriftOptions {
  /** Manifests from git. They are normalized in place while compared: pass copies to keep the originals. */
  readonly desired: readonly DesiredManifest[];
  readonly reader: LiveReader;
  /** The ignore rules; expanded here against `desired` (which objects an autoscaler targets, …). */
  readonly ignoreRules: readonly IgnoreRule[];
  /** Concurrent LISTs. @default 4 */
  readonly concurrency?: number;
  readonly onProgress?: (progress: DriftProgress) => void;
}

export class DesiredStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesiredStateError';
  }
}

async function runBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < items.length && failed === undefined) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
}

interface Entry {
  readonly manifest: DesiredManifest;
  readonly ref: ObjectRef;
  matched: boolean;
}

export async function detectClusterDrift(options: DetectClusterDriftOptions): Promise<ClusterDriftReport> {
  const { reader } = options;
  // One apiVersion per group/kind (the first git uses), so each kind is listed once.
  const versions = new Map<string, string>();
  for (const { object, source } of options.desired) {
    if (
      typeof object.apiVersion !== 'string' ||
      typeof object.kind !== 'string' ||
      typeof object.metadata?.name !== 'string'
    ) {
      throw new DesiredStateError(`${source}: manifest lacks apiVersion, kind or metadata.name`);
    }
    const ref = refOf(object);
    const gk = `${ref.group}/${ref.kind}`;
    if (!versions.has(gk)) versions.set(gk, object.apiVersion);
  }
  const resources = new Map<string, ApiResource | undefined>();
  await runBounded([...versions.entries()], options.concurrency ?? 4, async ([gk, apiVersion]) => {
    resources.set(gk, await reader.resourceFor(apiVersion, gk.slice(gk.indexOf('/') + 1)));
  });

  // Before any comparison: comparing normalizes the manifests in place.
  const ignore = new IgnoreEntryIndex(
    expandIgnoreRules(
      options.ignoreRules,
      options.desired.map((m) => m.object),
    ),
  );
  const index = new Map<string, Entry>();
  const missing: MissingObject[] = [];
  const namespaces = new Set<string>();
  const applications = new Set<string>();
  for (const manifest of options.desired) {
    const declared = refOf(manifest.object);
    const resource = resources.get(`${declared.group}/${declared.kind}`);
    const ref = resource && !resource.namespaced ? { ...declared, namespace: '' } : declared;
    if (resource?.namespaced && !ref.namespace) {
      throw new DesiredStateError(
        `${manifest.source}: ${describeRef(ref)} is namespaced but has no metadata.namespace; the renderer must set it`,
      );
    }
    const key = refKey(ref);
    const previous = index.get(key);
    if (previous)
      throw new DesiredStateError(
        `${describeRef(ref)} is declared twice: ${previous.manifest.source} and ${manifest.source}`,
      );
    if (!resource) {
      missing.push({
        ref,
        source: manifest.source,
        reason: `kind ${manifest.object.apiVersion} ${ref.kind} is not served by the API server (CRD not installed?)`,
      });
      index.set(key, { manifest, ref, matched: true });
      continue;
    }
    index.set(key, { manifest, ref, matched: false });
    if (ref.namespace) namespaces.add(ref.namespace);
    const tracking = ownTrackingId(manifest.object);
    if (tracking) applications.add(tracking.application);
  }

  const targets: { resource: ApiResource; namespace: string }[] = [];
  for (const resource of [...resources.values()].filter((r): r is ApiResource => r !== undefined)) {
    if (!resource.namespaced) targets.push({ resource, namespace: '' });
    else for (const namespace of [...namespaces].sort()) targets.push({ resource, namespace });
  }

  const modified: ObjectDrift[] = [];
  const ignoredOnly: ObjectDrift[] = [];
  const orphans = new Map<string, OrphanObject>();
  let inSync = 0;
  let listsDone = 0;
  let liveObjectsSeen = 0;
  await runBounded(targets, options.concurrency ?? 4, async ({ resource, namespace }) => {
    await reader.list(resource, namespace, (items) => {
      for (const item of items) {
        liveObjectsSeen += 1;
        const ref = refOf(item);
        const key = refKey(ref);
        const entry = index.get(key);
        if (entry) {
          if (entry.matched) continue;
          entry.matched = true;
          const drift = detectObjectDrift(entry.manifest.object, item, {
            ignore,
            source: entry.manifest.source,
          });
          if (drift.differences.length > 0) modified.push(drift);
          else if (drift.ignored.length > 0) ignoredOnly.push(drift);
          else inSync += 1;
          continue;
        }
        const tracking = ownTrackingId(item);
        if (tracking && applications.has(tracking.application))
          orphans.set(key, { ref, application: tracking.application });
      }
    });
    listsDone += 1;
    options.onProgress?.({ listsDone, listsTotal: targets.length, liveObjectsSeen });
  });

  for (const entry of index.values()) {
    if (!entry.matched) missing.push({ ref: entry.ref, source: entry.manifest.source });
  }
  const byRef = <T extends { ref: ObjectRef }>(a: T, b: T) => compareRefs(a.ref, b.ref);
  return {
    objects: options.desired.length,
    inSync,
    modified: modified.sort(byRef),
    ignoredOnly: ignoredOnly.sort(byRef),
    missing: missing.sort(byRef),
    orphans: [...orphans.values()].sort(byRef),
    requests: reader.requests,
  };
}
