// The core-services area rendered for whole clusters, without the render engine: a snapshot of one dev
// cluster, plus assertions of intent over dev, prod and every cloud.
import { testClusterContext } from '@go-coffee/environments/test-support';
import { findRendered, renderAreaForTest, type RenderedObject } from '@go-coffee/render-kit/test-support';
import type { ClusterContext } from '@go-coffee/environments';
import { PUBLIC_CLUSTER_ISSUER } from '@go-coffee/workload-constructs';
import { describe, expect, it } from 'vitest';
import { coreServicesArea } from './core-services-area';
import { CORE_SERVICES } from './core-service-catalog';

const render = (ctx: ClusterContext) => renderAreaForTest(coreServicesArea, ctx);

const find = findRendered;

const dev = testClusterContext();
const prod = testClusterContext({
  environment: 'prod',
  name: 'prod-gcp-us-central1',
  cloud: 'gcp',
  region: 'us-central1',
  identity: { gcpServiceAccount: 'workloads@go-coffee-platform.iam.gserviceaccount.com' },
  ingress: { className: 'gce', baseDomain: 'go-coffee.com' },
  sizing: { name: 'large', minReplicas: 3, maxReplicas: 12, resourceScale: 2 },
  dataMode: 'managed',
});
const azure = testClusterContext({
  name: 'staging-azure-eastus',
  cloud: 'azure',
  identity: { azureClientId: '00000000-0000-0000-0000-000000000001' },
});
const clusters = [dev, prod, azure];

