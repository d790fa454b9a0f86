// The drift engine for one cluster: one paginated LIST per kind and namespace of the tree (bounded
// concurrency, never a GET per object); each live item is compared the moment its page arrives and then
// dropped, so memory grows with the tree and the findings, not with the cluster. Orphans are searched in every
// listable kind (discovery) and every namespace with metadata-only lists. A refused or failed LIST the
// comparison needs aborts the run with an error (a partial result is never "in sync"); a refused orphan
// search is reported as "not searched".
import { IgnoreEntryIndex, expandIgnoreRules, type IgnoreRule, type MustNotExistRule } from '@go-coffee/ignore-rules';
import {
  compareRefs,
  describeRef,
  isBuiltInGroup,
  ownTrackingId,
  refKey,
  refOf,
  type KubeObject,
  type ObjectRef,
} from '@go-coffee/kube-objects';
import { builtInSemantics } from './built-in-semantics';
import { detectObjectDrift, type ObjectDrift } from './detect-object-drift';
import { OpenApiSemanticsReader, openApiPathOf } from './fetch-openapi-semantics';
import { KubeApiError, type ApiResource, type KubeApiClient } from './kube-api-client';
import { DesiredStateError } from './desired-state-error';
import type { DesiredManifest } from './desired-manifest';
import { assertAcceptedByApiServer } from './validate-against-schema';

export { DesiredStateError } from './desired-state-error';
export type { DesiredManifest } from './desired-manifest';

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

/** A kind the orphan search could not list (RBAC): orphans of it may exist unseen. */
export interface NotSearchedKind {
  readonly group: string;
  readonly kind: string;
  readonly resource: string;
  /** Where it was not searched, e.g. `all namespaces` or `namespaces outside the tree`. */
  readonly scope: string;
  readonly reason: string;
}

export interface ClusterDriftReport {
  /** Manifests in git. */
  readonly objects: number;
  readonly inSync: number;
  /** Objects with at least one difference not hidden by an ignore rule. */
  readonly modified: readonly ObjectDrift[];
  /** Objects whose only differences were hidden by ignore rules. */
  readonly ignoredOnly: readonly ObjectDrift[];
  /** Objects in sync except for labels/annotations other managers added (see ObjectDrift.informational). */
  readonly informationalOnly: readonly ObjectDrift[];
  readonly missing: readonly MissingObject[];
  readonly orphans: readonly OrphanObject[];
  /** Kinds the identity may not list: the orphan search is incomplete for them (exit 2 with --strict). */
  readonly notSearched: readonly NotSearchedKind[];
  /** HTTP requests sent to the API server. */
  readonly requests: number;
}

export interface DriftProgress {
  readonly listsDone: number;
  readonly listsTotal: number;
  readonly liveObjectsSeen: number;
}

/** The subset of KubeApiClient the engine uses (read-only by construction). */
export type LiveReader = Pick<KubeApiClient, 'resourceFor' | 'list' | 'listableResources' | 'get' | 'requests'>;

