// Which function handles which event, how urgently, and how failures are retried: one typed table. Topics,
// KEDA triggers and each function's routing config are all generated from it, so adding an event type is
// one row here.
import type { EventFunctionName } from './event-function-catalog';

export const EVENT_TYPES = [
  'coffee.order.created',
  'coffee.order.updated',
  'ai.task.created',
  'ai.response.needed',
  'defi.price.update',
  'defi.arbitrage.opportunity',
  'inventory.low',
  'inventory.forecast',
  'notification.send',
  'alert.trigger',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** 1 is the most urgent. */
export type EventPriority = 1 | 2 | 3;
export type BackoffKind = 'exponential' | 'linear' | 'immediate';

export interface EventRoute {
  readonly eventType: EventType;
  readonly handler: EventFunctionName;
  readonly priority: EventPriority;
  readonly backoff: BackoffKind;
}

export const EVENT_ROUTES: readonly EventRoute[] = [
  { eventType: 'coffee.order.created', handler: 'coffee-order-processor', priority: 1, backoff: 'exponential' },
  { eventType: 'coffee.order.updated', handler: 'coffee-order-processor', priority: 1, backoff: 'exponential' },
  { eventType: 'ai.task.created', handler: 'ai-agent-coordinator', priority: 2, backoff: 'linear' },
  { eventType: 'ai.response.needed', handler: 'ai-agent-coordinator', priority: 2, backoff: 'linear' },
  { eventType: 'defi.price.update', handler: 'defi-arbitrage-scanner', priority: 1, backoff: 'immediate' },
  { eventType: 'defi.arbitrage.opportunity', handler: 'defi-arbitrage-scanner', priority: 1, backoff: 'immediate' },
  { eventType: 'inventory.low', handler: 'inventory-optimizer', priority: 2, backoff: 'exponential' },
  { eventType: 'inventory.forecast', handler: 'inventory-optimizer', priority: 3, backoff: 'linear' },
  { eventType: 'notification.send', handler: 'notification-dispatcher', priority: 2, backoff: 'exponential' },
  { eventType: 'alert.trigger', handler: 'notification-dispatcher', priority: 1, backoff: 'immediate' },
];

/** How a failed event is retried before it goes to its dead-letter topic. */
export interface RetryPolicy {
  readonly backoff: BackoffKind;
  /** Attempts including the first one. */
  readonly maxAttempts: number;
  /** Delay before the first retry. */
  readonly initialDelayMs: number;
  /** exponential: delay multiplier; linear: the delay grows by initialDelayMs each retry. */
  readonly multiplier: number;
  readonly maxDelayMs: number;
}

// Immediate retries suit prices and alerts, where a late answer is worthless; orders and notifications can
// wait out a dependency outage, so they back off exponentially up to a minute.
export const RETRY_POLICIES: Readonly<Record<BackoffKind, RetryPolicy>> = {
  exponential: { backoff: 'exponential', maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 60_000 },
  linear: { backoff: 'linear', maxAttempts: 5, initialDelayMs: 5000, multiplier: 1, maxDelayMs: 25_000 },
  immediate: { backoff: 'immediate', maxAttempts: 3, initialDelayMs: 0, multiplier: 1, maxDelayMs: 0 },
};

/** Consumer lag per replica at which KEDA adds a replica: urgent topics scale out sooner. */
export const LAG_THRESHOLD_BY_PRIORITY: Readonly<Record<EventPriority, number>> = { 1: 10, 2: 50, 3: 200 };

/** Dead-letter topic of an event type (the `.dlq` suffix the event-functions dashboard counts). */
export function deadLetterTopic(eventType: EventType): string {
  return `${eventType}.dlq`;
}

/** Routes handled by `handler`, in table order. */
export function routesOf(handler: EventFunctionName): EventRoute[] {
  return EVENT_ROUTES.filter((route) => route.handler === handler);
}

/** Throws unless every event type is routed exactly once. */
export function assertEveryEventRoutedOnce(routes: readonly EventRoute[]): void {
  for (const eventType of EVENT_TYPES) {
    const count = routes.filter((route) => route.eventType === eventType).length;
    if (count !== 1) {
      throw new Error(
        `event type "${eventType}" is routed ${count} times; give it exactly one row in EVENT_ROUTES (event-routing.ts)`,
      );
    }
  }
}
