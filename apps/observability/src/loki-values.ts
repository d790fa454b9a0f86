// Values for Grafana Loki. Dev runs one SingleBinary pod with chunks on a volume; staging and prod run the
// SimpleScalable mode (read/write/backend) with chunks in the cloud's object storage, reached through the
// cluster's workload identity. Buckets are created by the cloud foundation (outside this repository) with
// the names computed here.
import type { ClusterContext } from '@go-coffee/environments';
import {
  objectStorageIdentity,
  workloadIdentityAnnotations,
  workloadIdentityPodLabels,
} from '@go-coffee/workload-constructs';
import type { MonitoringProfile } from './monitoring-profile';

/** Object storage bucket (or Azure container) of one cluster's logs. */
export function lokiBucketName(ctx: ClusterContext): string {
  return `go-coffee-${ctx.name}-loki`;
}

/** Azure storage account of the cluster: 3–24 lowercase letters and digits. */
export function azureStorageAccountName(ctx: ClusterContext): string {
  return `gocoffee${ctx.environment}${ctx.region}`.replace(/[^a-z0-9]/g, '').slice(0, 24);
}

function objectStorage(ctx: ClusterContext): { type: 's3' | 'gcs' | 'azure'; settings: Record<string, unknown> } {
  switch (ctx.cloud) {
    case 'aws':
      return { type: 's3', settings: { s3: { region: ctx.region } } };
    case 'gcp':
      return { type: 'gcs', settings: {} };
    case 'azure':
      return {
        type: 'azure',
        settings: { azure: { accountName: azureStorageAccountName(ctx), useFederatedToken: true } },
      };
  }
}

export function lokiValues(ctx: ClusterContext, profile: MonitoringProfile): Record<string, unknown> {
  const single = profile.loki.deploymentMode === 'SingleBinary';
  const store = single ? { type: 'filesystem' as const, settings: {} } : objectStorage(ctx);
  const bucket = lokiBucketName(ctx);
  const persistence = { persistence: { size: `${profile.loki.storageGi}Gi`, storageClass: ctx.storageClass } };
  const podLabels = workloadIdentityPodLabels(ctx);
  // In SingleBinary mode the chart still templates read/write/backend; zero replicas switches them off.
  const scalableTarget = () => ({
    replicas: single ? 0 : profile.loki.replicas,
    ...(single ? {} : persistence),
    ...(single || Object.keys(podLabels).length === 0 ? {} : { podLabels }),
  });

  return {
    backend: scalableTarget(),
    // The caches are memcached StatefulSets sized for large installs by default; this stack is small.
    chunksCache: { allocatedMemory: 1024, enabled: !single },
    deploymentMode: profile.loki.deploymentMode,
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: profile.loki.replicationFactor },
      compactor: { delete_request_store: store.type, retention_enabled: true },
      limits_config: { retention_period: profile.loki.retention },
      schemaConfig: {
        configs: [
          {
            from: '2025-01-01',
            index: { period: '24h', prefix: 'loki_index_' },
            object_store: store.type,
            schema: 'v13',
            store: 'tsdb',
          },
        ],
      },
      storage: {
        ...(single ? {} : { bucketNames: { admin: bucket, chunks: bucket, ruler: bucket } }),
        ...store.settings,
        type: store.type,
      },
    },
    lokiCanary: { enabled: false },
    minio: { enabled: false },
    read: scalableTarget(),
    resultsCache: { allocatedMemory: 256, enabled: !single },
    serviceAccount: {
      annotations: single ? {} : workloadIdentityAnnotations(ctx, objectStorageIdentity(ctx)),
      create: true,
    },
    singleBinary: { replicas: single ? 1 : 0, ...(single ? persistence : {}) },
    test: { enabled: false },
    write: scalableTarget(),
  };
}
