// The one place that orders a cluster's sync: Argo CD applies lower waves first and waits for them to be
// healthy. Nothing else sets argocd.argoproj.io/sync-wave; areas never set it by hand.
//   -3 namespaces, CRDs, AppProjects        (things everything else lives in or is typed by)
//   -2 operators: Applications of upstream charts, RBAC, service accounts, quotas, storage classes
//   -1 operator-owned and config resources: secret stores, certificate issuers, ExternalSecrets, ConfigMaps,
//      Kafka/Postgres/Redis CRs
//    0 everything not listed (Services, NetworkPolicies, monitoring CRs, ...)
//    1 workloads: Deployments, StatefulSets, Jobs, and what scales or exposes them
// Child Applications of the app of apps are ordered by area instead, each area declaring its wave (render-area.ts):
// platform -3, then data and observability -2 (the operators and CRDs), then every workload area 0, one last wave. Argo CD waits for an Application of
// one wave to be Healthy before the next (the Application health check in Argo CD's argocd-cm); the root's
// last wave is not waited on, so one unhealthy workload area never keeps the root from creating or updating
// the others. The workload areas do not need each other's objects, only the operators' CRDs.

const WAVE_BY_KIND: Readonly<Record<string, number>> = {
  Namespace: -3,
  CustomResourceDefinition: -3,
  AppProject: -3,
  Application: -2,
  ClusterRole: -2,
  ClusterRoleBinding: -2,
  Role: -2,
  RoleBinding: -2,
  ServiceAccount: -2,
  ResourceQuota: -2,
  LimitRange: -2,
  PriorityClass: -2,
  StorageClass: -2,
  ClusterSecretStore: -1,
  ClusterIssuer: -1,
  SecretStore: -1,
  ExternalSecret: -1,
  ConfigMap: -1,
  Kafka: -1,
  KafkaNodePool: -1,
  KafkaTopic: -1,
  Cluster: -1,
  RedisFailover: -1,
  Redis: -1,
  Deployment: 1,
  StatefulSet: 1,
  DaemonSet: 1,
  Job: 1,
  CronJob: 1,
  HorizontalPodAutoscaler: 1,
  PodDisruptionBudget: 1,
  ScaledObject: 1,
  Ingress: 1,
};

export interface SyncWaveSubject {
  readonly kind: string;
  /** Set for the app of apps' child Applications: the wave their area declares (AreaLayout.childApplicationWave). */
  readonly childApplicationWave?: number;
}

/** Sync wave of one object; see the table at the top of this file. */
export function syncWaveFor(subject: SyncWaveSubject): number {
  if (subject.kind === 'Application' && subject.childApplicationWave !== undefined) return subject.childApplicationWave;
  return WAVE_BY_KIND[subject.kind] ?? 0;
}
