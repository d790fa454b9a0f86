// Whether the configuration a cluster folder renders and the configuration its consumers read are the same
// set: every ConfigMap and every ExternalSecret's target Secret is read by something (no dead config that
// looks wired but is not), and every reference resolves to one of them, with the key it names (no workload
// waiting for a Secret that never comes). Consumers, by how they read:
//   pod templates (Deployment, StatefulSet, DaemonSet, Job, CronJob): envFrom, env valueFrom, volumes
//   KEDA: TriggerAuthentication secretTargetRef; ScaledObject `*FromEnv` (the target container's env) and
//         authenticationRef
//   operators: CloudNativePG bootstrap secret, OT redis-operator redisSecret, AlertmanagerConfig secret selectors
//   Helm values of Argo CD Applications: `existingSecret`, and the Grafana dashboard sidecar's label
import { describeObject, type Manifest } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

type Loose = Record<string, unknown>;
type Kind = 'ConfigMap' | 'Secret';

interface Reference {
  readonly kind: Kind;
  readonly namespace: string;
  readonly name: string;
  /** The key the consumer reads; undefined when it reads every key. */
  readonly key?: string;
  readonly optional: boolean;
  readonly from: string;
}

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

const asObject = (value: unknown): Loose => (value !== null && typeof value === 'object' ? (value as Loose) : {});
const asList = (value: unknown): Loose[] => (Array.isArray(value) ? value.map(asObject) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function podSpecOf(manifest: Manifest): Loose | undefined {
  const spec = asObject(manifest.spec);
  if (manifest.kind === 'CronJob') return asObject(asObject(asObject(asObject(spec.jobTemplate).spec).template).spec);
  if (POD_TEMPLATE_KINDS.has(manifest.kind)) return asObject(asObject(spec.template).spec);
  return undefined;
}

function podReferences(pod: Loose, namespace: string, from: string): Reference[] {
  const out: Reference[] = [];
  const containers = [...asList(pod.initContainers), ...asList(pod.containers)];
  for (const container of containers) {
    for (const source of asList(container.envFrom)) {
      for (const [field, kind] of [
        ['configMapRef', 'ConfigMap'],
        ['secretRef', 'Secret'],
      ] as const) {
        const ref = asObject(source[field]);
        const name = text(ref.name);
        if (name !== undefined) out.push({ kind, namespace, name, optional: ref.optional === true, from });
      }
    }
    for (const variable of asList(container.env)) {
      const valueFrom = asObject(variable.valueFrom);
      for (const [field, kind] of [
        ['configMapKeyRef', 'ConfigMap'],
        ['secretKeyRef', 'Secret'],
      ] as const) {
        const ref = asObject(valueFrom[field]);
        const name = text(ref.name);
        if (name !== undefined) {
          out.push({ kind, namespace, name, key: text(ref.key), optional: ref.optional === true, from });
        }
      }
    }
  }
  for (const volume of asList(pod.volumes)) {
    const configMap = text(asObject(volume.configMap).name);
    if (configMap !== undefined) {
      out.push({
        kind: 'ConfigMap',
        namespace,
        name: configMap,
        optional: asObject(volume.configMap).optional === true,
        from,
      });
    }
    const secret = text(asObject(volume.secret).secretName);
    if (secret !== undefined) {
      out.push({ kind: 'Secret', namespace, name: secret, optional: asObject(volume.secret).optional === true, from });
    }
  }
  return out;
}

/** Every `{ name, key }` pair below `value` (Prometheus Operator's SecretKeySelector shape). */
function secretKeySelectors(
  value: unknown,
  found: { name: string; key: string }[] = [],
): { name: string; key: string }[] {
  if (Array.isArray(value)) {
    for (const item of value) secretKeySelectors(item, found);
  } else if (value !== null && typeof value === 'object') {
    const object = value as Loose;
    const name = text(object.name);
    const key = text(object.key);
    if (name !== undefined && key !== undefined && Object.keys(object).length === 2) found.push({ name, key });
    else for (const child of Object.values(object)) secretKeySelectors(child, found);
  }
  return found;
}

/** Every value of a property called `property` below `value`. */
function valuesNamed(value: unknown, property: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) valuesNamed(item, property, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Loose)) {
      if (key === property) found.push(child);
      valuesNamed(child, property, found);
    }
  }
  return found;
}

