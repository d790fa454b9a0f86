// Everything one core service needs in a cluster: ServiceAccount with the cloud identity, ConfigMap,
// ExternalSecret, hardened Deployment, Service, HPA, PDB (when replicated), NetworkPolicy and ServiceMonitor.
// Every object is named after the service so a service's files are recognisable (and web3 payments can be
// synced by their own Application).
import { createHash } from 'node:crypto';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import {
  CLOUD_SECRET_STORE,
  cloudIdentityPodLabels,
  dataServiceEnvironmentSources,
  ExternalSecret,
  HardenedDeployment,
  secretManagerKey,
  selectorLabels,
  ServiceMonitor,
  WorkloadDisruptionBudget,
  workloadLabels,
  WorkloadNetworkPolicy,
  WorkloadServiceAccount,
} from '@go-coffee/workload-constructs';
import type { ConfigFileMount, NetworkRule } from '@go-coffee/workload-constructs';
import type { CoreServiceSpec } from './core-service-catalog';

/** Extra files mounted into the service (the gateway's routes). */
export interface CoreServiceFiles {
  readonly mountPath: string;
  /** File name → content, rendered into a `<service>-files` ConfigMap. */
  readonly files: Readonly<Record<string, string>>;
}

export interface CoreServiceProps {
  readonly spec: CoreServiceSpec;
  readonly ctx: ClusterContext;
  readonly namespace: string;
  readonly ingress: readonly NetworkRule[];
  readonly egress: readonly NetworkRule[];
  /**
   * @default no extra files
   */
  readonly files?: CoreServiceFiles;
}

/** Sorted copy of a string map, so ConfigMap data and its hash do not depend on insertion order. */
function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]!]),
  );
}

export class CoreService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: CoreServiceProps) {
    super(scope, id);
    const { spec, ctx, namespace } = props;
    const workload = {
      name: spec.name,
      component: spec.component,
      owner: spec.owner,
      dataClassification: spec.dataClassification,
    };
    const labels = workloadLabels(workload);
    const metadata = (name: string) => ({ name, namespace, labels });

    const account = new WorkloadServiceAccount(this, 'ServiceAccount', {
      workload,
      namespace,
      cloud: ctx.cloud,
      identity: ctx.identity,
      clusterName: ctx.name,
    });

    const settings = sorted({
      APP_ENV: ctx.environment,
      CLOUD: ctx.cloud,
      CLUSTER_NAME: ctx.name,
      LOG_FORMAT: 'json',
      ...spec.settings(ctx),
    });
    const configName = `${spec.name}-config`;
    new kplus.ConfigMap(this, 'Config', { metadata: metadata(configName), data: settings });

    const configFiles: ConfigFileMount[] = [];
    let files: Record<string, string> = {};
    if (props.files !== undefined) {
      files = sorted(props.files.files);
      const filesName = `${spec.name}-files`;
      new kplus.ConfigMap(this, 'Files', { metadata: metadata(filesName), data: files });
      configFiles.push({ configMapName: filesName, mountPath: props.files.mountPath });
    }

    const dataSources = dataServiceEnvironmentSources(ctx, spec.dataServices);
    const envFromSecrets: string[] = [...dataSources.secrets];
    if (spec.secretKeys.length > 0) {
      const secret = new ExternalSecret(this, 'Secrets', {
        name: spec.name,
        namespace,
        labels,
        secretStoreName: CLOUD_SECRET_STORE,
        targetSecretName: `${spec.name}-secrets`,
        // One remote secret per service and environment; each variable is one property of it.
        data: spec.secretKeys.map((key) => ({
          secretKey: key,
          remoteKey: secretManagerKey(ctx, spec.name),
          property: key.toLowerCase().replaceAll('_', '-'),
        })),
      });
      envFromSecrets.push(secret.secretName);
    }

    // Settings are read once at start, so a change must roll the pods: the hash makes that a template change.
    const configHash = createHash('sha256').update(JSON.stringify({ settings, files })).digest('hex').slice(0, 16);
    const deployment = new HardenedDeployment(this, 'Deployment', {
      workload,
      namespace,
      image: ctx.images[spec.name],
      ports: spec.ports,
      liveness: spec.liveness,
      readiness: spec.readiness,
      resources: spec.resources,
      resourceScale: ctx.sizing.resourceScale,
      serviceAccountName: account.name,
      // The service's own settings come last so they win over a shared key.
      envFromConfigMaps: [...dataSources.configMaps, configName],
      envFromSecrets,
      configFiles,
      podLabels: cloudIdentityPodLabels(ctx.cloud),
      podAnnotations: { 'go-coffee.io/config-hash': configHash },
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata: metadata(spec.name),
      type: kplus.ServiceType.CLUSTER_IP,
      ports: spec.ports.map((port) => ({
        name: port.name,
        port: port.port,
        targetPort: port.port,
        protocol: kplus.Protocol.TCP,
      })),
    });
    for (const [key, value] of Object.entries(selectorLabels(workload))) {
      this.service.selectLabel(key, value);
    }

    new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
      metadata: metadata(spec.name),
      target: deployment.deployment,
      minReplicas: ctx.sizing.minReplicas,
      maxReplicas: ctx.sizing.maxReplicas,
      metrics: [
        kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70)),
        kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(80)),
      ],
    });
    if (ctx.sizing.minReplicas > 1) {
      new WorkloadDisruptionBudget(this, 'DisruptionBudget', {
        workload,
        namespace,
        minReplicas: ctx.sizing.minReplicas,
      });
    }

    new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      workload,
      namespace,
      ingress: props.ingress,
      egress: props.egress,
    });
    new ServiceMonitor(this, 'ServiceMonitor', {
      name: spec.name,
      namespace,
      labels,
      selector: selectorLabels(workload),
      endpoints: [{ port: spec.metricsPort }],
    });
  }
}
