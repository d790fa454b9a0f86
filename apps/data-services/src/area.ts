// What the data-services area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration } from '@go-coffee/render-kit';

export const dataServicesDeclaration: AreaDeclaration = {
  name: 'data-services',
  namespace: 'go-coffee-data',
  // With observability, after the platform and before the workloads: the operators and their CRDs.
  syncWave: -2,
  project: {
    description: 'Kafka, Postgres and Redis: operators in dev, ExternalSecrets to managed services elsewhere.',
    // Client ExternalSecrets live beside the services that read them; the secret store's service account in argocd.
    namespaces: ['go-coffee-data', 'go-coffee', 'go-coffee-functions', 'argocd'],
    clusterScoped: true,
  },
};
