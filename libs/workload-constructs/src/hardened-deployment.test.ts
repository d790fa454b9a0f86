import { describe, expect, it } from 'vitest';
import { HardenedDeployment } from './hardened-deployment';
import type { HardenedDeploymentProps } from './hardened-deployment';
import { synthIn } from '../test-support/test-synth';

const baseProps: HardenedDeploymentProps = {
  workload: { name: 'kitchen-service', component: 'backend', owner: 'orders', dataClassification: 'internal' },
  image: { repository: 'ghcr.io/go-coffee/kitchen-service', tag: '1.2.3' },
  ports: [
    { name: 'grpc', port: 50052 },
    { name: 'metrics', port: 9090 },
  ],
  liveness: { type: 'grpc', port: 50052 },
  readiness: { type: 'http', path: '/ready', port: 9090 },
  resources: { cpuRequestMillis: 100, cpuLimitMillis: 500, memoryRequestMebibytes: 128, memoryLimitMebibytes: 256 },
  serviceAccountName: 'kitchen-service',
};

type PodSpec = {
  automountServiceAccountToken: boolean;
  securityContext: Record<string, unknown>;
  serviceAccountName: string;
  terminationGracePeriodSeconds: number;
  volumes: unknown[];
  containers: Array<Record<string, unknown>>;
};

