// One event function in a cluster: ServiceAccount, config (settings and routing with retry policies), its
// data-service URLs as an ExternalSecret, a hardened Deployment without replicas that reads the data area's
// Kafka settings (and managed Kafka's credentials), the KEDA ScaledObject that owns its replica count (and its
// HPA) and dials the same brokers with the same credentials, a metrics Service with its ServiceMonitor, and its
// NetworkPolicy.
import { createHash } from 'node:crypto';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import {
  CLOUD_SECRET_STORE,
  cloudIdentityPodLabels,
  dataServiceEgress,
  dataServiceEnvironmentSources,
  ExternalSecret,
  HardenedDeployment,
  KAFKA_CLIENT_ENV,
  KAFKA_CREDENTIALS_SECRET,
  KafkaScaledObject,
  kafkaScalerSecurity,
  secretManagerKey,
  selectorLabels,
  ServiceMonitor,
  workloadLabels,
  WorkloadNetworkPolicy,
  WorkloadServiceAccount,
} from '@go-coffee/workload-constructs';
import type { DataService, NetworkRule } from '@go-coffee/workload-constructs';
import type { EventFunctionSpec } from './event-function-catalog';
import { deadLetterTopic, LAG_THRESHOLD_BY_PRIORITY, RETRY_POLICIES, routesOf } from './event-routing';
import { EVENT_TOPIC_PARTITIONS } from './event-topics';

export const FUNCTION_COMPONENT = 'event-function';
const HTTP_PORT = 8080;
/** CPU per function at resource scale 1; memory is the function's declared size and is not scaled. */
const CPU_REQUEST_MILLIS = 100;
const CPU_LIMIT_MILLIS = 1000;
const METADATA_ENDPOINT = '169.254.169.254/32';
/** Connection URL (provider host, TLS and credentials, written by the cloud IaC) of each data service besides Kafka. */
const CONNECTION_URL: Readonly<Partial<Record<DataService, string>>> = {
  postgres: 'DATABASE_URL',
  redis: 'REDIS_URL',
};

export interface EventFunctionProps {
  readonly spec: EventFunctionSpec;
  readonly ctx: ClusterContext;
  readonly namespace: string;
  readonly dataNamespace: string;
  readonly monitoringNamespace: string;
}

/** The routing document a function reads: what it consumes, in which order, how it retries, where it gives up. */
export function functionRoutingConfig(spec: EventFunctionSpec) {
  const routes = routesOf(spec.name);
  if (routes.length === 0) {
    throw new Error(`event function "${spec.name}" handles no event type; route one to it in event-routing.ts`);
  }
  return {
    function: spec.name,
    routes: routes.map((route) => ({
      deadLetterTopic: deadLetterTopic(route.eventType),
      eventType: route.eventType,
      priority: route.priority,
      retry: RETRY_POLICIES[route.backoff],
      topic: route.eventType,
    })),
    timeoutSeconds: spec.timeoutSeconds,
  };
}

/** minReplicaCount: scale to zero in dev and staging; prod always keeps one warm consumer per function. */
export function minimumReplicas(ctx: ClusterContext): number {
  return ctx.environment === 'prod' ? 1 : 0;
}

