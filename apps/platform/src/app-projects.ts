// One Argo CD AppProject per area. Workload projects may only touch their own namespaces and no
// cluster-scoped kinds; platform, data and observability install operators and CRDs, so they may.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fleetSpokeDestinations } from './fleet-root-application-set';
import type { ClusterContext } from '@go-coffee/environments';
import { chartRepositoriesOf, NAMESPACES } from '@go-coffee/render-kit';

interface ProjectSpec {
  readonly name: string;
  readonly description: string;
  readonly namespaces: readonly string[];
  readonly clusterScoped: boolean;
}

export const APP_PROJECTS: readonly ProjectSpec[] = [
  {
    name: 'platform',
    description: 'Namespaces, Argo CD itself, the app of apps and cluster-wide operators.',
    // Every namespace, the operators' own (external-secrets, keda, cert-manager) included.
    namespaces: ['*'],
    clusterScoped: true,
  },
  {
    name: 'data-services',
    description: 'Kafka, Postgres and Redis: operators in dev, ExternalSecrets to managed services elsewhere.',
    namespaces: [NAMESPACES.data, NAMESPACES.core, NAMESPACES.functions, NAMESPACES.argocd],
    clusterScoped: true,
  },
  {
    name: 'observability',
    description: 'Metrics, logs, traces, alerts and dashboards.',
    namespaces: [NAMESPACES.monitoring, 'kube-system', NAMESPACES.argocd],
    clusterScoped: true,
  },
  {
    name: 'core-services',
    description: 'API gateway and the Go Coffee services behind it.',
    namespaces: [NAMESPACES.core],
    clusterScoped: false,
  },
  {
    name: 'event-functions',
    description: 'Event functions scaled by KEDA on Kafka lag.',
    // KafkaTopics (topics as code) live beside the Strimzi cluster in the data namespace.
    namespaces: [NAMESPACES.functions, NAMESPACES.data],
    clusterScoped: false,
  },
];

export interface AppProjectsProps {
  readonly ctx: ClusterContext;
}

export class AppProjects extends Construct {
  constructor(scope: Construct, id: string, props: AppProjectsProps) {
    super(scope, id);
    for (const project of APP_PROJECTS) {
      new ApiObject(this, project.name, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: project.name, namespace: NAMESPACES.argocd },
        spec: {
          description: project.description,
          // The catalog's charts of this project, from the cluster's chart mirror when it has one.
          sourceRepos: [props.ctx.gitops.repoURL, ...chartRepositoriesOf(project.name, props.ctx)],
          destinations: [
            ...project.namespaces.map((namespace) => ({ server: 'https://kubernetes.default.svc', namespace })),
            ...fleetSpokeDestinations(project.name, props.ctx),
          ],
          clusterResourceWhitelist: project.clusterScoped ? [{ group: '*', kind: '*' }] : [],
          // Workload projects must not grant themselves more rights or quota.
          namespaceResourceBlacklist: project.clusterScoped
            ? []
            : [
                { group: '', kind: 'ResourceQuota' },
                { group: '', kind: 'LimitRange' },
                { group: 'rbac.authorization.k8s.io', kind: 'Role' },
                { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
              ],
        },
      });
    }
  }
}
