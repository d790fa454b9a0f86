// The post-synth pass: every object gets the ownership labels, the Argo CD tracking annotation of the
// Application that owns its file, and its sync wave, here and nowhere else.
import {
  CLUSTER_SCOPED_KINDS,
  TRACKING_ID_ANNOTATION,
  formatTrackingId,
  refOf,
  type Manifest,
} from '@go-coffee/kube-objects';
import type { AreaLayout } from './application-layout';
import { syncWaveFor } from './sync-waves';

export const PART_OF = 'go-coffee';
export const MANAGED_BY = 'go-coffee-render';
/** Team label the policy gate requires on every object; areas set their team, the rest belongs to platform engineering. */
export const OWNER_LABEL = 'go-coffee.io/owner';
export const DEFAULT_OWNER = 'platform-engineering';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * `<application>:<group>/<Kind>:<namespace>/<name>`, Argo CD's annotation tracking id (formatted by
 * @go-coffee/kube-objects). Cluster-scoped objects get the Application's destination namespace, exactly as
 * Argo CD writes it, so live and Git agree.
 */
export function trackingId(application: string, manifest: Manifest, layout: AreaLayout): string {
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(manifest.kind);
  return formatTrackingId(application, refOf(manifest), {
    clusterScoped,
    ...(clusterScoped ? { destinationNamespace: layout.destinationNamespaceForApplication(application) } : {}),
  });
}

export interface OwnershipContext {
  /** Application owning the object's file. */
  readonly application: string;
  /** Cluster folder, to recognise the app of apps' child Applications (they point into it). */
  readonly clusterPath: string;
  /** The workspace's areas: destination namespaces and child Applications' waves. */
  readonly layout: AreaLayout;
}

/** Returns a copy of `manifest` with ownership labels, tracking annotation and sync wave set. */
export function withOwnership(manifest: Manifest, context: OwnershipContext): Manifest {
  const labels = {
    ...manifest.metadata.labels,
    // Keep a name the area chose (selectors may depend on it); otherwise the object's own name.
    'app.kubernetes.io/name': manifest.metadata.labels?.['app.kubernetes.io/name'] ?? manifest.metadata.name,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    [OWNER_LABEL]: manifest.metadata.labels?.[OWNER_LABEL] ?? DEFAULT_OWNER,
  };
  const sourcePath = (manifest.spec as { source?: { path?: unknown } } | undefined)?.source?.path;
  // A child Application deploys an area folder; the root deploys the applications folder and keeps the kind's wave.
  const isChildApplication =
    manifest.kind === 'Application' &&
    typeof sourcePath === 'string' &&
    sourcePath.startsWith(`${context.clusterPath}/`) &&
    context.layout.hasArea(sourcePath.slice(context.clusterPath.length + 1));
  const annotations = {
    ...manifest.metadata.annotations,
    [TRACKING_ID_ANNOTATION]: trackingId(context.application, manifest, context.layout),
    [SYNC_WAVE_ANNOTATION]: String(
      syncWaveFor({
        kind: manifest.kind,
        ...(isChildApplication
          ? { childApplicationWave: context.layout.childApplicationWave(manifest.metadata.name) }
          : {}),
      }),
    ),
  };
  return { ...manifest, metadata: { ...manifest.metadata, labels, annotations } };
}
