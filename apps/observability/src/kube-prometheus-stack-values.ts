// Values for kube-prometheus-stack: Prometheus, Alertmanager, Grafana, node-exporter and kube-state-metrics
// (the exporters the alert rules and dashboards query). Prometheus picks up every PrometheusRule and
// ServiceMonitor in the cluster, Alertmanager takes its whole routing from our AlertmanagerConfig, and
// Grafana's admin login and dashboards come from Secrets/ConfigMaps it only references.
import type { Cloud, ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';
import { GRAFANA_DASHBOARD_LABEL, GRAFANA_FOLDER_ANNOTATION } from '@go-coffee/observability-constructs';
import type { MonitoringProfile } from './monitoring-profile';

/** Names shared between the chart values and the objects this area renders next to the chart. */
export const MONITORING_NAMES = {
  release: 'kube-prometheus-stack',
  alertRouting: 'go-coffee-alert-routing',
  grafanaAdminSecret: 'grafana-admin',
  notificationSecret: 'alertmanager-notifications',
  lokiRelease: 'loki',
  tempoRelease: 'tempo',
} as const;

/**
 * Control-plane components the cloud runs out of reach of in-cluster Prometheus, per cloud: EKS, GKE and AKS
 * expose no controller-manager, scheduler or etcd endpoints, and their kube-proxy serves metrics on 127.0.0.1
 * (GKE Dataplane V2 has none). Scraping them only yields KubeControllerManagerDown, KubeSchedulerDown,
 * etcdMembersDown and KubeProxyDown forever, so both the scrape (ServiceMonitor) and the chart's rules for them
 * are off. Values: the chart's component switch and the `defaultRules.rules` keys gating that component's rules.
 */
export const UNREACHABLE_CONTROL_PLANE: Readonly<
  Record<Cloud, readonly { component: string; rules: readonly string[] }[]>
> = Object.fromEntries(
  (['aws', 'gcp', 'azure'] as const).map((cloud) => [
    cloud,
    [
      { component: 'kubeControllerManager', rules: ['kubeControllerManager'] },
      { component: 'kubeEtcd', rules: ['etcd'] },
      { component: 'kubeProxy', rules: ['kubeProxy'] },
      { component: 'kubeScheduler', rules: ['kubeSchedulerAlerting', 'kubeSchedulerRecording'] },
    ],
  ]),
) as Record<Cloud, { component: string; rules: string[] }[]>;

function volumeClaim(storageClass: string, sizeGi: number): Record<string, unknown> {
  return {
    volumeClaimTemplate: {
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: `${sizeGi}Gi` } },
        storageClassName: storageClass,
      },
    },
  };
}

export function kubePrometheusStackValues(ctx: ClusterContext, profile: MonitoringProfile): Record<string, unknown> {
  const monitoring = NAMESPACES.monitoring;
  const unreachable = UNREACHABLE_CONTROL_PLANE[ctx.cloud];
  return {
    ...Object.fromEntries(unreachable.map(({ component }) => [component, { enabled: false }])),
    alertmanager: {
      alertmanagerSpec: {
        // The AlertmanagerConfig becomes Alertmanager's global config, so its routes are not limited to
        // alerts from the monitoring namespace.
        alertmanagerConfiguration: { name: MONITORING_NAMES.alertRouting },
        replicas: profile.alertmanager.replicas,
        retention: profile.alertmanager.retention,
        storage: volumeClaim(ctx.storageClass, profile.alertmanager.storageGi),
      },
    },
    crds: { enabled: true },
    defaultRules: {
      rules: Object.fromEntries(unreachable.flatMap(({ rules }) => rules.map((rule) => [rule, false]))),
    },
    fullnameOverride: MONITORING_NAMES.release,
    grafana: {
      additionalDataSources: [
        {
          access: 'proxy',
          name: 'Loki',
          type: 'loki',
          uid: 'loki',
          url: `http://${MONITORING_NAMES.lokiRelease}-gateway.${monitoring}.svc.cluster.local`,
        },
        {
          access: 'proxy',
          name: 'Tempo',
          type: 'tempo',
          uid: 'tempo',
          url: `http://${MONITORING_NAMES.tempoRelease}.${monitoring}.svc.cluster.local:3100`,
        },
      ],
      admin: {
        existingSecret: MONITORING_NAMES.grafanaAdminSecret,
        passwordKey: 'admin-password',
        userKey: 'admin-user',
      },
      // Grafana keeps users, sessions and annotations in SQLite inside the pod; several replicas would each
      // have their own (logins bounce between them). Everything that matters is provisioned (dashboards from
      // ConfigMaps, data sources, admin from a Secret), so one replica without a volume loses nothing on a
      // restart but sessions. Running more needs a shared database (`grafana.ini` database), not SQLite.
      persistence: { enabled: false },
      replicas: profile.grafana.replicas,
      sidecar: {
        dashboards: {
          enabled: true,
          folderAnnotation: GRAFANA_FOLDER_ANNOTATION,
          label: Object.keys(GRAFANA_DASHBOARD_LABEL)[0],
          labelValue: Object.values(GRAFANA_DASHBOARD_LABEL)[0],
          provider: { foldersFromFilesStructure: true },
          searchNamespace: monitoring,
        },
      },
    },
    prometheus: {
      prometheusSpec: {
        externalLabels: { cloud: ctx.cloud, cluster: ctx.name, environment: ctx.environment, region: ctx.region },
        podMonitorSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        replicas: profile.prometheus.replicas,
        resources: {
          limits: { memory: profile.prometheus.memoryLimit },
          requests: { cpu: profile.prometheus.cpuRequest, memory: profile.prometheus.memoryRequest },
        },
        retention: profile.prometheus.retention,
        // Keep 15 % of the volume free so compaction never fills the disk before retention deletes blocks.
        retentionSize: `${Math.floor(profile.prometheus.storageGi * 0.85)}GB`,
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
        storageSpec: volumeClaim(ctx.storageClass, profile.prometheus.storageGi),
      },
    },
  };
}
