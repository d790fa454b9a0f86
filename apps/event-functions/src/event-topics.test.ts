import { testClusterContext } from '@go-coffee/environments/test-support';
import { describe, expect, it } from 'vitest';
import { deadLetterTopic, EVENT_TYPES } from './event-routing';
import { eventTopics } from './event-topics';

describe('event topics', () => {
  it('defines every event topic, its dead-letter topic and the order intake topic, sorted', () => {
    const names = eventTopics(testClusterContext()).map((topic) => topic.topicName);
    expect(names).toStrictEqual(
      [...EVENT_TYPES, ...EVENT_TYPES.map(deadLetterTopic), 'coffee_orders'].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it('keeps one replica in dev and three with two in sync elsewhere', () => {
    const [devTopic] = eventTopics(testClusterContext());
    expect(devTopic).toStrictEqual({
      topicName: 'ai.response.needed',
      partitions: 6,
      replicas: 1,
      config: { 'min.insync.replicas': 1, 'retention.ms': 604_800_000 },
    });
    for (const topic of eventTopics(testClusterContext({ environment: 'staging' }))) {
      expect([topic.replicas, topic.config['min.insync.replicas']]).toStrictEqual([3, 2]);
    }
  });

  it('keeps dead letters twice as long on a single partition', () => {
    const dlq = eventTopics(testClusterContext()).find((topic) => topic.topicName === 'alert.trigger.dlq');
    expect(dlq).toStrictEqual({
      topicName: 'alert.trigger.dlq',
      partitions: 1,
      replicas: 1,
      config: { 'min.insync.replicas': 1, 'retention.ms': 1_209_600_000 },
    });
  });
});
