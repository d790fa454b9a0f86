// Topics as code: every event topic, its dead-letter topic and the order intake topic, sized per
// environment. Dev runs a small in-cluster Kafka; staging and prod keep three replicas and require two in
// sync so a broker loss never drops an acknowledged event.
import type { ClusterContext } from '@go-coffee/environments';
import { deadLetterTopic, EVENT_TYPES } from './event-routing';

/** The producer's intake topic (orders as accepted from the API). */
export const ORDER_INTAKE_TOPIC = 'coffee_orders';

/** Partitions of every live topic; also the most consumers KEDA can usefully run per function. */
export const EVENT_TOPIC_PARTITIONS = 6;

export interface TopicSpec {
  readonly topicName: string;
  readonly partitions: number;
  readonly replicas: number;
  readonly config: Readonly<Record<string, string | number>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** All topics of the platform for one cluster, sorted by name. */
export function eventTopics(ctx: ClusterContext): TopicSpec[] {
  const replicas = ctx.environment === 'dev' ? 1 : 3;
  const minInSync = Math.min(2, replicas);
  const live = (topicName: string): TopicSpec => ({
    topicName,
    partitions: EVENT_TOPIC_PARTITIONS,
    replicas,
    config: { 'min.insync.replicas': minInSync, 'retention.ms': 7 * DAY_MS },
  });
  // Dead letters wait for a human: fewer partitions, kept twice as long.
  const deadLetters = (topicName: string): TopicSpec => ({
    topicName,
    partitions: 1,
    replicas,
    config: { 'min.insync.replicas': minInSync, 'retention.ms': 14 * DAY_MS },
  });
  return [
    live(ORDER_INTAKE_TOPIC),
    ...EVENT_TYPES.map((eventType) => live(eventType)),
    ...EVENT_TYPES.map((eventType) => deadLetters(deadLetterTopic(eventType))),
  ].sort((a, b) => (a.topicName < b.topicName ? -1 : 1));
}