export class EventFunction extends Construct {
  constructor(scope: Construct, id: string, props: EventFunctionProps) {
    super(scope, id);
    const { spec, ctx, namespace } = props;
    const workload = {
      name: spec.name,
      component: FUNCTION_COMPONENT,
      owner: spec.owner,
      dataClassification: spec.dataClassification,
    };
    const labels = workloadLabels(workload);
    const metadata = (name: string) => ({ name, namespace, labels });
    const routing = functionRoutingConfig(spec);

    const account = new WorkloadServiceAccount(this, 'ServiceAccount', {
      workload,
      namespace,
      cloud: ctx.cloud,
      identity: ctx.identity,
      clusterName: ctx.name,
    });

    const settings: Record<string, string> = {
      APP_ENV: ctx.environment,
      CLOUD: ctx.cloud,
      CLUSTER_NAME: ctx.name,
      FUNCTION_NAME: spec.name,
      FUNCTION_TIMEOUT_SECONDS: String(spec.timeoutSeconds),
      HTTP_PORT: String(HTTP_PORT),
      KAFKA_CONSUMER_GROUP: spec.name,
      KAFKA_TOPICS: routing.routes.map((route) => route.topic).join(','),
      LOG_FORMAT: 'json',
      ROUTING_FILE: '/etc/event-function/routing.json',
    };
    const routingJson = `${JSON.stringify(routing, null, 2)}\n`;
    new kplus.ConfigMap(this, 'Config', { metadata: metadata(`${spec.name}-config`), data: settings });
    new kplus.ConfigMap(this, 'Routing', {
      metadata: metadata(`${spec.name}-routing`),
      data: { 'routing.json': routingJson },
    });

    const dataSources = dataServiceEnvironmentSources(ctx, ['kafka', ...spec.dataServices]);
    const envFromSecrets = [...dataSources.secrets];
    const urls = [...spec.dataServices]
      .sort()
      .map((service) => CONNECTION_URL[service])
      .filter((key): key is string => key !== undefined);
    if (urls.length > 0) {
      const secret = new ExternalSecret(this, 'Secrets', {
        name: spec.name,
        namespace,
        labels,
        secretStoreName: CLOUD_SECRET_STORE,
        targetSecretName: `${spec.name}-secrets`,
        data: urls.map((key) => ({
          secretKey: key,
          remoteKey: secretManagerKey(ctx, spec.name),
          property: key.toLowerCase().replaceAll('_', '-'),
        })),
      });
      envFromSecrets.push(secret.secretName);
    }

    const scaledCpu = (millis: number) => Math.ceil(millis * ctx.sizing.resourceScale);
    const configHash = createHash('sha256')
      .update(JSON.stringify({ settings, routingJson }))
      .digest('hex')
      .slice(0, 16);
    new HardenedDeployment(this, 'Deployment', {
      workload,
      namespace,
      image: ctx.images[spec.name],
      ports: [{ name: 'http', port: HTTP_PORT }],
      liveness: { type: 'http', path: '/health', port: HTTP_PORT },
      readiness: { type: 'http', path: '/ready', port: HTTP_PORT },
      resources: {
        cpuRequestMillis: scaledCpu(CPU_REQUEST_MILLIS),
        cpuLimitMillis: scaledCpu(CPU_LIMIT_MILLIS),
        memoryRequestMebibytes: spec.memoryMebibytes,
        memoryLimitMebibytes: spec.memoryMebibytes,
      },
      serviceAccountName: account.name,
      // The function's own settings come last so they win over a shared key.
      envFromConfigMaps: [...dataSources.configMaps, `${spec.name}-config`],
      envFromSecrets,
      configFiles: [{ configMapName: `${spec.name}-routing`, mountPath: '/etc/event-function' }],
      // A scale-down must let the event in hand finish (or time out) before the pod is killed.
      terminationGracePeriodSeconds: spec.timeoutSeconds + 15,
      podLabels: cloudIdentityPodLabels(ctx.cloud),
      podAnnotations: { 'go-coffee.io/config-hash': configHash },
    });

    const security = kafkaScalerSecurity(ctx);
    new KafkaScaledObject(this, 'ScaledObject', {
      name: spec.name,
      namespace,
      labels,
      targetDeploymentName: spec.name,
      // The brokers the function's own container dials (ConfigMap in dev, kafka-credentials when managed).
      bootstrap: { fromEnv: KAFKA_CLIENT_ENV.bootstrapServers },
      ...(security === undefined
        ? {}
        : { security: { ...security, triggerAuthenticationName: KAFKA_CREDENTIALS_SECRET } }),
      consumerGroup: spec.name,
      triggers: routesOf(spec.name).map((route) => ({
        topic: route.eventType,
        lagThreshold: LAG_THRESHOLD_BY_PRIORITY[route.priority],
      })),
      minReplicaCount: minimumReplicas(ctx),
      // More consumers than partitions would sit idle.
      maxReplicaCount: Math.max(minimumReplicas(ctx), Math.min(ctx.sizing.maxReplicas, EVENT_TOPIC_PARTITIONS)),
    });

    const service = new kplus.Service(this, 'Service', {
      metadata: metadata(spec.name),
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: 'http', port: HTTP_PORT, targetPort: HTTP_PORT, protocol: kplus.Protocol.TCP }],
    });
    for (const [key, value] of Object.entries(selectorLabels(workload))) {
      service.selectLabel(key, value);
    }
    new ServiceMonitor(this, 'ServiceMonitor', {
      name: spec.name,
      namespace,
      labels,
      selector: selectorLabels(workload),
      endpoints: [{ port: 'http' }],
    });

    const egress: NetworkRule[] = dataServiceEgress('kafka', ctx, props.dataNamespace);
    for (const service of [...spec.dataServices].sort()) {
      egress.push(...dataServiceEgress(service, ctx, props.dataNamespace));
    }
    if (spec.callsInternet) {
      egress.push({
        peer: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', METADATA_ENDPOINT] },
        ports: [{ port: 443 }],
      });
    }
    new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      workload,
      namespace,
      ingress: [{ peer: { namespace: props.monitoringNamespace }, ports: [{ port: HTTP_PORT }] }],
      egress,
    });
  }
}
