// Writes each child Application's `spec.ignoreDifferences` from the shared ignore rules
// (@go-coffee/ignore-rules, libs/ignore-rules/ignore-rules.yaml). Rules such as "HPA-owned replicas" only
// apply to some objects, and Argo CD cannot select by "has an autoscaler", so the rules are expanded
// against every object rendered for the cluster and each Application gets one entry per object it owns,
// scoped by name and namespace. This runs after synthesis because an Application (platform area) needs the
// objects of other areas; the drift tool expands the same rules against the same tree.
import {
  IGNORE_RULES_FILE,
  argoIgnoreDifferences,
  expandIgnoreRules,
  loadIgnoreRules,
  objectKeyOf,
  objectKeyString,
  type IgnoreEntry,
  type IgnoreRule,
} from '@go-coffee/ignore-rules';
import { describeManifest, type Manifest } from './manifest-files';

/** A rendered object with the Application that owns its file (the tracking id's application). */
export interface OwnedManifest {
  /** Area folder the file is written to. */
  readonly area: string;
  readonly application: string;
  readonly manifest: Manifest;
}

let workspaceRules: IgnoreRule[] | undefined;

/** The workspace's ignore rules, read once per process. */
export function workspaceIgnoreRules(): IgnoreRule[] {
  workspaceRules ??= loadIgnoreRules();
  return workspaceRules;
}

/** The area folder a child Application deploys (`<clusterPath>/<area>`), or undefined for other Applications. */
function childApplicationArea(manifest: Manifest, clusterPath: string): string | undefined {
  if (manifest.kind !== 'Application' || !manifest.apiVersion.startsWith('argoproj.io/')) return undefined;
  const path = (manifest.spec as { source?: { path?: unknown } } | undefined)?.source?.path;
  if (typeof path !== 'string' || !path.startsWith(`${clusterPath}/`)) return undefined;
  return path.slice(clusterPath.length + 1);
}

/**
 * Returns `objects` with `spec.ignoreDifferences` set on every child Application of the app of apps that owns
 * an object a rule applies to. Throws (message for RenderError) when a child Application deploys an area whose
 * objects this render did not see, or when an area set ignoreDifferences itself.
 */
export function withIgnoreDifferences<T extends OwnedManifest>(
  objects: readonly T[],
  context: { readonly cluster: string; readonly clusterPath: string; readonly rules: readonly IgnoreRule[] },
): T[] {
  const renderedAreas = new Set(objects.map((o) => o.area));
  const applicationOf = new Map(objects.map((o) => [objectKeyString(objectKeyOf(o.manifest)), o.application]));
  const byApplication = new Map<string, IgnoreEntry[]>();
  for (const entry of expandIgnoreRules(
    context.rules,
    objects.map((o) => o.manifest),
  )) {
    const application = applicationOf.get(objectKeyString(entry));
    if (application !== undefined) byApplication.set(application, [...(byApplication.get(application) ?? []), entry]);
  }

  return objects.map((object) => {
    const area = childApplicationArea(object.manifest, context.clusterPath);
    if (area === undefined) return object;
    const where = `cluster ${context.cluster}: ${describeManifest(object.manifest)}`;
    if ((object.manifest.spec as { ignoreDifferences?: unknown }).ignoreDifferences !== undefined) {
      throw new Error(
        `${where} sets spec.ignoreDifferences itself; add a rule to ${IGNORE_RULES_FILE} instead (the engine writes ignoreDifferences from it).`,
      );
    }
    if (!renderedAreas.has(area)) {
      throw new Error(
        `${where} deploys area "${area}", whose objects this render did not see, so its ignoreDifferences cannot be computed; render the platform area together with every area (the platform render target passes them with --objects-from).`,
      );
    }
    const own = byApplication.get(object.manifest.metadata.name) ?? [];
    if (own.length === 0) return object;
    return {
      ...object,
      manifest: {
        ...object.manifest,
        spec: { ...(object.manifest.spec as object), ignoreDifferences: argoIgnoreDifferences(own) },
      },
    };
  });
}
