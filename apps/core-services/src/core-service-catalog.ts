// The core services of Go Coffee as data: ports, probes, resource budgets, configuration, secrets and who
// talks to whom. The area renders every object from this table, and the NetworkPolicies are derived from the
// `calls` and `dataServices` columns, so an undeclared connection is blocked rather than forgotten.
import type { ClusterContext, ServiceName } from '@go-coffee/environments';
import type {
  DataClassification,
  DataService,
  NamedPort,
  ProbeCheck,
  ResourceBudget,
} from '@go-coffee/workload-constructs';

export type CoreServiceName = Extract<
  ServiceName,
  | 'api-gateway'
  | 'user-gateway'
  | 'security-gateway'
  | 'web-ui-backend'
  | 'producer'
  | 'kitchen-service'
  | 'web3-payment-service'
>;

/** A connection to another core service, by the name of the port it is made to. */
export interface ServiceCall {
  readonly service: CoreServiceName;
  readonly port: string;
}

export interface CoreServiceSpec {
  readonly name: CoreServiceName;
  readonly component: string;
  /** Team paged for the service (`go-coffee.io/owner`). */
  readonly owner: string;
  readonly dataClassification: DataClassification;
  /** Container ports, all exposed by the Service. */
  readonly ports: readonly NamedPort[];
  readonly liveness: ProbeCheck;
  readonly readiness: ProbeCheck;
  /** Name of the port serving Prometheus metrics at /metrics. */
  readonly metricsPort: string;
  /** Budget at resource scale 1. */
  readonly resources: ResourceBudget;
  /**
   * Non-secret settings of the service itself, rendered into its ConfigMap and read as environment. Data
   * service addresses are not settings: every client of `dataServices` also reads the data area's
   * `data-service-endpoints` ConfigMap (and `kafka-credentials` when Kafka is managed).
   */
  readonly settings: (ctx: ClusterContext) => Record<string, string>;
  /** Environment variables that come from the cloud secret manager through an ExternalSecret. */
  readonly secretKeys: readonly string[];
  /** Platform data services the service connects to. */
  readonly dataServices: readonly DataService[];
  /** Connections to other core services. */
  readonly calls: readonly ServiceCall[];
  /** Reaches HTTPS endpoints outside the cluster (blockchain RPC and similar). */
  readonly callsInternet: boolean;
  /** Serves traffic from outside the cluster (through the Ingress). */
  readonly public: boolean;
}

const small: ResourceBudget = {
  cpuRequestMillis: 100,
  cpuLimitMillis: 500,
  memoryRequestMebibytes: 128,
  memoryLimitMebibytes: 256,
};
const medium: ResourceBudget = {
  cpuRequestMillis: 200,
  cpuLimitMillis: 1000,
  memoryRequestMebibytes: 256,
  memoryLimitMebibytes: 512,
};

const httpProbes = (port: number) =>
  ({
    liveness: { type: 'http', path: '/health', port },
    readiness: { type: 'http', path: '/ready', port },
  }) as const;

