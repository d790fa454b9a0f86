// The event-functions area rendered for whole clusters, without the render engine: a snapshot of one dev
// cluster, plus assertions of intent over dev, staging and prod.
import { testClusterContext } from '@go-coffee/environments/test-support';
import { findRendered, renderAreaForTest } from '@go-coffee/render-kit/test-support';
import type { ClusterContext } from '@go-coffee/environments';
import { describe, expect, it } from 'vitest';
import { EVENT_FUNCTIONS } from './event-function-catalog';
import { eventFunctionsArea } from './event-functions-area';
import { deadLetterTopic, EVENT_ROUTES, EVENT_TYPES, LAG_THRESHOLD_BY_PRIORITY, RETRY_POLICIES } from './event-routing';

const render = (ctx: ClusterContext) => renderAreaForTest(eventFunctionsArea, ctx);

const find = findRendered;

const dev = testClusterContext();
const staging = testClusterContext({ environment: 'staging', name: 'staging-aws-us-east-1', dataMode: 'managed' });
const prod = testClusterContext({
  environment: 'prod',
  name: 'prod-gcp-us-central1',
  cloud: 'gcp',
  identity: { gcpServiceAccount: 'workloads@go-coffee-platform.iam.gserviceaccount.com' },
  sizing: { name: 'large', minReplicas: 3, maxReplicas: 12, resourceScale: 2 },
  dataMode: 'managed',
});
const clusters = [dev, staging, prod];

