// The event functions: Kafka consumers that KEDA scales on lag. Timeout and memory are the functions'
// contract (what a handler may take); the rest is who owns them and what they may reach.
import type { ServiceName } from '@go-coffee/environments';
import type { DataClassification, DataService } from '@go-coffee/workload-constructs';

export type EventFunctionName = Extract<
  ServiceName,
  | 'coffee-order-processor'
  | 'ai-agent-coordinator'
  | 'defi-arbitrage-scanner'
  | 'inventory-optimizer'
  | 'notification-dispatcher'
>;

export interface EventFunctionSpec {
  readonly name: EventFunctionName;
  /** Longest time one event may take; also bounds graceful shutdown. */
  readonly timeoutSeconds: number;
  /** Memory request and limit. */
  readonly memoryMebibytes: number;
  readonly owner: string;
  readonly dataClassification: DataClassification;
  /** Data services besides Kafka. */
  readonly dataServices: readonly DataService[];
  /** Reaches external HTTPS APIs (AI providers, blockchain RPC, mail and chat). */
  readonly callsInternet: boolean;
}

export const EVENT_FUNCTIONS: readonly EventFunctionSpec[] = [
  {
    name: 'coffee-order-processor',
    timeoutSeconds: 30,
    memoryMebibytes: 512,
    owner: 'orders',
    dataClassification: 'gdpr',
    dataServices: ['postgres'],
    callsInternet: false,
  },
  {
    name: 'ai-agent-coordinator',
    timeoutSeconds: 60,
    memoryMebibytes: 1024,
    owner: 'ai-agents',
    dataClassification: 'internal',
    dataServices: ['redis'],
    callsInternet: true,
  },
  {
    name: 'defi-arbitrage-scanner',
    timeoutSeconds: 300,
    memoryMebibytes: 2048,
    owner: 'defi',
    dataClassification: 'internal',
    dataServices: [],
    callsInternet: true,
  },
  {
    name: 'inventory-optimizer',
    timeoutSeconds: 120,
    memoryMebibytes: 1024,
    owner: 'orders',
    dataClassification: 'internal',
    dataServices: ['postgres'],
    callsInternet: false,
  },
  {
    name: 'notification-dispatcher',
    timeoutSeconds: 30,
    memoryMebibytes: 256,
    owner: 'platform-edge',
    dataClassification: 'gdpr',
    dataServices: [],
    callsInternet: true,
  },
];