function render(overrides: Partial<HardenedDeploymentProps> = {}) {
  const [deployment] = synthIn((chart) => new HardenedDeployment(chart, 'd', { ...baseProps, ...overrides }));
  const spec = deployment!.spec as {
    replicas?: number;
    selector: unknown;
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
  return { deployment: deployment!, spec, pod: spec.template.spec, container: spec.template.spec.containers[0]! };
}

describe('HardenedDeployment', () => {
  it('runs one non-root container with a read-only root fs, no capabilities and RuntimeDefault seccomp', () => {
    const { pod, container } = render();
    expect(container.securityContext).toStrictEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('kitchen-service');
  });

  it('selects its pods by name and component and labels them with owner and classification', () => {
    const { deployment, spec } = render();
    expect(spec.selector).toStrictEqual({
      matchLabels: { 'app.kubernetes.io/component': 'backend', 'app.kubernetes.io/name': 'kitchen-service' },
    });
    const labels = {
      'app.kubernetes.io/component': 'backend',
      'app.kubernetes.io/name': 'kitchen-service',
      'go-coffee.io/data-classification': 'internal',
      'go-coffee.io/owner': 'orders',
    };
    expect(spec.template.metadata.labels).toStrictEqual(labels);
    expect(deployment.metadata).toStrictEqual({ labels, name: 'kitchen-service', namespace: 'go-coffee' });
  });

  it('writes liveness, readiness and startup probes exactly as declared, including native gRPC', () => {
    const { container } = render();
    expect(container.livenessProbe).toStrictEqual({
      failureThreshold: 3,
      grpc: { port: 50052 },
      periodSeconds: 10,
      timeoutSeconds: 2,
    });
    expect(container.readinessProbe).toStrictEqual({
      failureThreshold: 2,
      httpGet: { path: '/ready', port: 9090, scheme: 'HTTP' },
      periodSeconds: 5,
      timeoutSeconds: 2,
    });
    expect(container.startupProbe).toStrictEqual({
      failureThreshold: 60,
      grpc: { port: 50052 },
      periodSeconds: 2,
      timeoutSeconds: 2,
    });
  });

  it('scales requests and limits by the sizing factor, rounding up', () => {
    const { container } = render({ resourceScale: 1.5 });
    expect(container.resources).toStrictEqual({
      limits: { cpu: '750m', memory: '384Mi' },
      requests: { cpu: '150m', memory: '192Mi' },
    });
  });

  it('omits spec.replicas by default so the autoscaler owns it, and renders a fixed count when given', () => {
    expect(render().spec.replicas).toBeUndefined();
    expect(render({ replicas: 3 }).spec.replicas).toBe(3);
  });

  it('pins the image by digest when the tag is a sha256 digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(render({ image: { repository: 'r/x', tag: digest } }).container.image).toBe(`r/x@${digest}`);
    expect(render().container.image).toBe('ghcr.io/go-coffee/kitchen-service:1.2.3');
    expect(render().container.imagePullPolicy).toBe('IfNotPresent');
  });

  it('sorts plain env, takes env from ConfigMaps and ExternalSecret-made Secrets, mounts config files read-only', () => {
    const { container, pod } = render({
      env: { ZONE: 'a', APP_ENV: 'dev' },
      envFromConfigMaps: ['kitchen-config'],
      envFromSecrets: ['kitchen-db'],
      configFiles: [{ configMapName: 'routes', mountPath: '/etc/routes' }],
    });
    expect(container.env).toStrictEqual([
      { name: 'APP_ENV', value: 'dev' },
      { name: 'ZONE', value: 'a' },
    ]);
    expect(container.envFrom).toStrictEqual([
      { configMapRef: { name: 'kitchen-config' } },
      { secretRef: { name: 'kitchen-db' } },
    ]);
    expect(container.volumeMounts).toStrictEqual([
      { mountPath: '/tmp', name: 'tmp' },
      { mountPath: '/etc/routes', name: 'cm-routes', readOnly: true },
    ]);
    expect(pod.volumes).toStrictEqual([
      { emptyDir: { sizeLimit: '64Mi' }, name: 'tmp' },
      { configMap: { name: 'routes' }, name: 'cm-routes' },
    ]);
  });

  it('adds extra pod labels and annotations without letting them replace the workload labels', () => {
    const { spec } = render({
      namespace: 'go-coffee-functions',
      podLabels: { 'azure.workload.identity/use': 'true', 'app.kubernetes.io/name': 'spoofed' },
      podAnnotations: { 'go-coffee.io/config-hash': 'abc' },
    });
    const metadata = spec.template.metadata as { labels: Record<string, string>; annotations?: unknown };
    expect(metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(metadata.labels['app.kubernetes.io/name']).toBe('kitchen-service');
    expect(metadata.annotations).toStrictEqual({ 'go-coffee.io/config-hash': 'abc' });
    expect(render({ namespace: 'go-coffee-functions' }).deployment.metadata.namespace).toBe('go-coffee-functions');
  });

  it('gives pods the requested grace period to finish in-flight work', () => {
    expect(render({ terminationGracePeriodSeconds: 70 }).pod.terminationGracePeriodSeconds).toBe(70);
  });

  it.each<[Partial<HardenedDeploymentProps>, RegExp]>([
    [{ image: { repository: 'r/x', tag: 'latest' } }, /image tag "latest" is mutable or empty; pin a version/],
    [{ ports: [] }, /no ports/],
    [{ ports: [{ name: 'http', port: 80 }] }, /port "http" is 80: expected an integer from 1024 to 65535/],
    [
      {
        ports: [
          { name: 'http', port: 8080 },
          { name: 'http', port: 8081 },
        ],
      },
      /repeats a name or number/,
    ],
    [{ liveness: { type: 'tcp', port: 1234 } }, /liveness probe targets port 1234, which is not one of its ports/],
    [{ readiness: { type: 'http', path: 'ready', port: 9090 } }, /readiness probe path "ready" must start with "\/"/],
    [{ resourceScale: 0 }, /resourceScale 0 must be a positive number/],
    [
      {
        resources: { cpuRequestMillis: 600, cpuLimitMillis: 500, memoryRequestMebibytes: 1, memoryLimitMebibytes: 1 },
      },
      /a resource request exceeds its limit/,
    ],
    [{ env: { 'BAD-NAME': 'x' } }, /environment variable "BAD-NAME"/],
    [{ replicas: 0 }, /replicas is 0: expected an integer from 1/],
    [{ configFiles: [{ configMapName: 'x', mountPath: 'etc' }] }, /config mount path "etc" must be absolute/],
  ])('rejects %j with an actionable message', (overrides, message) => {
    expect(() => render(overrides)).toThrow(message);
  });

  it('mounts no ServiceAccount token unless the workload calls the Kubernetes API, and passes args through', () => {
    expect((render().pod as Record<string, unknown>).automountServiceAccountToken).toBe(false);
    expect(render().container.args).toBeUndefined();
    const controller = render({ kubernetesApiAccess: true, args: ['/opt/strimzi/bin/topic_operator_run.sh'] });
    expect((controller.pod as Record<string, unknown>).automountServiceAccountToken).toBe(true);
    expect(controller.container.args).toStrictEqual(['/opt/strimzi/bin/topic_operator_run.sh']);
  });
});
