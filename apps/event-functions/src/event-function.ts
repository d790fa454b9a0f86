// One event function in a cluster: the shared service skeleton (ServiceAccount, settings, the routing file with
// retry policies, its data-service URLs as an ExternalSecret, a hardened Deployment without replicas that reads
// the data area's Kafka settings, a metrics Service with its ServiceMonitor, its NetworkPolicy), plus the KEDA
// ScaledObject that owns its replica count (and its HPA) and dials the same brokers with the same credentials.
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import {
  KAFKA_CLIENT_ENV,
  KAFKA_CREDENTIALS_SECRET,
  KafkaScaledObject,
  kafkaScalerSecurity,
  ServiceWorkload,
  workloadLabels,
} from '@go-coffee/workload-constructs';
import type { DataService } from '@go-coffee/workload-constructs';
import type { EventFunctionSpec } from './event-function-catalog';
import { deadLetterTopic, LAG_THRESHOLD_BY_PRIORITY, RETRY_POLICIES, routesOf } from './event-routing';
import { EVENT_TOPIC_PARTITIONS } from './event-topics';

export const FUNCTION_COMPONENT = 'event-function';
const HTTP_PORT = 8080;
/** CPU per function at resource scale 1; memory is the function's declared size and is not scaled. */
const CPU_REQUEST_MILLIS = 100;
const CPU_LIMIT_MILLIS = 1000;
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
    const routing = functionRoutingConfig(spec);
    const scaledCpu = (millis: number) => Math.ceil(millis * ctx.sizing.resourceScale);
    new ServiceWorkload(this, 'Workload', {
      workload,
      namespace,
      ctx,
      ports: [{ name: 'http', port: HTTP_PORT }],
      metricsPort: 'http',
      settings: {
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
      },
      files: {
        configMapName: `${spec.name}-routing`,
        mountPath: '/etc/event-function',
        files: { 'routing.json': `${JSON.stringify(routing, null, 2)}\n` },
      },
      secretKeys: [...spec.dataServices]
        .sort()
        .map((service) => CONNECTION_URL[service])
        .filter((key): key is string => key !== undefined),
      dataServices: ['kafka', ...[...spec.dataServices].sort()],
      dataNamespace: props.dataNamespace,
      callsInternet: spec.callsInternet,
      ingress: [{ peer: { namespace: props.monitoringNamespace }, ports: [{ port: HTTP_PORT }] }],
      deployment: {
        image: ctx.images[spec.name],
        liveness: { type: 'http', path: '/health', port: HTTP_PORT },
        readiness: { type: 'http', path: '/ready', port: HTTP_PORT },
        resources: {
          cpuRequestMillis: scaledCpu(CPU_REQUEST_MILLIS),
          cpuLimitMillis: scaledCpu(CPU_LIMIT_MILLIS),
          memoryRequestMebibytes: spec.memoryMebibytes,
          memoryLimitMebibytes: spec.memoryMebibytes,
        },
        // A scale-down must let the event in hand finish (or time out) before the pod is killed.
        terminationGracePeriodSeconds: spec.timeoutSeconds + 15,
      },
    });

    const security = kafkaScalerSecurity(ctx);
    new KafkaScaledObject(this, 'ScaledObject', {
      name: spec.name,
      namespace,
      labels: workloadLabels(workload),
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
  }
}