describe('event-functions area', () => {
  it('renders the dev AWS cluster as recorded', () => {
    expect(render(dev)).toMatchSnapshot();
  });

  it.each(clusters.map((ctx) => [ctx.name, ctx] as const))(
    '%s: every function Deployment is hardened, probed, limited to its memory and waits out its timeout',
    (_name, ctx) => {
      const deployments = render(ctx).filter((m) => m.kind === 'Deployment');
      expect(deployments).toHaveLength(EVENT_FUNCTIONS.length);
      for (const fn of EVENT_FUNCTIONS) {
        const deployment = find(deployments, 'Deployment', fn.name);
        expect(deployment.metadata.namespace).toBe('go-coffee-functions');
        expect(deployment.spec.replicas).toBeUndefined();
        const pod = deployment.spec.template.spec;
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.terminationGracePeriodSeconds).toBe(fn.timeoutSeconds + 15);
        const [container] = pod.containers;
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.livenessProbe.httpGet).toStrictEqual({ path: '/health', port: 8080, scheme: 'HTTP' });
        expect(container.readinessProbe.httpGet).toStrictEqual({ path: '/ready', port: 8080, scheme: 'HTTP' });
        expect(container.resources.limits.memory).toBe(`${fn.memoryMebibytes}Mi`);
        expect(container.resources.requests.memory).toBe(`${fn.memoryMebibytes}Mi`);
        expect(container.resources.limits.cpu).toBe(`${1000 * ctx.sizing.resourceScale}m`);
        expect(find(render(ctx), 'ConfigMap', `${fn.name}-config`).data!.FUNCTION_TIMEOUT_SECONDS).toBe(
          String(fn.timeoutSeconds),
        );
      }
    },
  );

  it('leaves replica counts to KEDA: no HPA of its own, and never a Secret', () => {
    for (const ctx of clusters) {
      const kinds = render(ctx).map((m) => m.kind);
      expect(kinds).not.toContain('HorizontalPodAutoscaler');
      expect(kinds).not.toContain('Secret');
    }
  });

  it('keeps at least one replica of every function in prod and scales to zero in dev and staging', () => {
    const minimums = (ctx: ClusterContext) =>
      render(ctx)
        .filter((m) => m.kind === 'ScaledObject')
        .map((m) => m.spec.minReplicaCount);
    expect(minimums(dev)).toStrictEqual([0, 0, 0, 0, 0]);
    expect(minimums(staging)).toStrictEqual([0, 0, 0, 0, 0]);
    expect(minimums(prod)).toHaveLength(5);
    for (const min of minimums(prod)) expect(min).toBeGreaterThanOrEqual(1);
  });

  it('routes every event type to its handler’s ScaledObject with the lag threshold of its priority', () => {
    const manifests = render(prod);
    for (const route of EVENT_ROUTES) {
      const scaled = find(manifests, 'ScaledObject', route.handler);
      expect(scaled.spec.scaleTargetRef).toStrictEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: route.handler,
      });
      expect(scaled.spec.maxReplicaCount).toBe(6);
      // GCP's managed Kafka: SASL PLAIN over TLS, credentials from the TriggerAuthentication, and the brokers
      // the function itself dials (KEDA resolves the container's env, here from kafka-credentials).
      expect(scaled.spec.triggers).toContainEqual({
        type: 'kafka',
        authenticationRef: { name: 'kafka-credentials' },
        metadata: {
          bootstrapServersFromEnv: 'KAFKA_BOOTSTRAP_SERVERS',
          consumerGroup: route.handler,
          lagThreshold: String(LAG_THRESHOLD_BY_PRIORITY[route.priority]),
          offsetResetPolicy: 'earliest',
          sasl: 'plaintext',
          tls: 'enable',
          topic: route.eventType,
        },
      });
    }
    const triggers = manifests.filter((m) => m.kind === 'ScaledObject').flatMap((m) => m.spec.triggers);
    expect(triggers).toHaveLength(EVENT_TYPES.length);
  });

  it('authenticates KEDA on managed Kafka with the SASL user of kafka-credentials (SCRAM-SHA-512 on MSK), not in dev', () => {
    const auth = (ctx: ClusterContext) => render(ctx).filter((m) => m.kind === 'TriggerAuthentication');
    expect(auth(dev)).toStrictEqual([]);
    const [staged] = auth(staging);
    expect(staged!.metadata.name).toBe('kafka-credentials');
    expect(staged!.spec.secretTargetRef).toStrictEqual([
      { key: 'KAFKA_SASL_PASSWORD', name: 'kafka-credentials', parameter: 'password' },
      { key: 'KAFKA_SASL_USERNAME', name: 'kafka-credentials', parameter: 'username' },
    ]);
    const triggers = render(staging)
      .filter((m) => m.kind === 'ScaledObject')
      .flatMap((m) => m.spec.triggers);
    expect(
      new Set(triggers.map((t: { metadata: { sasl: string; tls: string } }) => `${t.metadata.sasl}/${t.metadata.tls}`)),
    ).toStrictEqual(new Set(['scram_sha512/enable']));
    const devTrigger = render(dev).find((m) => m.kind === 'ScaledObject')!.spec.triggers[0];
    expect(devTrigger.authenticationRef).toBeUndefined();
    expect(devTrigger.metadata.bootstrapServersFromEnv).toBe('KAFKA_BOOTSTRAP_SERVERS');
  });

  it('gives every function the data endpoints, managed Kafka credentials and the URL secret of its data services', () => {
    const envFrom = (ctx: ClusterContext, name: string) =>
      find(render(ctx), 'Deployment', name).spec.template.spec.containers[0].envFrom;
    expect(envFrom(dev, 'coffee-order-processor')).toStrictEqual([
      { configMapRef: { name: 'data-service-endpoints' } },
      { configMapRef: { name: 'coffee-order-processor-config' } },
      { secretRef: { name: 'coffee-order-processor-secrets' } },
    ]);
    expect(envFrom(staging, 'notification-dispatcher')).toStrictEqual([
      { configMapRef: { name: 'data-service-endpoints' } },
      { configMapRef: { name: 'notification-dispatcher-config' } },
      { secretRef: { name: 'kafka-credentials' } },
    ]);
    const urls = find(render(staging), 'ExternalSecret', 'ai-agent-coordinator').spec.data;
    expect(urls).toStrictEqual([
      { remoteRef: { key: 'go-coffee/staging/ai-agent-coordinator', property: 'redis-url' }, secretKey: 'REDIS_URL' },
    ]);
  });

  it('gives every event type its priority, retry policy and dead-letter topic in its handler’s routing config', () => {
    const manifests = render(dev);
    for (const route of EVENT_ROUTES) {
      const routing = JSON.parse(find(manifests, 'ConfigMap', `${route.handler}-routing`).data!['routing.json']!);
      expect(routing.routes).toContainEqual({
        deadLetterTopic: deadLetterTopic(route.eventType),
        eventType: route.eventType,
        priority: route.priority,
        retry: RETRY_POLICIES[route.backoff],
        topic: route.eventType,
      });
    }
  });

  it('defines a KafkaTopic for every event type, its dead-letter topic and coffee_orders, in the data namespace', () => {
    const topics = render(dev).filter((m) => m.kind === 'KafkaTopic');
    const names = topics.map((m) => m.spec.topicName).sort();
    expect(names).toStrictEqual([...EVENT_TYPES, ...EVENT_TYPES.map(deadLetterTopic), 'coffee_orders'].sort());
    for (const topic of topics) {
      expect(topic.apiVersion).toBe('kafka.strimzi.io/v1beta2');
      expect(topic.metadata.namespace).toBe('go-coffee-data');
      expect(topic.metadata.labels!['strimzi.io/cluster']).toBe('go-coffee-kafka');
    }
  });

  it('renders the same KafkaTopics (live and dead-letter) in every environment, sized per environment', () => {
    const topics = (ctx: ClusterContext) =>
      render(ctx)
        .filter((m) => m.kind === 'KafkaTopic')
        .map((m) => `${m.metadata.namespace}/${m.spec.topicName} x${m.spec.replicas}`);
    expect(topics(staging)).toHaveLength(1 + 2 * EVENT_TYPES.length);
    expect(topics(staging)).toContain('go-coffee-data/inventory.low.dlq x3');
    expect(topics(dev).map((t) => t.split(' ')[0])).toStrictEqual(topics(prod).map((t) => t.split(' ')[0]));
    expect(topics(dev)).toContain('go-coffee-data/inventory.low.dlq x1');
  });

  it('isolates functions: Prometheus in, Kafka out, and public HTTPS only for functions that call external APIs', () => {
    const manifests = render(staging);
    expect(find(manifests, 'NetworkPolicy', 'default-deny-all').metadata.namespace).toBe('go-coffee-functions');
    const processor = find(manifests, 'NetworkPolicy', 'coffee-order-processor').spec;
    expect(processor.ingress).toStrictEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    const egressPorts = (name: string) =>
      find(manifests, 'NetworkPolicy', name).spec.egress.flatMap((rule: { ports: Array<{ port: number }> }) =>
        rule.ports.map((p) => p.port),
      );
    // Staging on AWS uses MSK, whose SASL/SCRAM listener is 9096.
    expect(new Set(egressPorts('coffee-order-processor'))).toStrictEqual(new Set([9096, 5432]));
    expect(new Set(egressPorts('defi-arbitrage-scanner'))).toStrictEqual(new Set([9096, 443]));
  });

  it('scrapes every function through its metrics Service', () => {
    const manifests = render(dev);
    for (const fn of EVENT_FUNCTIONS) {
      expect(find(manifests, 'Service', fn.name).spec.selector).toStrictEqual({
        'app.kubernetes.io/component': 'event-function',
        'app.kubernetes.io/name': fn.name,
      });
      expect(find(manifests, 'ServiceMonitor', fn.name).spec.endpoints[0].port).toBe('http');
    }
  });
});