interface Produced {
  readonly keys: ReadonlySet<string>;
  readonly labels: Readonly<Record<string, string>>;
  readonly producer: string;
}

const id = (cluster: string, kind: Kind, namespace: string, name: string) => `${cluster} ${kind} ${namespace}/${name}`;

/** Dangling references and unread ConfigMaps/Secrets of every cluster folder, sorted. */
export function configReferenceViolations(objects: readonly ClusterObject[]): string[] {
  const produced = new Map<string, Produced>();
  const references: { cluster: string; reference: Reference }[] = [];
  /** Label selectors (key=value) that read every ConfigMap carrying them in a namespace. */
  const labelReaders: { cluster: string; namespace: string; label: string; value: string }[] = [];
  const podsByWorkload = new Map<string, Loose>();
  const triggerAuthentications = new Set<string>();

  for (const { cluster, manifest } of objects) {
    const namespace = manifest.metadata.namespace ?? '';
    const describe = describeObject(manifest);
    const spec = asObject(manifest.spec);
    if (manifest.kind === 'ConfigMap') {
      produced.set(id(cluster, 'ConfigMap', namespace, manifest.metadata.name), {
        keys: new Set(Object.keys(asObject((manifest as Loose).data))),
        labels: manifest.metadata.labels ?? {},
        producer: describe,
      });
    }
    if (manifest.kind === 'ExternalSecret') {
      const target = text(asObject(spec.target).name) ?? manifest.metadata.name;
      produced.set(id(cluster, 'Secret', namespace, target), {
        keys: new Set(asList(spec.data).map((entry) => text(entry.secretKey) ?? '')),
        labels: {},
        producer: describe,
      });
    }
    const pod = podSpecOf(manifest);
    if (pod !== undefined) {
      podsByWorkload.set(`${cluster} ${manifest.kind} ${namespace}/${manifest.metadata.name}`, pod);
      for (const reference of podReferences(pod, namespace, describe)) references.push({ cluster, reference });
    }
    if (manifest.kind === 'TriggerAuthentication') {
      triggerAuthentications.add(`${cluster} ${namespace}/${manifest.metadata.name}`);
      for (const target of asList(spec.secretTargetRef)) {
        const name = text(target.name);
        if (name !== undefined) {
          references.push({
            cluster,
            reference: { kind: 'Secret', namespace, name, key: text(target.key), optional: false, from: describe },
          });
        }
      }
    }
    if (manifest.kind === 'Cluster' && manifest.apiVersion.startsWith('postgresql.cnpg.io/')) {
      const name = text(asObject(asObject(asObject(spec.bootstrap).initdb).secret).name);
      if (name !== undefined) {
        references.push({ cluster, reference: { kind: 'Secret', namespace, name, optional: false, from: describe } });
      }
    }
    if (manifest.kind === 'Redis' || manifest.kind === 'RedisCluster') {
      const secret = asObject(asObject(spec.kubernetesConfig).redisSecret);
      const name = text(secret.name);
      if (name !== undefined) {
        references.push({
          cluster,
          reference: { kind: 'Secret', namespace, name, key: text(secret.key), optional: false, from: describe },
        });
      }
    }
    if (manifest.kind === 'AlertmanagerConfig') {
      for (const selector of secretKeySelectors(spec.receivers)) {
        references.push({
          cluster,
          reference: { kind: 'Secret', namespace, ...selector, optional: false, from: describe },
        });
      }
    }
    if (manifest.kind === 'Application') {
      const destination = text(asObject(spec.destination).namespace) ?? '';
      const values = asObject(asObject(asObject(spec.source).helm).valuesObject);
      for (const name of valuesNamed(values, 'existingSecret')) {
        if (typeof name !== 'string') continue;
        references.push({
          cluster,
          reference: { kind: 'Secret', namespace: destination, name, optional: false, from: describe },
        });
      }
      for (const sidecar of valuesNamed(values, 'sidecar')) {
        const dashboards = asObject(asObject(sidecar).dashboards);
        const label = text(dashboards.label);
        if (dashboards.enabled === true && label !== undefined) {
          const namespace = text(dashboards.searchNamespace) ?? destination;
          labelReaders.push({ cluster, namespace, label, value: text(dashboards.labelValue) ?? '' });
        }
      }
    }
  }

  const violations: string[] = [];
  const read = new Set<string>();
  for (const { cluster, reference } of references) {
    const target = id(cluster, reference.kind, reference.namespace, reference.name);
    read.add(target);
    const found = produced.get(target);
    if (found === undefined) {
      if (!reference.optional) {
        violations.push(
          `${cluster}: ${reference.from} reads ${reference.kind} ${reference.namespace}/${reference.name}, which is not rendered; render it (ConfigMap or ExternalSecret) or drop the reference`,
        );
      }
    } else if (reference.key !== undefined && !found.keys.has(reference.key)) {
      violations.push(
        `${cluster}: ${reference.from} reads key "${reference.key}" of ${reference.kind} ${reference.namespace}/${reference.name}, which ${found.producer} does not provide`,
      );
    }
  }

  // KEDA resolves `<parameter>FromEnv` from the scale target's container environment.
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'ScaledObject') continue;
    const namespace = manifest.metadata.namespace ?? '';
    const spec = asObject(manifest.spec);
    const target = asObject(spec.scaleTargetRef);
    const pod = podsByWorkload.get(`${cluster} ${text(target.kind) ?? 'Deployment'} ${namespace}/${text(target.name)}`);
    const environment = new Set<string>();
    for (const container of asList(pod?.containers)) {
      for (const variable of asList(container.env)) environment.add(text(variable.name) ?? '');
      for (const source of asList(container.envFrom)) {
        for (const [field, kind] of [
          ['configMapRef', 'ConfigMap'],
          ['secretRef', 'Secret'],
        ] as const) {
          const name = text(asObject(source[field]).name);
          const keys = name === undefined ? undefined : produced.get(id(cluster, kind, namespace, name))?.keys;
          for (const key of keys ?? []) environment.add(key);
        }
      }
    }
    for (const trigger of asList(spec.triggers)) {
      for (const [parameter, value] of Object.entries(asObject(trigger.metadata))) {
        if (parameter.endsWith('FromEnv') && typeof value === 'string' && !environment.has(value)) {
          violations.push(
            `${cluster}: ${describeObject(manifest)} reads ${parameter} "${value}", which the container of ${text(target.name)} does not have`,
          );
        }
      }
      const authentication = text(asObject(trigger.authenticationRef).name);
      if (authentication !== undefined && !triggerAuthentications.has(`${cluster} ${namespace}/${authentication}`)) {
        violations.push(
          `${cluster}: ${describeObject(manifest)} authenticates with TriggerAuthentication ${namespace}/${authentication}, which is not rendered`,
        );
      }
    }
  }

  for (const [target, found] of produced) {
    if (read.has(target)) continue;
    const [cluster, kind, path] = target.split(' ') as [string, Kind, string];
    const namespace = path.split('/')[0]!;
    const byLabel =
      kind === 'ConfigMap' &&
      labelReaders.some((r) => r.cluster === cluster && r.namespace === namespace && found.labels[r.label] === r.value);
    if (!byLabel) {
      violations.push(
        `${cluster}: ${kind} ${path} (from ${found.producer}) is read by nothing; reference it from its consumer or stop rendering it`,
      );
    }
  }
  return violations.sort();
}
