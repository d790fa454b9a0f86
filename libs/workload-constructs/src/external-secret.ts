// External Secrets Operator ExternalSecret: the only way a secret reaches a workload. The operator copies
// values from the cloud's secret store into a Secret at runtime, so no Secret with data is ever rendered
// into Git. There is deliberately no prop for inline values.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { assertDnsLabel, assertDnsSubdomain, assertDuration } from './kubernetes-names';
import { objectMetadata } from './object-metadata';

/** API version served by External Secrets Operator 0.16 and later. */
export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export interface ExternalSecretEntry {
  /** Key in the resulting Kubernetes Secret (the variable name when consumed through `envFrom`). */
  readonly secretKey: string;
  /** Key of the secret in the external store, e.g. `go-coffee/prod/user-gateway`. */
  readonly remoteKey: string;
  /**
   * Property inside a JSON-structured remote secret.
   * @default the whole remote value
   */
  readonly property?: string;
}

export interface ExternalSecretProps {
  /** metadata.name of the ExternalSecret; a DNS label. */
  readonly name: string;
  /**
   * Namespace of the ExternalSecret and of the Secret it creates.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /** Name of the (Cluster)SecretStore that reads the cloud's secret manager. */
  readonly secretStoreName: string;
  /**
   * @default 'ClusterSecretStore'
   */
  readonly secretStoreKind?: 'ClusterSecretStore' | 'SecretStore';
  /** The keys to copy; at least one, secretKey unique. */
  readonly data: readonly ExternalSecretEntry[];
  /**
   * How often the operator re-reads the store (rotation latency).
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * Name of the Secret the operator creates and owns.
   * @default the ExternalSecret's name
   */
  readonly targetSecretName?: string;
  /**
   * Labels on the ExternalSecret.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Renders an `external-secrets.io/v1` ExternalSecret whose target Secret is owned by the operator. */
export class ExternalSecret extends Construct {
  public readonly apiObject: ApiObject;
  /** Name of the Secret workloads mount or reference with `envFrom`. */
  public readonly secretName: string;

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    const where = `ExternalSecret "${props.name}"`;
    assertDnsLabel(props.name, `${where}: name`);
    assertDnsSubdomain(props.secretStoreName, `${where}: secretStoreName`);
    this.secretName = props.targetSecretName ?? props.name;
    assertDnsSubdomain(this.secretName, `${where}: targetSecretName`);
    const refreshInterval = props.refreshInterval ?? '1h';
    assertDuration(refreshInterval, `${where}: refreshInterval`);
    if (props.data.length === 0) {
      throw new Error(`${where}: data is empty; list at least one { secretKey, remoteKey }`);
    }
    const seen = new Set<string>();
    for (const entry of props.data) {
      if (!SECRET_KEY.test(entry.secretKey)) {
        throw new Error(`${where}: secretKey "${entry.secretKey}" may only contain letters, digits, '-', '_' and '.'`);
      }
      if (seen.has(entry.secretKey)) {
        throw new Error(`${where}: secretKey "${entry.secretKey}" is listed twice; each key must be unique`);
      }
      seen.add(entry.secretKey);
      if (entry.remoteKey.trim() === '') {
        throw new Error(`${where}: secretKey "${entry.secretKey}" has an empty remoteKey`);
      }
    }
    const data = [...props.data]
      .sort((a, b) => (a.secretKey < b.secretKey ? -1 : 1))
      .map((entry) => ({
        remoteRef: {
          key: entry.remoteKey,
          ...(entry.property === undefined ? {} : { property: entry.property }),
        },
        secretKey: entry.secretKey,
      }));

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'ExternalSecret',
      metadata: objectMetadata(props),
      spec: {
        data,
        refreshInterval,
        secretStoreRef: { kind: props.secretStoreKind ?? 'ClusterSecretStore', name: props.secretStoreName },
        target: { creationPolicy: 'Owner', name: this.secretName },
      },
    });
  }
}
