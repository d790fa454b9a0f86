// Strimzi's Topic Operator on its own, for clusters whose Kafka the cloud runs: it reconciles the same
// KafkaTopic resources as in dev (every event topic and its dead-letter topic) against the managed brokers
// through the Kafka Admin API, so topics are code in every environment. It authenticates like every other
// client (SASL over TLS to the provider's brokers) with its own user, which may create, alter and delete topics.
// The KafkaTopic CRD comes from the Strimzi chart, installed with no cluster operator (replicas 0) on these
// clusters.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import {
  CLOUD_SECRET_STORE,
  dataServiceEgress,
  ExternalSecret,
  HardenedDeployment,
  KAFKA_CLUSTER_NAME,
  MANAGED_KAFKA_SASL_MECHANISM,
  NamespaceDefaultDeny,
  secretManagerKey,
  WorkloadNetworkPolicy,
} from '@go-coffee/workload-constructs';

export interface StandaloneTopicOperatorProps {
  readonly ctx: ClusterContext;
  /** Namespace of the KafkaTopics it reconciles; it runs there too. */
  readonly namespace: string;
  /**
   * Strimzi release; the operator image has the same version as the chart that installs the CRDs. The image is
   * quay.io/strimzi/operator mirrored under the platform's registry (only ghcr.io/go-coffee/ images may run).
   */
  readonly strimziVersion: string;
  readonly labels: Readonly<Record<string, string>>;
}

export const TOPIC_OPERATOR_NAME = 'kafka-topic-operator';
const HEALTH_PORT = 8080;
/** Strimzi's `STRIMZI_SASL_MECHANISM` spelling of each SASL mechanism. */
const STRIMZI_SASL: Readonly<Record<string, string>> = { PLAIN: 'plain', 'SCRAM-SHA-512': 'scram-sha-512' };

export class StandaloneTopicOperator extends Construct {
  constructor(scope: Construct, id: string, props: StandaloneTopicOperatorProps) {
    super(scope, id);
    const { ctx, namespace } = props;
    const name = TOPIC_OPERATOR_NAME;
    const metadata = (objectName: string) => ({ name: objectName, namespace, labels: { ...props.labels } });
    const mechanism = STRIMZI_SASL[MANAGED_KAFKA_SASL_MECHANISM[ctx.cloud]];
    if (mechanism === undefined) {
      throw new Error(`${name}: Strimzi's Topic Operator has no SASL mechanism for ${ctx.cloud}'s managed Kafka`);
    }

    new ApiObject(this, 'ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(name) });
    new ApiObject(this, 'Role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(name),
      rules: [
        {
          apiGroups: ['kafka.strimzi.io'],
          resources: ['kafkatopics'],
          verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'],
        },
        { apiGroups: ['kafka.strimzi.io'], resources: ['kafkatopics/status'], verbs: ['get', 'patch', 'update'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create'] },
      ],
    });
    new ApiObject(this, 'RoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    });

    const settings = `${name}-config`;
    new ApiObject(this, 'Config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: metadata(settings),
      data: {
        STRIMZI_NAMESPACE: namespace,
        STRIMZI_RESOURCE_LABELS: `strimzi.io/cluster=${KAFKA_CLUSTER_NAME}`,
        STRIMZI_SASL_ENABLED: 'true',
        STRIMZI_SASL_MECHANISM: mechanism,
        STRIMZI_SECURITY_PROTOCOL: 'SASL_SSL',
        STRIMZI_TLS_ENABLED: 'true',
      },
    });
    // Its own Kafka user (topic administration), and the provider's brokers, both written by the cloud IaC.
    const remoteKey = secretManagerKey(ctx, 'data', name);
    const credentials = new ExternalSecret(this, 'Credentials', {
      name: `${name}-credentials`,
      namespace,
      secretStoreName: CLOUD_SECRET_STORE,
      labels: props.labels,
      data: [
        { secretKey: 'STRIMZI_KAFKA_BOOTSTRAP_SERVERS', remoteKey, property: 'bootstrap_servers' },
        { secretKey: 'STRIMZI_SASL_PASSWORD', remoteKey, property: 'password' },
        { secretKey: 'STRIMZI_SASL_USERNAME', remoteKey, property: 'username' },
      ],
    });

    const workload = {
      name,
      component: 'topic-operator',
      owner: 'platform-engineering',
      dataClassification: 'internal',
    } as const;
    new HardenedDeployment(this, 'Deployment', {
      workload,
      namespace,
      image: { repository: 'ghcr.io/go-coffee/strimzi-operator', tag: props.strimziVersion },
      args: ['/opt/strimzi/bin/topic_operator_run.sh'],
      ports: [{ name: 'health', port: HEALTH_PORT }],
      liveness: { type: 'http', path: '/healthy', port: HEALTH_PORT },
      readiness: { type: 'http', path: '/ready', port: HEALTH_PORT },
      resources: { cpuRequestMillis: 100, cpuLimitMillis: 500, memoryRequestMebibytes: 256, memoryLimitMebibytes: 512 },
      replicas: 1,
      kubernetesApiAccess: true,
      serviceAccountName: name,
      envFromConfigMaps: [settings],
      envFromSecrets: [credentials.secretName],
    });

    // The data namespace runs nothing else on managed clusters: deny by default, then the brokers and the
    // Kubernetes API (the API server's address differs per cloud and is not always private, so any, on 443).
    new NamespaceDefaultDeny(this, 'DefaultDeny', { namespace, labels: props.labels });
    new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      workload,
      namespace,
      egress: [...dataServiceEgress('kafka', ctx, namespace), { peer: { cidr: '0.0.0.0/0' }, ports: [{ port: 443 }] }],
    });
  }
}
