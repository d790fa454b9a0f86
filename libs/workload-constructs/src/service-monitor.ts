// Prometheus Operator ServiceMonitor: tells Prometheus which Services to scrape. Used by every area that
// exposes metrics, so its props are a stable contract.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertDnsLabel, assertDuration, durationSeconds } from './kubernetes-names';
import { LABEL_NAME } from './workload-labels';
import { objectMetadata } from './object-metadata';

export interface ServiceMonitorEndpoint {
  /** Name of the Service port to scrape (a named port, never a number, so renumbering cannot break it). */
  readonly port: string;
  /**
   * HTTP path of the metrics.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Scrape interval.
   * @default '30s'
   */
  readonly interval?: string;
  /**
   * Scrape timeout; must not exceed the interval.
   * @default '10s'
   */
  readonly scrapeTimeout?: string;
  /**
   * @default 'http'
   */
  readonly scheme?: 'http' | 'https';
}

export interface ServiceMonitorProps {
  /** metadata.name of the ServiceMonitor; a DNS label. */
  readonly name: string;
  /**
   * Namespace of the ServiceMonitor.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** matchLabels that select the Services to scrape; must not be empty (an empty selector scrapes everything). */
  readonly selector: Readonly<Record<string, string>>;
  /** At least one endpoint. */
  readonly endpoints: readonly ServiceMonitorEndpoint[];
  /**
   * Namespaces in which matching Services are looked up.
   * @default only the ServiceMonitor's own namespace
   */
  readonly targetNamespaces?: readonly string[];
  /**
   * Extra labels on the ServiceMonitor itself, e.g. the label a Prometheus `serviceMonitorSelector` matches.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Service label whose value becomes the `job` label of the scraped series.
   * @default 'app.kubernetes.io/name'
   */
  readonly jobLabel?: string;
}

/** Renders a `monitoring.coreos.com/v1` ServiceMonitor. */
export class ServiceMonitor extends Construct {
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    const where = `ServiceMonitor "${props.name}"`;
    assertDnsLabel(props.name, `${where}: name`);
    if (Object.keys(props.selector).length === 0) {
      throw new Error(`${where}: selector is empty, which would scrape every Service; give the Service labels`);
    }
    if (props.endpoints.length === 0) {
      throw new Error(`${where}: no endpoints; add at least one { port: '<service port name>' }`);
    }
    const seenPorts = new Set<string>();
    const endpoints = props.endpoints.map((endpoint) => {
      if (/^[0-9]+$/.test(endpoint.port)) {
        throw new Error(`${where}: endpoint port "${endpoint.port}" is a number; use the Service port's name`);
      }
      const path = endpoint.path ?? '/metrics';
      if (seenPorts.has(`${endpoint.port}${path}`)) {
        throw new Error(`${where}: endpoint ${endpoint.port}${path} is listed twice`);
      }
      seenPorts.add(`${endpoint.port}${path}`);
      if (!path.startsWith('/')) {
        throw new Error(`${where}: endpoint path "${path}" must start with "/"`);
      }
      const interval = endpoint.interval ?? '30s';
      const scrapeTimeout = endpoint.scrapeTimeout ?? '10s';
      assertDuration(interval, `${where}: interval`);
      assertDuration(scrapeTimeout, `${where}: scrapeTimeout`);
      if (durationSeconds(scrapeTimeout) > durationSeconds(interval)) {
        throw new Error(`${where}: scrapeTimeout ${scrapeTimeout} exceeds interval ${interval}; shorten the timeout`);
      }
      return { interval, path, port: endpoint.port, scheme: endpoint.scheme ?? 'http', scrapeTimeout };
    });

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: objectMetadata(props),
      spec: {
        endpoints,
        jobLabel: props.jobLabel ?? LABEL_NAME,
        ...(props.targetNamespaces === undefined
          ? {}
          : { namespaceSelector: { matchNames: [...props.targetNamespaces].sort() } }),
        selector: { matchLabels: { ...props.selector } },
      },
    });
  }
}
