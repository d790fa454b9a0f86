// A Deployment that passes Pod Security "restricted" by construction: non-root, read-only root filesystem,
// no capabilities, no privilege escalation, RuntimeDefault seccomp, probes and resource limits always set.
// There are no props to weaken any of that; a workload that needs more must argue for a different construct.
import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { assertDnsLabel, assertIntegerInRange } from './kubernetes-names';
import { selectorLabels, workloadLabels } from './workload-labels';
import type { WorkloadIdentityLabels } from './workload-labels';

/** Immutable image reference; `tag` may be a version or a `sha256:` digest, never `latest`. */
export interface ContainerImage {
  readonly repository: string;
  readonly tag: string;
}

export interface NamedPort {
  /** IANA-style port name (`http`, `grpc`, `health`), referenced by Services, probes and ServiceMonitors. */
  readonly name: string;
  readonly port: number;
}

/** What a probe checks. gRPC uses the kubelet's native gRPC health checking protocol. */
export type ProbeCheck =
  | { readonly type: 'http'; readonly path: string; readonly port: number }
  | { readonly type: 'grpc'; readonly port: number }
  | { readonly type: 'tcp'; readonly port: number };

/** Per-container budget before scaling; CPU in millicores, memory in MiB. */
export interface ResourceBudget {
  readonly cpuRequestMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryRequestMebibytes: number;
  readonly memoryLimitMebibytes: number;
}

/** A ConfigMap mounted read-only as files. */
export interface ConfigFileMount {
  readonly configMapName: string;
  /** Absolute directory the ConfigMap's keys appear in. */
  readonly mountPath: string;
}

