// Whether KEDA's Kafka scalers can talk to the listener their workloads use. The data area states each
// namespace's Kafka client settings in its `data-service-endpoints` ConfigMap (KAFKA_SECURITY_PROTOCOL,
// KAFKA_SASL_MECHANISM); a kafka trigger in that namespace must use the same security, in KEDA's own words
// (`sasl`: plaintext | scram_sha256 | scram_sha512, `tls`: enable), and take its username and password from a
// TriggerAuthentication. A trigger without them errors on every poll, and a function at zero never wakes.
import { describeObject } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

/** Kafka client `sasl.mechanism` → KEDA kafka scaler `sasl`. */
const KEDA_SASL: Readonly<Record<string, string>> = {
  PLAIN: 'plaintext',
  'SCRAM-SHA-256': 'scram_sha256',
  'SCRAM-SHA-512': 'scram_sha512',
};

type Loose = Record<string, unknown>;

/** One message per kafka trigger whose security differs from its namespace's Kafka client settings. */
export function kafkaScalerSecurityViolations(objects: readonly ClusterObject[]): string[] {
  const settings = new Map<string, Loose>();
  for (const { cluster, manifest } of objects) {
    if (manifest.kind === 'ConfigMap' && manifest.metadata.name === 'data-service-endpoints') {
      settings.set(`${cluster} ${manifest.metadata.namespace}`, (manifest as Loose).data as Loose);
    }
  }
  const violations: string[] = [];
  for (const { cluster, manifest } of objects) {
    if (manifest.kind !== 'ScaledObject') continue;
    const where = `${cluster}: ${describeObject(manifest)}`;
    const triggers = ((manifest.spec as Loose | undefined)?.triggers ?? []) as Loose[];
    for (const trigger of triggers.filter((t) => t.type === 'kafka')) {
      const metadata = (trigger.metadata ?? {}) as Loose;
      const topic = `trigger of topic "${String(metadata.topic)}"`;
      const client = settings.get(`${cluster} ${manifest.metadata.namespace}`);
      if (client === undefined) {
        violations.push(`${where}: ${topic} has no data-service-endpoints ConfigMap in its namespace to match`);
        continue;
      }
      const protocol = String(client.KAFKA_SECURITY_PROTOCOL ?? 'PLAINTEXT');
      const wantTls = protocol.endsWith('SSL') ? 'enable' : undefined;
      const wantSasl = protocol.startsWith('SASL_') ? KEDA_SASL[String(client.KAFKA_SASL_MECHANISM)] : undefined;
      if (protocol.startsWith('SASL_') && wantSasl === undefined) {
        violations.push(
          `${where}: ${topic}: KEDA has no sasl mode for mechanism "${String(client.KAFKA_SASL_MECHANISM)}"`,
        );
      }
      if (metadata.tls !== wantTls) {
        violations.push(
          `${where}: ${topic} has tls "${String(metadata.tls)}", the listener (${protocol}) needs "${String(wantTls)}"`,
        );
      }
      if (metadata.sasl !== wantSasl) {
        violations.push(
          `${where}: ${topic} has sasl "${String(metadata.sasl)}", the listener (${protocol}) needs "${String(wantSasl)}"`,
        );
      }
      if (wantSasl !== undefined && trigger.authenticationRef === undefined) {
        violations.push(
          `${where}: ${topic} has no authenticationRef; SASL needs username and password from a TriggerAuthentication`,
        );
      }
    }
  }
  return violations.sort();
}