export interface DetectClusterDriftOptions {
  /** Manifests from git. They are normalized in place while compared: pass copies to keep the originals. */
  readonly desired: readonly DesiredManifest[];
  readonly reader: LiveReader;
  /** The ignore rules; expanded here against `desired` (which objects an autoscaler targets, …). */
  readonly ignoreRules: readonly IgnoreRule[];
  /** Keys nobody may add outside git (the rules file's mustNotExist list). @default [] */
  readonly mustNotExist?: readonly MustNotExistRule[];
  /** Concurrent LISTs. @default 4 */
  readonly concurrency?: number;
  readonly onProgress?: (progress: DriftProgress) => void;
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
  const concurrency = options.concurrency ?? 4;
  // One apiVersion per group/kind (the first git uses), so each kind is listed once.
  const versions = new Map<string, string>();
  // What the engine reads before comparing comes from each manifest's outline when its loader made one, so
  // the full object is parsed once, when its live counterpart arrives.
  const outlineOf = (m: DesiredManifest): KubeObject => m.outline?.skeleton ?? m.object;
  for (const manifest of options.desired) {
    const object = outlineOf(manifest);
    const source = manifest.source;
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
  await runBounded([...versions.entries()], concurrency, async ([gk, apiVersion]) => {
    resources.set(gk, await reader.resourceFor(apiVersion, gk.slice(gk.indexOf('/') + 1)));
  });

  // Custom resources: their CRD schemas from the live server, so they are read and checked as the API
  // server reads them (types, YAML 1.1 booleans, merge keys, selectors).
  const customVersions = [...resources.values()]
    .filter((r): r is ApiResource => r !== undefined && !isBuiltInGroup(r.group))
    .map((r) => openApiPathOf(r.apiVersion));
  let semantics = builtInSemantics();
  if (customVersions.length > 0) {
    const openApi = new OpenApiSemanticsReader((path) => reader.get(path));
    semantics = semantics.with([await openApi.compile([...new Set(customVersions)], 'live /openapi/v3')]);
  }
  assertAcceptedByApiServer(
    options.desired.filter((m) => {
      const o = outlineOf(m);
      return resources.get(`${refOf(o).group}/${o.kind}`) !== undefined;
    }),
    semantics,
  );

  // Before any comparison: comparing normalizes the manifests in place.
  const ignore = new IgnoreEntryIndex(expandIgnoreRules(options.ignoreRules, options.desired.map(outlineOf)));
  const index = new Map<string, Entry>();
  const missing: MissingObject[] = [];
  const namespaces = new Set<string>();
  const applications = new Set<string>();
  for (const manifest of options.desired) {
    const outline = outlineOf(manifest);
    const declared = refOf(outline);
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
    const tracking = ownTrackingId(outline, ref);
    if (tracking) applications.add(tracking.application);
    if (!resource) {
      missing.push({
        ref,
        source: manifest.source,
        reason: `kind ${outline.apiVersion} ${ref.kind} is not served by the API server (CRD not installed?)`,
      });
      index.set(key, { manifest, ref, matched: true });
      continue;
    }
    index.set(key, { manifest, ref, matched: false });
    if (ref.namespace) namespaces.add(ref.namespace);
  }

  // Orphans are searched in every kind the server can list, in every namespace. The tree's kinds are listed
  // whole per namespace of the tree (compared and searched in one pass, many lists in flight), plus one
  // metadata-only list of the namespaces outside the tree; every other kind is listed metadata-only.
  const treeKinds = [...resources.values()].filter((r): r is ApiResource => r !== undefined);
  const treeKindKeys = new Set(treeKinds.map((r) => `${r.group}/${r.kind}`));
  const otherKinds = (await reader.listableResources()).filter((r) => !treeKindKeys.has(`${r.group}/${r.kind}`));
  const treeNamespaces = [...namespaces].sort();
  const outsideTree = treeNamespaces.map((ns) => `metadata.namespace!=${ns}`).join(',');
  type Target = {
    resource: ApiResource;
    namespace: string;
    /** Orphan search only: a refusal or failure leaves the kind "not searched" in `scope`. */
    orphanSearch?: { readonly scope: string; readonly fieldSelector?: string };
  };
  const targets: Target[] = [];
  for (const resource of treeKinds) {
    if (!resource.namespaced) {
      targets.push({ resource, namespace: '' });
      continue;
    }
    for (const namespace of treeNamespaces) targets.push({ resource, namespace });
    targets.push({
      resource,
      namespace: '',
      orphanSearch: {
        scope: 'namespaces outside the tree',
        ...(outsideTree ? { fieldSelector: outsideTree } : {}),
      },
    });
  }
  for (const resource of otherKinds)
    targets.push({ resource, namespace: '', orphanSearch: { scope: 'all namespaces' } });

  const modified: ObjectDrift[] = [];
  const ignoredOnly: ObjectDrift[] = [];
  const informationalOnly: ObjectDrift[] = [];
  const orphans = new Map<string, OrphanObject>();
  const notSearched: NotSearchedKind[] = [];
  let inSync = 0;
  let listsDone = 0;
  let liveObjectsSeen = 0;
  const onItems = (items: KubeObject[]) => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      // Each item is garbage once compared; dropping it from the page now lets the young-generation GC free
      // it instead of promoting a whole page of live objects (peak memory of a 50,000-object run).
      (items as unknown[])[i] = undefined;
      liveObjectsSeen += 1;
      const ref = refOf(item);
      const key = refKey(ref);
      const entry = index.get(key);
      if (entry) {
        if (entry.matched) continue;
        entry.matched = true;
        // Both sides are read once: normalized in place, no copy per object (the documented contract of
        // `desired`; the live item is dropped with its page).
        const drift = detectObjectDrift(entry.manifest.object, item, {
          consumeInputs: true,
          ...(entry.manifest.outline?.normalized ? { desiredNormalized: true } : {}),
          ignore,
          source: entry.manifest.source,
          mustNotExist: options.mustNotExist ?? [],
          semantics,
        });
        if (drift.differences.length > 0) modified.push(drift);
        else if (drift.informational.length > 0) informationalOnly.push(drift);
        else if (drift.ignored.length > 0) ignoredOnly.push(drift);
        else inSync += 1;
        continue;
      }
      const tracking = ownTrackingId(item, ref);
      if (tracking && applications.has(tracking.application))
        orphans.set(key, { ref, application: tracking.application });
    }
  };
  await runBounded(targets, concurrency, async ({ resource, namespace, orphanSearch }) => {
    try {
      await reader.list(resource, namespace, onItems, {
        metadataOnly: orphanSearch !== undefined,
        ...(orphanSearch?.fieldSelector ? { fieldSelector: orphanSearch.fieldSelector } : {}),
      });
    } catch (err) {
      // The orphan search never decides the comparison: a refusal, or an aggregated API that is down (503),
      // leaves that kind "not searched" instead of failing the run. A refused comparison list is an error.
      if (!(err instanceof KubeApiError) || !orphanSearch) throw err;
      notSearched.push(notSearchedKind(resource, orphanSearch.scope, err.message));
    }
    listsDone += 1;
    options.onProgress?.({ listsDone, listsTotal: targets.length, liveObjectsSeen });
  });

  for (const entry of index.values()) {
    if (!entry.matched) missing.push({ ref: entry.ref, source: entry.manifest.source });
  }
  const byRef = <T extends { ref: ObjectRef }>(a: T, b: T) => compareRefs(a.ref, b.ref);
  const kindOrder = (a: NotSearchedKind, b: NotSearchedKind) => {
    const ka = `${a.group}/${a.kind}/${a.scope}`;
    const kb = `${b.group}/${b.kind}/${b.scope}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  return {
    objects: options.desired.length,
    inSync,
    modified: modified.sort(byRef),
    ignoredOnly: ignoredOnly.sort(byRef),
    informationalOnly: informationalOnly.sort(byRef),
    missing: missing.sort(byRef),
    orphans: [...orphans.values()].sort(byRef),
    notSearched: notSearched.sort(kindOrder),
    requests: reader.requests,
  };
}

function notSearchedKind(resource: ApiResource, scope: string, reason: string): NotSearchedKind {
  return { group: resource.group, kind: resource.kind, resource: resource.resource, scope, reason };
}
