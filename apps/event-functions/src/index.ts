// Public entry point of the event-functions app: its render area, wired into the render engine.
export { eventFunctionsArea } from './event-functions-area';
export { EVENT_FUNCTIONS } from './event-function-catalog';
export type { EventFunctionName, EventFunctionSpec } from './event-function-catalog';
export { deadLetterTopic, EVENT_ROUTES, EVENT_TYPES, RETRY_POLICIES } from './event-routing';
export type { BackoffKind, EventPriority, EventRoute, EventType, RetryPolicy } from './event-routing';
