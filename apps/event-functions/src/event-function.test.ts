import { testClusterContext } from '@go-coffee/environments/test-support';
import { describe, expect, it } from 'vitest';
import { functionRoutingConfig, minimumReplicas } from './event-function';
import { EVENT_FUNCTIONS } from './event-function-catalog';
import type { EventFunctionSpec } from './event-function-catalog';

const spec = (name: string): EventFunctionSpec => EVENT_FUNCTIONS.find((f) => f.name === name)!;

describe('event function', () => {
  it('tells the dispatcher its topics, priorities, retry policies and dead-letter topics', () => {
    expect(functionRoutingConfig(spec('notification-dispatcher'))).toStrictEqual({
      function: 'notification-dispatcher',
      routes: [
        {
          deadLetterTopic: 'notification.send.dlq',
          eventType: 'notification.send',
          priority: 2,
          retry: { backoff: 'exponential', maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 60_000 },
          topic: 'notification.send',
        },
        {
          deadLetterTopic: 'alert.trigger.dlq',
          eventType: 'alert.trigger',
          priority: 1,
          retry: { backoff: 'immediate', maxAttempts: 3, initialDelayMs: 0, multiplier: 1, maxDelayMs: 0 },
          topic: 'alert.trigger',
        },
      ],
      timeoutSeconds: 30,
    });
  });

  it('refuses a function that handles no event type', () => {
    const idle = { ...spec('notification-dispatcher'), name: 'unrouted' } as unknown as EventFunctionSpec;
    expect(() => functionRoutingConfig(idle)).toThrow('event function "unrouted" handles no event type');
  });

  it('scales to zero in dev and staging and keeps one warm consumer in prod', () => {
    expect(minimumReplicas(testClusterContext({ environment: 'dev' }))).toBe(0);
    expect(minimumReplicas(testClusterContext({ environment: 'staging' }))).toBe(0);
    expect(minimumReplicas(testClusterContext({ environment: 'prod' }))).toBe(1);
  });

  it('declares the agreed timeouts and memory sizes', () => {
    expect(EVENT_FUNCTIONS.map((f) => [f.name, f.timeoutSeconds, f.memoryMebibytes])).toStrictEqual([
      ['coffee-order-processor', 30, 512],
      ['ai-agent-coordinator', 60, 1024],
      ['defi-arbitrage-scanner', 300, 2048],
      ['inventory-optimizer', 120, 1024],
      ['notification-dispatcher', 30, 256],
    ]);
  });
});
