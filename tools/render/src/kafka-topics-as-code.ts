// Whether every Kafka topic the workloads use is code in every cluster: each topic a KEDA trigger watches, a
// function's routing names (including its dead-letter topic) or a service's settings produce to has a KafkaTopic,
// and each KafkaTopic is reconciled by a Strimzi Topic Operator: the Kafka cluster's own (entityOperator) where
// Strimzi runs Kafka, a standalone one (STRIMZI_NAMESPACE + STRIMZI_RESOURCE_LABELS) where the cloud does.
import type { ClusterObject } from './committed-tree';

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose => (value !== null && typeof value === 'object' ? (value as Loose) : {});

/** Topic names a cluster's workloads use, each with where it was found. */
function usedTopics(objects: readonly ClusterObject[], cluster: string): Map<string, string> {
  const used = new Map<string, string>();
  for (const { cluster: c, manifest } of objects) {
    if (c !== cluster) continue;
    const where = `${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name}`;
    if (manifest.kind === 'ScaledObject') {
      for (const trigger of (asObject(manifest.spec).triggers ?? []) as Loose[]) {
        const topic = asObject(trigger.metadata).topic;
        if (trigger.type === 'kafka' && typeof topic === 'string') used.set(topic, where);
      }
    }
    if (manifest.kind === 'ConfigMap') {
      const data = asObject((manifest as Loose).data);
      for (const key of ['KAFKA_TOPIC', 'KAFKA_TOPICS']) {
        if (typeof data[key] === 'string') for (const topic of data[key].split(',')) used.set(topic, where);
      }
      const routing = data['routing.json'];
      if (typeof routing === 'string') {
        for (const route of (JSON.parse(routing) as { routes?: Loose[] }).routes ?? []) {
          for (const field of ['topic', 'deadLetterTopic']) {
            if (typeof route[field] === 'string') used.set(route[field], where);
          }
        }
      }
    }
  }
  return used;
}

/** One message per used topic without a KafkaTopic, and per KafkaTopic no Topic Operator reconciles. */
export function kafkaTopicViolations(objects: readonly ClusterObject[]): string[] {
  const configMaps = new Map<string, Loose>();
  for (const { cluster, manifest } of objects) {
    if (manifest.kind === 'ConfigMap') {
      configMaps.set(
        `${cluster} ${manifest.metadata.namespace}/${manifest.metadata.name}`,
        asObject((manifest as Loose).data),
      );
    }
  }
  /** `<cluster> <namespace> <strimzi.io/cluster>` a Topic Operator reconciles. */
  const reconciled = new Set<string>();
  for (const { cluster, manifest } of objects) {
    const spec = asObject(manifest.spec);
    if (manifest.kind === 'Kafka' && manifest.apiVersion.startsWith('kafka.strimzi.io/')) {
      if (asObject(spec.entityOperator).topicOperator !== undefined) {
        reconciled.add(`${cluster} ${manifest.metadata.namespace} ${manifest.metadata.name}`);
      }
    }
    if (manifest.kind === 'Deployment') {
      const containers = (asObject(asObject(spec.template).spec).containers ?? []) as Loose[];
      for (const container of containers) {
        const env: Loose = {};
        for (const source of (container.envFrom ?? []) as Loose[]) {
          const name = asObject(source.configMapRef).name;
          Object.assign(env, configMaps.get(`${cluster} ${manifest.metadata.namespace}/${String(name)}`) ?? {});
        }
        for (const variable of (container.env ?? []) as Loose[]) env[String(variable.name)] = variable.value;
        const label = /^strimzi\.io\/cluster=(.+)$/.exec(String(env.STRIMZI_RESOURCE_LABELS ?? ''));
        if (typeof env.STRIMZI_NAMESPACE === 'string' && label !== null) {
          reconciled.add(`${cluster} ${env.STRIMZI_NAMESPACE} ${label[1]}`);
        }
      }
    }
  }
  const violations: string[] = [];
  for (const cluster of [...new Set(objects.map((o) => o.cluster))]) {
    const declared = new Set<string>();
    for (const { cluster: c, manifest } of objects) {
      if (c !== cluster || manifest.kind !== 'KafkaTopic') continue;
      const topic = String(asObject(manifest.spec).topicName ?? manifest.metadata.name);
      declared.add(topic);
      const strimziCluster = manifest.metadata.labels?.['strimzi.io/cluster'] ?? '';
      if (!reconciled.has(`${cluster} ${manifest.metadata.namespace} ${strimziCluster}`)) {
        violations.push(
          `${cluster}: KafkaTopic ${manifest.metadata.namespace}/${manifest.metadata.name} (strimzi.io/cluster=${strimziCluster}) is reconciled by no Topic Operator`,
        );
      }
    }
    for (const [topic, where] of usedTopics(objects, cluster)) {
      if (!declared.has(topic)) violations.push(`${cluster}: topic "${topic}" (used by ${where}) has no KafkaTopic`);
    }
  }
  return violations.sort();
}
