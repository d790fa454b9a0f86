// Writes a synthetic rendered tree (gitops/<cluster>/<area>/<kind>-<name>.yaml, one object per file) for
// parity tests and the benchmark: compliant services with a sprinkle of planted violations, so both
// failure and success paths of every policy run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const labels = (name: string) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': 'go-coffee',
  'app.kubernetes.io/managed-by': 'cdk8s',
  'go-coffee.io/owner': 'team-core',
});

function deployment(name: string, index: number): object {
  const violating = index % 50 === 7;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'go-coffee', labels: labels(name) },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name,
              image: violating ? `ghcr.io/go-coffee/${name}:latest` : `ghcr.io/go-coffee/${name}:1.${index}.0`,
              ports: [{ containerPort: 8080 }],
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
                ...(violating ? { privileged: true } : {}),
              },
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              livenessProbe: { httpGet: { path: '/health', port: 8080 } },
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            },
          ],
        },
      },
    },
  };
}

const service = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'go-coffee', labels: labels(name) },
  spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': name }, ports: [{ port: 8080, targetPort: 8080 }] },
});

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: `${name}-config`, namespace: 'go-coffee', labels: labels(name) },
  data: { LOG_LEVEL: 'info', SERVICE_NAME: name },
});

const hpa = (name: string) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name, namespace: 'go-coffee', labels: labels(name) },
  spec: { minReplicas: 1, maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name } },
});

const defaultDeny = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace: 'go-coffee', labels: labels('go-coffee') },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
};

/** Writes about `objects` objects (rounded to whole services of 4) into `root`; returns how many it wrote. */
export function writeSyntheticTree(root: string, objects: number, clusters = 2): number {
  let written = 0;
  const write = (cluster: string, object: { kind: string; metadata: { name: string } }) => {
    const dir = join(root, cluster, 'core-services');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`), toYaml(object));
    written++;
  };
  const perCluster = Math.max(1, Math.floor(objects / clusters / 4));
  for (let c = 0; c < clusters; c++) {
    const cluster = `synthetic-${c}`;
    write(cluster, defaultDeny);
    for (let index = 0; index < perCluster; index++) {
      const name = `svc-${String(index).padStart(5, '0')}`;
      write(cluster, deployment(name, index) as never);
      write(cluster, service(name));
      write(cluster, configMap(name));
      write(cluster, hpa(name));
    }
  }
  return written;
}

/** JSON is valid YAML; one line per object keeps the generator fast and the files parseable by both tools. */
function toYaml(object: unknown): string {
  return `${JSON.stringify(object)}\n`;
}