export const CORE_SERVICES: readonly CoreServiceSpec[] = [
  {
    name: 'api-gateway',
    component: 'gateway',
    owner: 'platform-edge',
    dataClassification: 'internal',
    ports: [{ name: 'http', port: 8080 }],
    ...httpProbes(8080),
    metricsPort: 'http',
    resources: medium,
    settings: () => ({ HTTP_PORT: '8080', ROUTES_FILE: '/etc/api-gateway/routes.json' }),
    secretKeys: [],
    dataServices: [],
    calls: [
      { service: 'security-gateway', port: 'http' },
      { service: 'user-gateway', port: 'http' },
      { service: 'web-ui-backend', port: 'http' },
    ],
    callsInternet: false,
    public: true,
  },
  {
    name: 'user-gateway',
    component: 'gateway',
    owner: 'identity',
    dataClassification: 'gdpr',
    ports: [{ name: 'http', port: 8081 }],
    ...httpProbes(8081),
    metricsPort: 'http',
    resources: small,
    settings: () => ({ HTTP_PORT: '8081', JWT_ISSUER: 'go-coffee', JWT_TTL: '15m' }),
    secretKeys: ['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL'],
    dataServices: ['postgres', 'redis'],
    calls: [],
    callsInternet: false,
    public: false,
  },
  {
    name: 'security-gateway',
    component: 'gateway',
    owner: 'platform-edge',
    dataClassification: 'internal',
    ports: [{ name: 'http', port: 8082 }],
    ...httpProbes(8082),
    metricsPort: 'http',
    resources: small,
    // Dev only reports what the WAF would block, so developers see findings without being locked out.
    settings: (ctx) => ({
      HTTP_PORT: '8082',
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_REQUESTS_PER_MINUTE: ctx.environment === 'prod' ? '600' : '6000',
      WAF_ENABLED: 'true',
      WAF_MODE: ctx.environment === 'dev' ? 'detect' : 'block',
    }),
    secretKeys: ['REDIS_URL'],
    dataServices: ['redis'],
    calls: [],
    callsInternet: false,
    public: false,
  },
  {
    name: 'web-ui-backend',
    component: 'backend',
    owner: 'web',
    dataClassification: 'internal',
    ports: [{ name: 'http', port: 8090 }],
    ...httpProbes(8090),
    metricsPort: 'http',
    resources: { ...small, memoryLimitMebibytes: 512 },
    settings: () => ({ HTTP_PORT: '8090', WEBSOCKET_ENABLED: 'true', WEBSOCKET_PATH: '/ws/' }),
    secretKeys: [],
    dataServices: [],
    calls: [
      { service: 'kitchen-service', port: 'grpc' },
      { service: 'producer', port: 'http' },
      { service: 'web3-payment-service', port: 'http' },
    ],
    callsInternet: false,
    public: false,
  },
  {
    name: 'producer',
    component: 'order-intake',
    owner: 'orders',
    dataClassification: 'internal',
    ports: [{ name: 'http', port: 3000 }],
    ...httpProbes(3000),
    metricsPort: 'http',
    resources: small,
    // Kafka's address and credentials come from the data area's endpoints ConfigMap and kafka-credentials.
    settings: () => ({ HTTP_PORT: '3000', KAFKA_TOPIC: 'coffee_orders' }),
    secretKeys: [],
    dataServices: ['kafka'],
    calls: [],
    callsInternet: false,
    public: false,
  },
  {
    name: 'kitchen-service',
    component: 'kitchen',
    owner: 'orders',
    dataClassification: 'internal',
    ports: [
      { name: 'grpc', port: 50052 },
      { name: 'metrics', port: 9090 },
    ],
    liveness: { type: 'grpc', port: 50052 },
    readiness: { type: 'grpc', port: 50052 },
    metricsPort: 'metrics',
    resources: small,
    settings: () => ({
      GRPC_PORT: '50052',
      KAFKA_GROUP_ID: 'kitchen-service',
      KAFKA_TOPIC: 'coffee_orders',
      METRICS_PORT: '9090',
    }),
    secretKeys: [],
    dataServices: ['kafka'],
    calls: [],
    callsInternet: false,
    public: false,
  },
  {
    name: 'web3-payment-service',
    component: 'payments',
    owner: 'payments',
    dataClassification: 'pci',
    ports: [
      { name: 'http', port: 8083 },
      { name: 'health', port: 8084 },
    ],
    ...httpProbes(8084),
    metricsPort: 'http',
    resources: medium,
    settings: () => ({ HEALTH_PORT: '8084', HTTP_PORT: '8083' }),
    secretKeys: ['BLOCKCHAIN_RPC_URL', 'DATABASE_URL'],
    dataServices: ['postgres'],
    calls: [],
    callsInternet: true,
    public: false,
  },
];

/** The catalog entry of `name`; throws naming the known services when there is none. */
export function coreService(name: CoreServiceName): CoreServiceSpec {
  const spec = CORE_SERVICES.find((service) => service.name === name);
  if (spec === undefined) {
    throw new Error(`unknown core service "${name}"; known: ${CORE_SERVICES.map((s) => s.name).join(', ')}`);
  }
  return spec;
}
