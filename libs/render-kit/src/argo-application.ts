// One Argo CD Application as a cdk8s construct. UpstreamChartApplication uses it for every upstream Helm chart
// (Argo CD's own included), the engine for every area's child Application and the platform area for the root,
// so sync policy, retry and finalizers are decided here once instead of per caller.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { NAMESPACES } from './render-area';

/** A plain Git folder of manifests. */
export interface ArgoGitSource {
  readonly repoURL: string;
  /** Folder inside the repository, relative, without leading or trailing slash. */
  readonly path: string;
  readonly targetRevision: string;
  /**
   * Which files of the folder Argo CD reads (globs relative to `path`).
   * @default only the folder's own files, no subfolders
   */
  readonly directory?: { readonly recurse?: boolean; readonly include?: string; readonly exclude?: string };
}

/** An upstream Helm chart from a chart repository. */
export interface ArgoHelmSource {
  readonly repoURL: string;
  readonly chart: string;
  /** Pinned chart version (never a range, never `latest`). */
  readonly targetRevision: string;
  readonly helm: {
    /** @default the Application name */
    readonly releaseName?: string;
    /** Values passed to the chart, rendered as `helm.valuesObject`. */
    readonly valuesObject: Record<string, unknown>;
  };
}

export type ArgoSource = ArgoGitSource | ArgoHelmSource;

/** One entry of `spec.ignoreDifferences` (Argo CD diffing customization). */
export interface ArgoIgnoreDifference {
  readonly group?: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
  readonly managedFieldsManagers?: readonly string[];
}

export interface ArgoApplicationProps {
  /** Application name; unique inside the `argocd` namespace. Lowercase DNS label. */
  readonly name: string;
  /** AppProject the Application belongs to. */
  readonly project: string;
  readonly source: ArgoSource;
  /** Namespace the Application's objects land in when they do not state one. */
  readonly destinationNamespace: string;
  /**
   * API server of the destination cluster. Every cluster runs its own Argo CD, so the default is in-cluster.
   * @default 'https://kubernetes.default.svc'
   */
  readonly destinationServer?: string;
  /** true: automated sync with prune and selfHeal; false: manual sync (a human presses Sync). */
  readonly automated: boolean;
  /** Added to FIRST_SYNC_OPTION, which every Application carries. @default [] */
  readonly syncOptions?: readonly string[];
  /** @default none */
  readonly ignoreDifferences?: readonly ArgoIgnoreDifference[];
  /**
   * Deleting the Application deletes what it deployed (Argo CD's resources finalizer). Turn it off where a
   * cascade would be destructive: the root of the app of apps, Argo CD's own Application.
   * @default true
   */
  readonly cascadeDelete?: boolean;
}

/**
 * Sync option every Application carries. Argo CD dry-runs every object of an Application before applying the
 * first wave, and a kind whose CRD is not installed yet fails the whole sync ("failed to discover server
 * resources"), so an area holding custom resources of a chart its own earlier wave (or a sibling area)
 * installs could never sync for the first time. Skipping the dry run for kinds not yet known lets the waves
 * install the CRDs first; the apply itself still fails (and retries) if a CRD never arrives.
 */
export const FIRST_SYNC_OPTION = 'SkipDryRunOnMissingResource=true';

/** Retry with exponential backoff: 5 attempts, 10 s doubling up to 5 min, for every Application. */
export const ARGO_SYNC_RETRY = {
  limit: 5,
  backoff: { duration: '10s', factor: 2, maxDuration: '5m' },
} as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function isHelmSource(source: ArgoSource): source is ArgoHelmSource {
  return 'chart' in source;
}

/** Renders an `argoproj.io/v1alpha1` Application in the `argocd` namespace. */
export class ArgoApplication extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoApplicationProps) {
    super(scope, id);
    if (!DNS_LABEL.test(props.name)) {
      throw new Error(
        `ArgoApplication "${props.name}": name must be a lowercase DNS label (a-z, 0-9, '-', at most 63 characters); rename it.`,
      );
    }
    if (!DNS_LABEL.test(props.project)) {
      throw new Error(`ArgoApplication "${props.name}": project "${props.project}" is not a lowercase DNS label.`);
    }
    if (props.source.targetRevision.trim() === '' || props.source.targetRevision === 'latest') {
      throw new Error(
        `ArgoApplication "${props.name}": source.targetRevision must be pinned (a branch, tag or chart version), got "${props.source.targetRevision}".`,
      );
    }
    if (!isHelmSource(props.source) && (props.source.path.startsWith('/') || props.source.path.endsWith('/'))) {
      throw new Error(
        `ArgoApplication "${props.name}": source.path "${props.source.path}" must be relative without leading or trailing '/'.`,
      );
    }

    const source = isHelmSource(props.source)
      ? {
          repoURL: props.source.repoURL,
          chart: props.source.chart,
          targetRevision: props.source.targetRevision,
          helm: {
            releaseName: props.source.helm.releaseName ?? props.name,
            valuesObject: props.source.helm.valuesObject,
          },
        }
      : {
          repoURL: props.source.repoURL,
          path: props.source.path,
          targetRevision: props.source.targetRevision,
          ...(props.source.directory ? { directory: { ...props.source.directory } } : {}),
        };

    const syncPolicy: Record<string, unknown> = { retry: ARGO_SYNC_RETRY };
    if (props.automated) syncPolicy.automated = { prune: true, selfHeal: true };
    syncPolicy.syncOptions = [...new Set([...(props.syncOptions ?? []), FIRST_SYNC_OPTION])].sort();

    const spec: Record<string, unknown> = {
      project: props.project,
      source,
      destination: {
        server: props.destinationServer ?? 'https://kubernetes.default.svc',
        namespace: props.destinationNamespace,
      },
      syncPolicy,
    };
    if (props.ignoreDifferences && props.ignoreDifferences.length > 0) {
      spec.ignoreDifferences = props.ignoreDifferences.map((rule) => ({ ...rule }));
    }

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: NAMESPACES.argocd,
        // Deleting the Application deletes what it deployed (cascading delete), so a removed area is pruned.
        ...(props.cascadeDelete === false ? {} : { finalizers: ['resources-finalizer.argocd.argoproj.io/foreground'] }),
      },
      spec,
    });
  }
}
