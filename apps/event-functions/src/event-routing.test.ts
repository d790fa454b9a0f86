import { describe, expect, it } from 'vitest';
import {
  assertEveryEventRoutedOnce,
  deadLetterTopic,
  EVENT_ROUTES,
  EVENT_TYPES,
  LAG_THRESHOLD_BY_PRIORITY,
  RETRY_POLICIES,
  routesOf,
} from './event-routing';

describe('event routing table', () => {
  it('routes the ten event types to their functions with the agreed priority and backoff', () => {
    expect(EVENT_ROUTES.map((r) => [r.eventType, r.handler, r.priority, r.backoff])).toStrictEqual([
      ['coffee.order.created', 'coffee-order-processor', 1, 'exponential'],
      ['coffee.order.updated', 'coffee-order-processor', 1, 'exponential'],
      ['ai.task.created', 'ai-agent-coordinator', 2, 'linear'],
      ['ai.response.needed', 'ai-agent-coordinator', 2, 'linear'],
      ['defi.price.update', 'defi-arbitrage-scanner', 1, 'immediate'],
      ['defi.arbitrage.opportunity', 'defi-arbitrage-scanner', 1, 'immediate'],
      ['inventory.low', 'inventory-optimizer', 2, 'exponential'],
      ['inventory.forecast', 'inventory-optimizer', 3, 'linear'],
      ['notification.send', 'notification-dispatcher', 2, 'exponential'],
      ['alert.trigger', 'notification-dispatcher', 1, 'immediate'],
    ]);
  });

  it('routes every event type exactly once', () => {
    expect(EVENT_TYPES).toHaveLength(10);
    expect(() => assertEveryEventRoutedOnce(EVENT_ROUTES)).not.toThrow();
  });

  it('names an event type that is missing or routed twice, and where to fix it', () => {
    expect(() => assertEveryEventRoutedOnce(EVENT_ROUTES.slice(1))).toThrow(
      'event type "coffee.order.created" is routed 0 times; give it exactly one row in EVENT_ROUTES (event-routing.ts)',
    );
    expect(() => assertEveryEventRoutedOnce([...EVENT_ROUTES, EVENT_ROUTES[9]!])).toThrow(
      'event type "alert.trigger" is routed 2 times',
    );
  });

  it('gives every event type its own dead-letter topic', () => {
    const dlqs = EVENT_TYPES.map(deadLetterTopic);
    expect(new Set(dlqs).size).toBe(EVENT_TYPES.length);
    expect(deadLetterTopic('inventory.low')).toBe('inventory.low.dlq');
  });

  it('retries exponentially up to a minute, linearly in 5 s steps, or immediately three times', () => {
    expect(RETRY_POLICIES).toStrictEqual({
      exponential: { backoff: 'exponential', maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 60_000 },
      linear: { backoff: 'linear', maxAttempts: 5, initialDelayMs: 5000, multiplier: 1, maxDelayMs: 25_000 },
      immediate: { backoff: 'immediate', maxAttempts: 3, initialDelayMs: 0, multiplier: 1, maxDelayMs: 0 },
    });
  });

  it('scales urgent topics out sooner (lower lag threshold for higher priority)', () => {
    expect(LAG_THRESHOLD_BY_PRIORITY[1]).toBeLessThan(LAG_THRESHOLD_BY_PRIORITY[2]);
    expect(LAG_THRESHOLD_BY_PRIORITY[2]).toBeLessThan(LAG_THRESHOLD_BY_PRIORITY[3]);
  });

  it('lists a function’s routes in table order', () => {
    expect(routesOf('inventory-optimizer').map((r) => r.eventType)).toStrictEqual([
      'inventory.low',
      'inventory.forecast',
    ]);
  });
});