export interface HardenedDeploymentProps {
  /** Labels (and metadata.name, from `workload.name`) of the Deployment and its pods. */
  readonly workload: WorkloadIdentityLabels;
  /**
   * Namespace of the Deployment.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  readonly image: ContainerImage;
  /** Container ports; at least one, names and numbers unique. */
  readonly ports: readonly NamedPort[];
  readonly liveness: ProbeCheck;
  readonly readiness: ProbeCheck;
  readonly resources: ResourceBudget;
  /**
   * Multiplier for every figure in `resources` (the cluster's sizing profile); results round up.
   * @default 1
   */
  readonly resourceScale?: number;
  /**
   * Fixed replica count. Leave unset when an HPA or a KEDA ScaledObject owns the count, so Argo CD never
   * fights the autoscaler over `spec.replicas`.
   * @default unset: `spec.replicas` is omitted and an autoscaler is expected
   */
  readonly replicas?: number;
  /**
   * Container arguments (the image's entrypoint runs them), for images that ship several programs.
   * @default the image's own command
   */
  readonly args?: readonly string[];
  /**
   * Mount the ServiceAccount token: only for controllers that call the Kubernetes API under their own Role.
   * @default false
   */
  readonly kubernetesApiAccess?: boolean;
  /** ServiceAccount the pods run as (created separately, e.g. by WorkloadServiceAccount). */
  readonly serviceAccountName: string;
  /**
   * Plain, non-secret environment variables, rendered sorted by name.
   * @default {}
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * ConfigMaps whose keys all become environment variables.
   * @default []
   */
  readonly envFromConfigMaps?: readonly string[];
  /**
   * Secrets (created by ExternalSecrets, never rendered) whose keys all become environment variables.
   * @default []
   */
  readonly envFromSecrets?: readonly string[];
  /**
   * ConfigMaps mounted read-only as files.
   * @default []
   */
  readonly configFiles?: readonly ConfigFileMount[];
  /**
   * Time a pod gets between SIGTERM and SIGKILL; must exceed the longest request or event handling time.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Extra pod labels, e.g. the Azure workload-identity opt-in label.
   * @default {}
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Pod annotations, e.g. a hash of mounted configuration so a config change rolls the pods.
   * @default {}
   */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /**
   * UID and GID the container runs as.
   * @default 10001
   */
  readonly runAsUser?: number;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The only writable path: the root filesystem is read-only, and most runtimes still need a temp dir. */
const TMP_SIZE_MEBIBYTES = 64;

// Patches on a cdk8s-plus Deployment pass through the generated KubeDeployment converter, which reads
// int-or-string fields from IntOrString wrappers; a bare number would be dropped silently.
function probeHandler(check: ProbeCheck): Record<string, unknown> {
  switch (check.type) {
    case 'http':
      return { httpGet: { path: check.path, port: kplus.k8s.IntOrString.fromNumber(check.port), scheme: 'HTTP' } };
    case 'grpc':
      return { grpc: { port: check.port } };
    case 'tcp':
      return { tcpSocket: { port: kplus.k8s.IntOrString.fromNumber(check.port) } };
  }
}

/** Renders an `apps/v1` Deployment with one hardened container named after the workload. */
export class HardenedDeployment extends Construct {
  public readonly deployment: kplus.Deployment;
  /** metadata.name of the Deployment (the workload name). */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: HardenedDeploymentProps) {
    super(scope, id);
    const name = props.workload.name;
    const where = `Deployment "${name}"`;
    assertDnsLabel(name, `${where}: name`);
    assertDnsLabel(props.serviceAccountName, `${where}: serviceAccountName`);
    const labels = workloadLabels(props.workload);
    this.name = name;

    if (props.image.tag === 'latest' || props.image.tag.trim() === '') {
      throw new Error(`${where}: image tag "${props.image.tag}" is mutable or empty; pin a version or sha256 digest`);
    }
    const image = props.image.tag.startsWith('sha256:')
      ? `${props.image.repository}@${props.image.tag}`
      : `${props.image.repository}:${props.image.tag}`;

    if (props.ports.length === 0) {
      throw new Error(`${where}: no ports; every workload serves at least its health endpoint`);
    }
    const portNames = new Set<string>();
    const portNumbers = new Set<number>();
    for (const port of props.ports) {
      assertIntegerInRange(port.port, 1024, 65535, `${where}: port "${port.name}"`);
      if (!/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/.test(port.name) || !/[a-z]/.test(port.name)) {
        throw new Error(`${where}: port name "${port.name}" must be at most 15 lowercase letters, digits and '-'`);
      }
      if (portNames.has(port.name) || portNumbers.has(port.port)) {
        throw new Error(`${where}: port ${port.name}/${port.port} repeats a name or number; ports must be unique`);
      }
      portNames.add(port.name);
      portNumbers.add(port.port);
    }
    for (const [kind, check] of [
      ['liveness', props.liveness],
      ['readiness', props.readiness],
    ] as const) {
      if (!portNumbers.has(check.port)) {
        throw new Error(`${where}: ${kind} probe targets port ${check.port}, which is not one of its ports`);
      }
      if (check.type === 'http' && !check.path.startsWith('/')) {
        throw new Error(`${where}: ${kind} probe path "${check.path}" must start with "/"`);
      }
    }

    const scale = props.resourceScale ?? 1;
    if (!Number.isFinite(scale) || scale <= 0) {
      throw new Error(`${where}: resourceScale ${scale} must be a positive number`);
    }
    const budget = props.resources;
    for (const [field, value] of Object.entries(budget)) {
      if (!Number.isFinite(value) || value <= 0) {
        throw new Error(`${where}: resources.${field} is ${value}; expected a positive number`);
      }
    }
    if (
      budget.cpuRequestMillis > budget.cpuLimitMillis ||
      budget.memoryRequestMebibytes > budget.memoryLimitMebibytes
    ) {
      throw new Error(`${where}: a resource request exceeds its limit; requests must be <= limits`);
    }
    const scaled = (value: number): number => Math.ceil(value * scale);

    const env = props.env ?? {};
    for (const key of Object.keys(env)) {
      if (!ENV_NAME.test(key)) {
        throw new Error(`${where}: environment variable "${key}" must match ${ENV_NAME.source}`);
      }
    }
    const grace = props.terminationGracePeriodSeconds ?? 30;
    assertIntegerInRange(grace, 1, 3600, `${where}: terminationGracePeriodSeconds`);
    const uid = props.runAsUser ?? 10001;
    assertIntegerInRange(uid, 1, 2147483647, `${where}: runAsUser`);

    this.deployment = new kplus.Deployment(this, 'Resource', {
      metadata: { name, labels, ...(props.namespace === undefined ? {} : { namespace: props.namespace }) },
      // Select by our own labels, not cdk8s' construct-path label, so selectors survive refactors.
      select: false,
      podMetadata: {
        labels: { ...props.podLabels, ...labels },
        ...(props.podAnnotations === undefined || Object.keys(props.podAnnotations).length === 0
          ? {}
          : { annotations: { ...props.podAnnotations } }),
      },
      replicas: props.replicas,
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', props.serviceAccountName),
      automountServiceAccountToken: props.kubernetesApiAccess === true,
      terminationGracePeriod: Duration.seconds(grace),
      securityContext: { ensureNonRoot: true, user: uid, group: uid, fsGroup: uid },
    });
    if (props.replicas === undefined) {
      this.deployment.markHasAutoscaler();
    } else {
      assertIntegerInRange(props.replicas, 1, 1000, `${where}: replicas`);
    }
    this.deployment.select(kplus.LabelSelector.of({ labels: selectorLabels(props.workload) }));

    const container = this.deployment.addContainer({
      name,
      image,
      ...(props.args === undefined ? {} : { args: [...props.args] }),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: props.ports.map((port) => ({ name: port.name, number: port.port, protocol: kplus.Protocol.TCP })),
      envVariables: Object.fromEntries(
        Object.keys(env)
          .sort()
          .map((key) => [key, kplus.EnvValue.fromValue(env[key]!)]),
      ),
      envFrom: [
        ...(props.envFromConfigMaps ?? []).map((configMap) =>
          kplus.Env.fromConfigMap(kplus.ConfigMap.fromConfigMapName(this, `env-cm-${configMap}`, configMap)),
        ),
        ...(props.envFromSecrets ?? []).map((secret) =>
          kplus.Env.fromSecret(kplus.Secret.fromSecretName(this, `env-secret-${secret}`, secret)),
        ),
      ],
      resources: {
        cpu: {
          request: kplus.Cpu.millis(scaled(budget.cpuRequestMillis)),
          limit: kplus.Cpu.millis(scaled(budget.cpuLimitMillis)),
        },
        memory: {
          request: Size.mebibytes(scaled(budget.memoryRequestMebibytes)),
          limit: Size.mebibytes(scaled(budget.memoryLimitMebibytes)),
        },
      },
      securityContext: {
        ensureNonRoot: true,
        user: uid,
        group: uid,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
    });
    container.mount(
      '/tmp',
      kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(TMP_SIZE_MEBIBYTES) }),
    );
    for (const file of props.configFiles ?? []) {
      if (!file.mountPath.startsWith('/') || file.mountPath === '/tmp') {
        throw new Error(`${where}: config mount path "${file.mountPath}" must be absolute and not /tmp`);
      }
      const configMap = kplus.ConfigMap.fromConfigMapName(this, `files-cm-${file.configMapName}`, file.configMapName);
      container.mount(
        file.mountPath,
        kplus.Volume.fromConfigMap(this, `files-${file.configMapName}`, configMap, {
          name: `cm-${file.configMapName}`,
        }),
        { readOnly: true },
      );
    }

    // cdk8s-plus has no gRPC probes and adds a TCP startup probe of its own; the probes are therefore written
    // here, all three from the same checks, so what is rendered is exactly what was declared.
    const apiObject = ApiObject.of(this.deployment);
    const containerPath = '/spec/template/spec/containers/0';
    apiObject.addJsonPatch(
      JsonPatch.add(`${containerPath}/livenessProbe`, {
        ...probeHandler(props.liveness),
        failureThreshold: 3,
        periodSeconds: 10,
        timeoutSeconds: 2,
      }),
      JsonPatch.add(`${containerPath}/readinessProbe`, {
        ...probeHandler(props.readiness),
        failureThreshold: 2,
        periodSeconds: 5,
        timeoutSeconds: 2,
      }),
      // Slow starts are absorbed here (up to 2 min) instead of by a long liveness delay.
      JsonPatch.add(`${containerPath}/startupProbe`, {
        ...probeHandler(props.liveness),
        failureThreshold: 60,
        periodSeconds: 2,
        timeoutSeconds: 2,
      }),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
      JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    );
  }
}
