// What the observability area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration } from '@go-coffee/render-kit';

export const observabilityDeclaration: AreaDeclaration = {
  name: 'observability',
  namespace: 'monitoring',
  // With data-services, after the platform and before the workloads: the monitoring CRDs workloads' monitors need.
  syncWave: -2,
  project: {
    description: 'Metrics, logs, traces, alerts and dashboards.',
    namespaces: ['monitoring', 'kube-system', 'argocd'],
    clusterScoped: true,
  },
};
