// Contract between the render engine and the cdk8s apps under apps/. An area is one folder, apps/<name>/, and
// declares its own facts (AreaDeclaration, in apps/<name>/src/area.ts): the namespace its Applications deploy
// into, its child Application's sync wave, the files it carves out for Applications of their own, its AppProject
// and the upstream Helm charts it installs. The engine derives every table it needs (application-layout.ts) from
// the declarations it loads and never names an area or a chart itself. The area's entry module exports one
// RenderArea, its declaration plus `render`; the engine creates one cdk8s Chart per (cluster, area), calls render, adds the area's child Applications, then sets
// ownership labels, the Argo CD tracking annotation and sync waves on every object in one place. Apps never set
// those. Declarations import types only, so Nx (tools/nx-plugin) reads them without loading any app's code.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { AreaLayout } from './application-layout';
import type { UpstreamChart } from './upstream-charts';

/** Files of an area's folder that an Application of their own deploys (e.g. to sync them by hand in prod). */
export interface CarveOutDeclaration {
  /** Name of the Application owning the matching files. */
  readonly application: string;
  /** Argo CD `directory.include` glob, relative to the area folder (`*` and `?` only), e.g. `*web3-payment-service*`. */
  readonly fileGlob: string;
  /**
   * Sync wave of the carved-out Application in the app of apps.
   * @default the area's syncWave
   */
  readonly syncWave?: number;
}

/** The Argo CD AppProject of an area; the platform area renders one per declared area. */
export interface AppProjectDeclaration {
  /** One sentence for `spec.description`. */
  readonly description: string;
  /**
   * Namespaces the project's Applications may deploy into; `['*']` for every namespace.
   * @default the area's namespace only
   */
  readonly namespaces?: readonly string[];
  /**
   * Whether the project may create cluster-scoped objects and namespace quotas, limits and RBAC (operators and
   * CRDs need it); workload projects must not grant themselves more rights or quota.
   * @default false
   */
  readonly clusterScoped?: boolean;
}

/** What an area declares about itself; the engine's tables are derived from these. */
export interface AreaDeclaration {
  /** Folder name under apps/ and gitops/<cluster>/, the Nx project and the child Application, e.g. `core-services`. */
  readonly name: string;
  /** Default destination namespace of the area's Applications (Argo CD also writes it into cluster-scoped tracking ids). */
  readonly namespace: string;
  /**
   * Wave of the area's child Application in the app of apps (sync-waves.ts explains the order): -3 the platform,
   * -2 operators and CRDs, 0 workloads. Required: an area without a wave is an error, never a silent default.
   */
  readonly syncWave: number;
  /**
   * The area's AppProject (named like the area).
   * @default a project deploying only into the area's namespace, no cluster-scoped objects
   */
  readonly project?: AppProjectDeclaration;
  /**
   * Files of the area's folder owned by Applications of their own.
   * @default none
   */
  readonly carveOuts?: readonly CarveOutDeclaration[];
  /**
   * Further Applications of the app of apps that this area's `renderApplications` writes (the platform: the root
   * Application and Argo CD's own).
   * @default none
   */
  readonly applications?: readonly string[];
  /**
   * Upstream Helm charts whose Applications this area's render writes, by a name the area's code uses (e.g.
   * `keda`). The AppProjects trust their repositories and first syncs wait for the charts of custom resources'
   * groups (AreaLayout derives both).
   * @default none
   */
  readonly charts?: Readonly<Record<string, UpstreamChart>>;
}

export interface RenderArea extends AreaDeclaration {
  /**
   * Adds this area's objects for one cluster to the chart. Must be deterministic. The engine always passes
   * `layout`, every declared area of the workspace (the platform renders their namespaces and AppProjects from
   * it); an area that does not need it may leave the parameter out.
   */
  render(chart: Chart, ctx: ClusterContext, layout?: AreaLayout): void;
  /**
   * Adds the Applications this area declares in `applications`; they are written to `gitops/<cluster>/applications/`
   * and owned by the root Application.
   * @default none
   */
  renderApplications?(chart: Chart, ctx: ClusterContext, layout: AreaLayout): void;
}

/** Namespaces the areas share by name (an area refers to another's namespace through these, never by import). */
export const NAMESPACES = {
  core: 'go-coffee',
  functions: 'go-coffee-functions',
  data: 'go-coffee-data',
  monitoring: 'monitoring',
  argocd: 'argocd',
} as const;
