// Values for Grafana Tempo (single binary): receives OTLP traces from the services and keeps them on a
// volume of the cloud's storage class for the environment's retention.
import type { ClusterContext } from '@go-coffee/environments';
import type { MonitoringProfile } from './monitoring-profile';

export function tempoValues(ctx: ClusterContext, profile: MonitoringProfile): Record<string, unknown> {
  return {
    persistence: { enabled: true, size: `${profile.tempo.storageGi}Gi`, storageClassName: ctx.storageClass },
    replicas: 1,
    serviceMonitor: { enabled: true },
    tempo: {
      receivers: {
        otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      },
      retention: profile.tempo.retention,
      storage: { trace: { backend: 'local', local: { path: '/var/tempo/traces' }, wal: { path: '/var/tempo/wal' } } },
    },
  };
}