describe('core-services area', () => {
  it('renders the dev AWS cluster as recorded', () => {
    expect(render(dev)).toMatchSnapshot();
  });

  it.each(clusters.map((ctx) => [ctx.name, ctx] as const))(
    '%s: every Deployment is hardened, probed and limited, and runs the image the environment pins',
    (_name, ctx) => {
      const deployments = render(ctx).filter((m) => m.kind === 'Deployment');
      expect(deployments.map((d) => d.metadata.name).sort()).toStrictEqual(CORE_SERVICES.map((s) => s.name).sort());
      for (const deployment of deployments) {
        const pod = deployment.spec.template.spec;
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.containers).toHaveLength(1);
        const [container] = pod.containers;
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.livenessProbe).toBeDefined();
        expect(container.readinessProbe).toBeDefined();
        expect(Object.keys(container.resources.limits).sort()).toStrictEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources.requests).sort()).toStrictEqual(['cpu', 'memory']);
        const image = ctx.images[deployment.metadata.name as keyof ClusterContext['images']];
        expect(container.image).toBe(`${image.repository}:${image.tag}`);
        expect(deployment.spec.replicas).toBeUndefined();
      }
    },
  );

  it.each(clusters.map((ctx) => [ctx.name, ctx] as const))(
    '%s: every service has its Service, HPA, ServiceAccount, NetworkPolicy and ServiceMonitor, all in go-coffee',
    (_name, ctx) => {
      const manifests = render(ctx);
      for (const { name } of CORE_SERVICES) {
        for (const kind of [
          'Service',
          'HorizontalPodAutoscaler',
          'ServiceAccount',
          'NetworkPolicy',
          'ServiceMonitor',
        ]) {
          expect(find(manifests, kind, name).metadata.namespace).toBe('go-coffee');
        }
        const hpa = find(manifests, 'HorizontalPodAutoscaler', name).spec;
        expect([hpa.minReplicas, hpa.maxReplicas]).toStrictEqual([ctx.sizing.minReplicas, ctx.sizing.maxReplicas]);
      }
      expect(manifests.every((m) => m.metadata.namespace === 'go-coffee')).toBe(true);
    },
  );

  it('protects every Deployment with a PDB when it runs more than one replica, and none otherwise', () => {
    expect(render(dev).filter((m) => m.kind === 'PodDisruptionBudget')).toStrictEqual([]);
    const pdbs = render(prod).filter((m) => m.kind === 'PodDisruptionBudget');
    expect(pdbs.map((p) => p.metadata.name).sort()).toStrictEqual(CORE_SERVICES.map((s) => s.name).sort());
  });

  it('never renders a Secret: credentials arrive through ExternalSecrets from the cloud secret store', () => {
    for (const ctx of clusters) {
      const manifests = render(ctx);
      expect(manifests.filter((m) => m.kind === 'Secret')).toStrictEqual([]);
      const externalSecrets = manifests.filter((m) => m.kind === 'ExternalSecret');
      expect(externalSecrets.map((m) => m.metadata.name).sort()).toStrictEqual([
        'security-gateway',
        'user-gateway',
        'web3-payment-service',
      ]);
      expect(
        find(manifests, 'ExternalSecret', 'user-gateway').spec.data.map((d: { secretKey: string }) => d.secretKey),
      ).toStrictEqual(['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL']);
    }
  });

  it('annotates every ServiceAccount with the cloud identity of the cluster', () => {
    const expected: Array<[ClusterContext, string, string]> = [
      [dev, 'eks.amazonaws.com/role-arn', dev.identity.awsRoleArn!],
      [prod, 'iam.gke.io/gcp-service-account', prod.identity.gcpServiceAccount!],
      [azure, 'azure.workload.identity/client-id', azure.identity.azureClientId!],
    ];
    for (const [ctx, annotation, value] of expected) {
      for (const account of render(ctx).filter((m) => m.kind === 'ServiceAccount')) {
        expect(account.metadata.annotations).toStrictEqual({ [annotation]: value });
      }
    }
    const azurePod = find(render(azure), 'Deployment', 'producer').spec.template.metadata.labels;
    expect(azurePod['azure.workload.identity/use']).toBe('true');
  });

  it('classifies web3 payments as PCI and the user-gateway as GDPR, on every object of theirs', () => {
    const manifests = render(dev);
    for (const m of manifests.filter((m) => m.metadata.labels?.['app.kubernetes.io/name'] === 'web3-payment-service')) {
      expect(m.metadata.labels!['go-coffee.io/data-classification']).toBe('pci');
    }
    for (const m of manifests.filter((m) => m.metadata.labels?.['app.kubernetes.io/name'] === 'user-gateway')) {
      expect(m.metadata.labels!['go-coffee.io/data-classification']).toBe('gdpr');
    }
    for (const m of manifests) {
      expect(m.metadata.labels?.['go-coffee.io/owner']).toMatch(/^[a-z-]+$/);
    }
  });

  it('names every web3 payment object after the service, so its own Application can own exactly those files', () => {
    const web3 = render(dev).filter((m) => JSON.stringify(m.metadata.labels).includes('web3-payment-service'));
    expect(web3.length).toBeGreaterThanOrEqual(8);
    for (const m of web3) expect(m.metadata.name).toContain('web3-payment-service');
  });

  it('exposes only the api-gateway, over TLS on api.<baseDomain> with the cluster ingress class', () => {
    const ingresses = render(prod).filter((m) => m.kind === 'Ingress');
    expect(ingresses).toHaveLength(1);
    const spec = ingresses[0]!.spec;
    // ingress-gce reads only the class annotation; spec.ingressClassName would make it ignore the Ingress.
    expect(spec.ingressClassName).toBeUndefined();
    expect(ingresses[0]!.metadata.annotations?.['kubernetes.io/ingress.class']).toBe('gce');
    expect(spec.tls).toStrictEqual([{ hosts: ['api.go-coffee.com'], secretName: 'api-gateway-tls' }]);
    expect(
      spec.rules.flatMap((rule: any) => rule.http.paths.map((p: any) => [rule.host, p.path, p.backend.service.name])), // eslint-disable-line @typescript-eslint/no-explicit-any
    ).toStrictEqual([
      ['api.go-coffee.com', '/api/v1', 'api-gateway'],
      ['api.go-coffee.com', '/ws/', 'api-gateway'],
    ]);
  });

  it('takes the certificate from ACM on the ALB and from the shared ClusterIssuer on every other class', () => {
    const tlsOf = (ctx: ClusterContext) => {
      const ingress = render(ctx).find((m) => m.kind === 'Ingress')!;
      return [ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'], ingress.spec.tls];
    };
    expect(tlsOf(dev)).toStrictEqual([undefined, [{ hosts: ['api.dev.go-coffee.com'] }]]);
    expect(tlsOf(prod)).toStrictEqual([
      PUBLIC_CLUSTER_ISSUER,
      [{ hosts: ['api.go-coffee.com'], secretName: 'api-gateway-tls' }],
    ]);
    expect(dev.ingress.className).toBe('alb');
    expect(prod.ingress.className).toBe('gce');
  });

  it('health-checks the gateway on the ALB at its readiness path', () => {
    const ingress = render(dev).find((m) => m.kind === 'Ingress')!;
    const gateway = find(render(dev), 'Deployment', 'api-gateway');
    expect(ingress.metadata.annotations?.['alb.ingress.kubernetes.io/healthcheck-path']).toBe(
      gateway.spec.template.spec.containers[0].readinessProbe.httpGet.path,
    );
  });

  it('mounts the gateway routes and rolls the gateway when they change', () => {
    const manifests = render(dev);
    const routes = JSON.parse(find(manifests, 'ConfigMap', 'api-gateway-files').data!['routes.json']!);
    expect(routes.routes.map((r: { pathPrefix: string }) => r.pathPrefix)).toStrictEqual([
      '/api/v1/security',
      '/api/v1/users',
      '/api/v1/auth',
      '/api/v1',
      '/ws/',
    ]);
    const hash = (m: RenderedObject[]) =>
      find(m, 'Deployment', 'api-gateway').spec.template.metadata.annotations['go-coffee.io/config-hash'];
    expect(hash(manifests)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(render(prod))).not.toBe(hash(manifests));
  });

  it('switches the security-gateway WAF from detect in dev to block in prod', () => {
    expect(find(render(dev), 'ConfigMap', 'security-gateway-config').data).toMatchObject({
      RATE_LIMIT_ENABLED: 'true',
      WAF_ENABLED: 'true',
      WAF_MODE: 'detect',
    });
    expect(find(render(prod), 'ConfigMap', 'security-gateway-config').data).toMatchObject({ WAF_MODE: 'block' });
  });

  it('points the producer at the coffee_orders topic and reads Kafka from the data area, not its own settings', () => {
    const data = find(render(dev), 'ConfigMap', 'producer-config').data;
    expect(data).toMatchObject({ KAFKA_TOPIC: 'coffee_orders' });
    expect(data).not.toHaveProperty('KAFKA_BOOTSTRAP_SERVERS');
    const envFrom = (ctx: ClusterContext) =>
      find(render(ctx), 'Deployment', 'producer').spec.template.spec.containers[0].envFrom;
    expect(envFrom(dev)).toStrictEqual([
      { configMapRef: { name: 'data-service-endpoints' } },
      { configMapRef: { name: 'producer-config' } },
    ]);
    // Managed Kafka: the provider's brokers and the SASL user come from the kafka-credentials Secret.
    expect(envFrom(prod)).toStrictEqual([
      { configMapRef: { name: 'data-service-endpoints' } },
      { configMapRef: { name: 'producer-config' } },
      { secretRef: { name: 'kafka-credentials' } },
    ]);
  });

  it('gives the endpoints ConfigMap only to services that use a data service', () => {
    const readers = render(prod)
      .filter((o) => o.kind === 'Deployment')
      .filter((o) =>
        (o.spec.template.spec.containers[0].envFrom as { configMapRef?: { name: string } }[]).some(
          (source) => source.configMapRef?.name === 'data-service-endpoints',
        ),
      )
      .map((o) => o.metadata.name)
      .sort();
    expect(readers).toStrictEqual([
      'kitchen-service',
      'producer',
      'security-gateway',
      'user-gateway',
      'web3-payment-service',
    ]);
  });

  it('scales requests and limits with the sizing profile', () => {
    const limits = (ctx: ClusterContext) =>
      find(render(ctx), 'Deployment', 'producer').spec.template.spec.containers[0].resources;
    expect(limits(dev)).toStrictEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
    expect(limits(prod)).toStrictEqual({
      limits: { cpu: '1000m', memory: '512Mi' },
      requests: { cpu: '200m', memory: '256Mi' },
    });
  });

  it('denies all traffic by default and allows every declared call on both ends', () => {
    const manifests = render(dev);
    expect(find(manifests, 'NetworkPolicy', 'default-deny-all').spec).toStrictEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    for (const caller of CORE_SERVICES) {
      for (const call of caller.calls) {
        const callee = CORE_SERVICES.find((s) => s.name === call.service)!;
        const port = callee.ports.find((p) => p.name === call.port)!.port;
        const egress = find(manifests, 'NetworkPolicy', caller.name).spec.egress;
        const ingress = find(manifests, 'NetworkPolicy', callee.name).spec.ingress;
        expect(egress).toContainEqual({
          ports: [{ port, protocol: 'TCP' }],
          to: [
            {
              podSelector: {
                matchLabels: { 'app.kubernetes.io/component': callee.component, 'app.kubernetes.io/name': callee.name },
              },
            },
          ],
        });
        expect(ingress).toContainEqual({
          from: [
            {
              podSelector: {
                matchLabels: { 'app.kubernetes.io/component': caller.component, 'app.kubernetes.io/name': caller.name },
              },
            },
          ],
          ports: [{ port, protocol: 'TCP' }],
        });
      }
    }
  });

  it('scrapes every service on its metrics port', () => {
    const manifests = render(dev);
    expect(find(manifests, 'ServiceMonitor', 'kitchen-service').spec.endpoints).toStrictEqual([
      { interval: '30s', path: '/metrics', port: 'metrics', scheme: 'http', scrapeTimeout: '10s' },
    ]);
    expect(manifests.filter((m) => m.kind === 'ServiceMonitor')).toHaveLength(CORE_SERVICES.length);
  });

  it('fails with the cluster and the missing field when the cloud identity is absent', () => {
    const broken = testClusterContext({ name: 'prod-gcp-x', cloud: 'gcp', identity: { awsRoleArn: 'arn' } });
    expect(() => render(broken)).toThrow('prod-gcp-x runs on gcp but has no identity.gcpServiceAccount');
  });
});
