// The event-functions render area: namespace default-deny, the five KEDA-scaled functions, the
// TriggerAuthentication their scalers use on managed Kafka, and the Kafka topics they consume (with their
// dead-letter topics) as KafkaTopics in the data namespace, in every environment: Strimzi's Topic Operator
// reconciles them against the in-cluster Kafka in dev and, standalone, against the managed Kafka elsewhere.
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';
import type { RenderArea } from '@go-coffee/render-kit';
import { eventFunctionsDeclaration } from './area';
import {
  KAFKA_CLIENT_ENV,
  KAFKA_CLUSTER_NAME,
  KAFKA_CREDENTIALS_SECRET,
  KafkaTopic,
  kafkaScalerSecurity,
  NamespaceDefaultDeny,
  SecretTriggerAuthentication,
} from '@go-coffee/workload-constructs';
import { EventFunction } from './event-function';
import { EVENT_FUNCTIONS } from './event-function-catalog';
import { assertEveryEventRoutedOnce, EVENT_ROUTES } from './event-routing';
import { eventTopics } from './event-topics';

function renderEventFunctions(chart: Chart, ctx: ClusterContext): void {
  assertEveryEventRoutedOnce(EVENT_ROUTES);
  new NamespaceDefaultDeny(chart, 'default-deny', {
    namespace: NAMESPACES.functions,
    labels: { 'go-coffee.io/owner': 'platform', 'go-coffee.io/data-classification': 'internal' },
  });
  for (const spec of EVENT_FUNCTIONS) {
    new EventFunction(chart, spec.name, {
      spec,
      ctx,
      namespace: NAMESPACES.functions,
      dataNamespace: NAMESPACES.data,
      monitoringNamespace: NAMESPACES.monitoring,
    });
  }
  if (kafkaScalerSecurity(ctx) !== undefined) {
    // Managed Kafka authenticates every client; KEDA reads the functions' own SASL user from kafka-credentials.
    new SecretTriggerAuthentication(chart, 'kafka-trigger-authentication', {
      name: KAFKA_CREDENTIALS_SECRET,
      namespace: NAMESPACES.functions,
      secretName: KAFKA_CREDENTIALS_SECRET,
      parameters: { password: KAFKA_CLIENT_ENV.saslPassword, username: KAFKA_CLIENT_ENV.saslUsername },
      labels: { 'go-coffee.io/owner': 'platform', 'go-coffee.io/data-classification': 'internal' },
    });
  }
  for (const topic of eventTopics(ctx)) {
    new KafkaTopic(chart, `topic-${topic.topicName}`, {
      ...topic,
      kafkaClusterName: KAFKA_CLUSTER_NAME,
      namespace: NAMESPACES.data,
      labels: { 'go-coffee.io/owner': 'platform', 'go-coffee.io/data-classification': 'internal' },
    });
  }
}

export const eventFunctionsArea: RenderArea = { ...eventFunctionsDeclaration, render: renderEventFunctions };
