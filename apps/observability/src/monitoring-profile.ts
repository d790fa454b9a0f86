// How big and how durable the monitoring stack is in one cluster: retention follows the environment (how far
// back people look), replicas follow the environment (prod is HA), storage and memory follow the cluster's
// sizing profile. Every value of the charts that varies per cluster is derived here and nowhere else.
import type { ClusterContext, EnvironmentName, SizingProfileName } from '@go-coffee/environments';

export interface MonitoringProfile {
  readonly prometheus: {
    readonly replicas: number;
    readonly retention: string;
    readonly storageGi: number;
    readonly memoryRequest: string;
    readonly memoryLimit: string;
    readonly cpuRequest: string;
  };
  readonly alertmanager: { readonly replicas: number; readonly retention: string; readonly storageGi: number };
  readonly grafana: { readonly replicas: number };
  readonly loki: {
    /** SingleBinary keeps chunks on a volume (dev); SimpleScalable keeps them in the cloud's object storage. */
    readonly deploymentMode: 'SingleBinary' | 'SimpleScalable';
    readonly replicas: number;
    readonly replicationFactor: number;
    readonly retention: string;
    readonly storageGi: number;
  };
  readonly tempo: { readonly retention: string; readonly storageGi: number };
}

const RETENTION: Record<EnvironmentName, { metrics: string; alerts: string; logs: string; traces: string }> = {
  dev: { metrics: '2d', alerts: '24h', logs: '72h', traces: '24h' },
  staging: { metrics: '7d', alerts: '72h', logs: '168h', traces: '72h' },
  prod: { metrics: '30d', alerts: '120h', logs: '720h', traces: '336h' },
};

const REPLICAS: Record<EnvironmentName, { prometheus: number; alertmanager: number; grafana: number; loki: number }> = {
  dev: { prometheus: 1, alertmanager: 1, grafana: 1, loki: 1 },
  staging: { prometheus: 1, alertmanager: 1, grafana: 1, loki: 2 },
  // Alertmanager needs 3 peers for its gossip to survive one loss; Loki needs 3 writers for replication 3.
  // Grafana stays at one: its state is SQLite in the pod (see kube-prometheus-stack-values.ts).
  prod: { prometheus: 2, alertmanager: 3, grafana: 1, loki: 3 },
};

const STORAGE_GI: Record<SizingProfileName, { prometheus: number; loki: number; tempo: number }> = {
  small: { prometheus: 20, loki: 10, tempo: 10 },
  medium: { prometheus: 50, loki: 30, tempo: 20 },
  large: { prometheus: 150, loki: 50, tempo: 50 },
};

const PROMETHEUS_RESOURCES: Record<SizingProfileName, { cpu: string; memoryRequest: string; memoryLimit: string }> = {
  small: { cpu: '250m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
  medium: { cpu: '500m', memoryRequest: '2Gi', memoryLimit: '4Gi' },
  large: { cpu: '1', memoryRequest: '6Gi', memoryLimit: '12Gi' },
};

/** The monitoring profile of one cluster. */
export function monitoringProfile(ctx: ClusterContext): MonitoringProfile {
  const retention = RETENTION[ctx.environment];
  const replicas = REPLICAS[ctx.environment];
  const storage = STORAGE_GI[ctx.sizing.name];
  const resources = PROMETHEUS_RESOURCES[ctx.sizing.name];
  const lokiScalable = ctx.environment !== 'dev';
  return {
    prometheus: {
      replicas: replicas.prometheus,
      retention: retention.metrics,
      storageGi: storage.prometheus,
      memoryRequest: resources.memoryRequest,
      memoryLimit: resources.memoryLimit,
      cpuRequest: resources.cpu,
    },
    alertmanager: { replicas: replicas.alertmanager, retention: retention.alerts, storageGi: 2 },
    grafana: { replicas: replicas.grafana },
    loki: {
      deploymentMode: lokiScalable ? 'SimpleScalable' : 'SingleBinary',
      replicas: replicas.loki,
      replicationFactor: ctx.environment === 'prod' ? 3 : 1,
      retention: retention.logs,
      storageGi: storage.loki,
    },
    tempo: { retention: retention.traces, storageGi: storage.tempo },
  };
}
