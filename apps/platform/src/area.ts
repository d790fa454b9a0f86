// What the platform area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration, UpstreamChart } from '@go-coffee/render-kit';

/** Argo CD's own chart (app-of-apps.ts keeps Argo CD in sync from it), pinned exactly. */
export const platformCharts = {
  argoCd: {
    repoURL: 'https://argoproj.github.io/argo-helm',
    chart: 'argo-cd',
    version: '8.0.0',
    customResourceGroups: ['argoproj.io'],
  },
} as const satisfies Record<string, UpstreamChart>;

export const platformDeclaration: AreaDeclaration = {
  name: 'platform',
  namespace: 'argocd',
  // First: the namespaces, AppProjects and Argo CD itself, which everything else lives in.
  syncWave: -3,
  // Its render also writes the app of apps' root Application and Argo CD's own Application.
  applications: ['root', 'argo-cd'],
  project: {
    description: 'Namespaces, Argo CD itself, the app of apps and cluster-wide operators.',
    // Every namespace, the operators' own (external-secrets, keda, cert-manager) included.
    namespaces: ['*'],
    clusterScoped: true,
  },
  charts: platformCharts,
};
