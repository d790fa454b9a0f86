// What the platform area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration } from '@go-coffee/render-kit';

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
};
