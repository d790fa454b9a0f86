// Small rendered-looking clusters for the picture tests: the shapes the renderer writes (tracking ids, sync
// waves, NetworkPolicies with pod, namespace and ipBlock peers), a handful of objects each.
import { TRACKING_ID_ANNOTATION, type KubeObject } from '@go-coffee/kube-objects';

const tracked = (application: string, group: string, kind: string, namespace: string, name: string) => ({
  [TRACKING_ID_ANNOTATION]: `${application}:${group}/${kind}:${namespace}/${name}`,
  'argocd.argoproj.io/sync-wave': kind === 'Application' ? '0' : '1',
});

export function application(
  name: string,
  parent: string,
  options: { manual?: boolean; chart?: string; destination?: string } = {},
): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', annotations: tracked(parent, 'argoproj.io', 'Application', 'argocd', name) },
    spec: {
      destination: { namespace: options.destination ?? 'go-coffee' },
      source: options.chart
        ? { chart: options.chart, targetRevision: '1.2.3', repoURL: 'https://charts.example.com' }
        : { path: `gitops/c/${name}` },
      syncPolicy: options.manual ? {} : { automated: { prune: true, selfHeal: true } },
    },
  };
}

export function deployment(application: string, namespace: string, name: string, image: string): KubeObject {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels, annotations: tracked(application, 'apps', 'Deployment', namespace, name) },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name, image }] } } },
  };
}

export function egressPolicy(
  application: string,
  namespace: string,
  name: string,
  egress: readonly Record<string, unknown>[],
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name,
      namespace,
      labels: { 'app.kubernetes.io/name': name },
      annotations: tracked(application, 'networking.k8s.io', 'NetworkPolicy', namespace, name),
    },
    spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': name } }, egress, policyTypes: ['Egress'] },
  };
}

export const toPods = (name: string, port: number) => ({
  to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } }],
  ports: [{ port, protocol: 'TCP' }],
});
export const toNamespace = (namespace: string, port: number) => ({
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } }],
  ports: [{ port, protocol: 'TCP' }],
});
export const toCidr = (cidr: string, port: number, except?: string[]) => ({
  to: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }],
  ports: [{ port, protocol: 'TCP' }],
});

/** A managed-data cluster: two services, one calling the other, both on MSK-style Kafka, one on the internet. */
export function managedCluster(apiImage = 'ghcr.io/go-coffee/api:1.0.0'): KubeObject[] {
  return [
    application('root', 'root', { destination: 'argocd' }),
    application('core', 'root'),
    application('payments', 'root', { manual: true }),
    application('keda', 'core', { chart: 'keda', destination: 'keda' }),
    deployment('core', 'shop', 'api', apiImage),
    deployment('core', 'shop', 'worker', 'ghcr.io/go-coffee/worker:1.0.0'),
    deployment('payments', 'shop', 'pay', 'ghcr.io/go-coffee/pay:2.0.0'),
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'shop', annotations: tracked('core', 'autoscaling', 'HPA', 'shop', 'api') },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 5 },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'data-service-endpoints', namespace: 'shop' },
      data: { KAFKA_PROVIDER: 'Amazon MSK' },
    },
    egressPolicy('core', 'shop', 'api', [toPods('worker', 8080), toPods('pay', 8083)]),
    egressPolicy('core', 'shop', 'worker', [
      toCidr('10.0.0.0/8', 9096),
      toCidr('172.16.0.0/12', 9096),
      toCidr('192.168.0.0/16', 9096),
    ]),
    egressPolicy('payments', 'shop', 'pay', [
      toCidr('0.0.0.0/0', 443, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.169.254/32']),
    ]),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns-egress', namespace: 'shop' },
      spec: { podSelector: {}, egress: [toNamespace('kube-system', 53)] },
    },
  ];
}
