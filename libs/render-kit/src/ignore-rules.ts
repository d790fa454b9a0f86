// Computes each child Application's `spec.ignoreDifferences` from the shared ignore rules
// (@go-coffee/ignore-rules, libs/ignore-rules/ignore-rules.yaml). Rules such as "HPA-owned replicas" only
// apply to some objects, and Argo CD cannot select by "has an autoscaler", so the rules are expanded against
// the objects of the area the Applications deploy and each Application gets one entry per object it owns,
// scoped by name and namespace. An area's child Applications deploy only that area's folder, so the area's
// own objects are all they need; the drift tool expands the same rules against the same tree.
import {
  IGNORE_RULES_FILE,
  argoIgnoreDifferences,
  expandIgnoreRules,
  loadIgnoreRules,
  type IgnoreEntry,
  type IgnoreRule,
} from '@go-coffee/ignore-rules';
import type { ArgoIgnoreDifference } from './argo-application';
import { describeObject, refKey, refOf, type Manifest } from '@go-coffee/kube-objects';

/** A rendered object with the Application that owns its file (the tracking id's application). */
export interface OwnedManifest {
  readonly application: string;
  readonly manifest: Manifest;
}

let workspaceRules: IgnoreRule[] | undefined;

/** The workspace's ignore rules, read once per process. */
export function workspaceIgnoreRules(): IgnoreRule[] {
  workspaceRules ??= loadIgnoreRules();
  return workspaceRules;
}

/**
 * `spec.ignoreDifferences` per Application for the objects of one area: one entry per object a rule applies to,
 * under the Application that owns the object's file, sorted. Applications owning nothing a rule applies to are
 * absent.
 */
export function ignoreDifferencesByApplication(
  objects: readonly OwnedManifest[],
  rules: readonly IgnoreRule[],
): Map<string, ArgoIgnoreDifference[]> {
  const applicationOf = new Map(objects.map((o) => [refKey(refOf(o.manifest)), o.application]));
  const byApplication = new Map<string, IgnoreEntry[]>();
  for (const entry of expandIgnoreRules(
    rules,
    objects.map((o) => o.manifest),
  )) {
    const application = applicationOf.get(refKey(entry));
    if (application !== undefined) byApplication.set(application, [...(byApplication.get(application) ?? []), entry]);
  }
  return new Map([...byApplication].map(([application, entries]) => [application, argoIgnoreDifferences(entries)]));
}

/**
 * Throws (message for RenderError) when an area renders an Application that deploys from the cluster's own folder:
 * the engine builds those (child-applications.ts), with the ignoreDifferences of the rules file.
 */
export function refuseAreaChildApplication(manifest: Manifest, where: string, clusterPath: string): void {
  if (manifest.kind !== 'Application' || !manifest.apiVersion.startsWith('argoproj.io/')) return;
  const path = (manifest.spec as { source?: { path?: unknown } } | undefined)?.source?.path;
  if (typeof path !== 'string' || (path !== clusterPath && !path.startsWith(`${clusterPath}/`))) return;
  const fix =
    (manifest.spec as { ignoreDifferences?: unknown }).ignoreDifferences !== undefined
      ? `it sets spec.ignoreDifferences itself; add a rule to ${IGNORE_RULES_FILE} instead (the engine writes ignoreDifferences from it)`
      : 'the engine builds every child Application from the layout table (libs/render-kit/src/application-layout.ts); remove it, or render app-of-apps Applications from RenderArea.renderApplications';
  throw new Error(`${where}: ${describeObject(manifest)} deploys ${path} from this cluster's folder: ${fix}.`);
}
