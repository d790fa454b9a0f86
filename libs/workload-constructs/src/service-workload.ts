// The skeleton every long-running Go Coffee workload shares: a ServiceAccount bound to the cloud identity, a
// `<name>-config` settings ConfigMap (and optional mounted files), the cloud secret as an ExternalSecret, a
// HardenedDeployment that rolls when its settings change (config hash), a ClusterIP Service with its
// ServiceMonitor, and a NetworkPolicy that opens the data services it uses and, when asked, the internet on 443
// (never the private ranges nor the cloud metadata endpoint). Replicas (HPA, KEDA) stay with the caller.
import { createHash } from 'node:crypto';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import {
  CLOUD_SECRET_STORE,
  dataServiceEgress,
  dataServiceEnvironmentSources,
  PRIVATE_RANGES,
  type DataService,
} from './data-service-endpoints';
import { ExternalSecret } from './external-secret';
import { HardenedDeployment, type HardenedDeploymentProps, type NamedPort } from './hardened-deployment';
import { secretManagerKey } from './secret-manager-key';
import { ServiceMonitor } from './service-monitor';
import { cloudIdentityPodLabels } from './workload-service-account';
import { selectorLabels, workloadLabels, type WorkloadIdentityLabels } from './workload-labels';
import { WorkloadNetworkPolicy, type NetworkRule } from './workload-network-policy';
import { WorkloadServiceAccount } from './workload-service-account';

/** Link-local cloud metadata endpoint: workloads use workload identity, never node credentials. */
export const METADATA_ENDPOINT = '169.254.169.254/32';

/** Pod annotation whose value changes with the workload's settings and files, so a change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'go-coffee.io/config-hash';

/** HTTPS to public addresses only: not the cluster's private network, not the metadata endpoint. */
export const INTERNET_EGRESS: NetworkRule = {
  peer: { cidr: '0.0.0.0/0', except: [...PRIVATE_RANGES, METADATA_ENDPOINT] },
  ports: [{ port: 443 }],
};

/** Files mounted into the workload from their own ConfigMap. */
export interface ServiceWorkloadFiles {
  /** ConfigMap name, e.g. `<name>-files`. */
  readonly configMapName: string;
  readonly mountPath: string;
  /** File name → content. */
  readonly files: Readonly<Record<string, string>>;
}

export interface ServiceWorkloadProps {
  readonly workload: WorkloadIdentityLabels;
  readonly namespace: string;
  readonly ctx: ClusterContext;
  /** Container ports; the Service exposes each one under the same name. */
  readonly ports: readonly NamedPort[];
  /** Name of the port Prometheus scrapes. */
  readonly metricsPort: string;
  /** The `<name>-config` ConfigMap, read as environment; its keys are written sorted. */
  readonly settings: Readonly<Record<string, string>>;
  /** @default no mounted files */
  readonly files?: ServiceWorkloadFiles;
  /**
   * Variables read from the workload's secret in the cloud secret manager, one property each
   * (`DATABASE_URL` → `database-url`), through the `<name>-secrets` ExternalSecret.
   * @default no secret
   */
  readonly secretKeys?: readonly string[];
  /** Data services the workload dials: their settings as environment, their addresses as egress. In this order. */
  readonly dataServices: readonly DataService[];
  readonly dataNamespace: string;
  /** @default false */
  readonly callsInternet?: boolean;
  readonly ingress: readonly NetworkRule[];
  /** Egress besides the data services and the internet (e.g. other workloads). @default [] */
  readonly egress?: readonly NetworkRule[];
  /** Image, probes, resources and shutdown of the Deployment. */
  readonly deployment: Pick<HardenedDeploymentProps, 'image' | 'liveness' | 'readiness' | 'resources'> &
    Partial<Pick<HardenedDeploymentProps, 'resourceScale' | 'terminationGracePeriodSeconds'>>;
}

/** Sorted copy of a string map, so ConfigMap data and its hash do not depend on insertion order. */
function sorted(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]!]),
  );
}

export class ServiceWorkload extends Construct {
  public readonly deployment: HardenedDeployment;
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: ServiceWorkloadProps) {
    super(scope, id);
    const { workload, namespace, ctx } = props;
    const name = workload.name;
    const labels = workloadLabels(workload);
    const metadata = (objectName: string) => ({ name: objectName, namespace, labels });

    const account = new WorkloadServiceAccount(this, 'ServiceAccount', {
      workload,
      namespace,
      cloud: ctx.cloud,
      identity: ctx.identity,
      clusterName: ctx.name,
    });

    const settings = sorted(props.settings);
    const configName = `${name}-config`;
    new kplus.ConfigMap(this, 'Config', { metadata: metadata(configName), data: settings });

    const files = props.files === undefined ? {} : sorted(props.files.files);
    if (props.files !== undefined) {
      new kplus.ConfigMap(this, 'Files', { metadata: metadata(props.files.configMapName), data: files });
    }

    const dataSources = dataServiceEnvironmentSources(ctx, props.dataServices);
    const envFromSecrets = [...dataSources.secrets];
    const secretKeys = props.secretKeys ?? [];
    if (secretKeys.length > 0) {
      const secret = new ExternalSecret(this, 'Secrets', {
        name,
        namespace,
        labels,
        secretStoreName: CLOUD_SECRET_STORE,
        targetSecretName: `${name}-secrets`,
        // One remote secret per workload and environment; each variable is one property of it.
        data: secretKeys.map((key) => ({
          secretKey: key,
          remoteKey: secretManagerKey(ctx, name),
          property: key.toLowerCase().replaceAll('_', '-'),
        })),
      });
      envFromSecrets.push(secret.secretName);
    }

    // Settings are read once at start, so a change must roll the pods: the hash makes that a template change.
    const configHash = createHash('sha256').update(JSON.stringify({ settings, files })).digest('hex').slice(0, 16);
    this.deployment = new HardenedDeployment(this, 'Deployment', {
      ...props.deployment,
      workload,
      namespace,
      ports: props.ports,
      serviceAccountName: account.name,
      // The workload's own settings come last so they win over a shared key.
      envFromConfigMaps: [...dataSources.configMaps, configName],
      envFromSecrets,
      configFiles:
        props.files === undefined
          ? []
          : [{ configMapName: props.files.configMapName, mountPath: props.files.mountPath }],
      podLabels: cloudIdentityPodLabels(ctx.cloud),
      podAnnotations: { [CONFIG_HASH_ANNOTATION]: configHash },
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata: metadata(name),
      type: kplus.ServiceType.CLUSTER_IP,
      ports: props.ports.map((port) => ({
        name: port.name,
        port: port.port,
        targetPort: port.port,
        protocol: kplus.Protocol.TCP,
      })),
    });
    for (const [key, value] of Object.entries(selectorLabels(workload))) {
      this.service.selectLabel(key, value);
    }
    new ServiceMonitor(this, 'ServiceMonitor', {
      name,
      namespace,
      labels,
      selector: selectorLabels(workload),
      endpoints: [{ port: props.metricsPort }],
    });

    const egress: NetworkRule[] = [...(props.egress ?? [])];
    for (const service of props.dataServices) egress.push(...dataServiceEgress(service, ctx, props.dataNamespace));
    if (props.callsInternet) egress.push(INTERNET_EGRESS);
    new WorkloadNetworkPolicy(this, 'NetworkPolicy', { workload, namespace, ingress: props.ingress, egress });
  }
}
