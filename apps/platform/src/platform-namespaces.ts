// The platform's namespaces with Pod Security labels, plus a ResourceQuota and LimitRange in each namespace
// that runs Go Coffee workloads. A workload namespace's quota admits every workload at its autoscaling maximum
// (plus a rolling update's surge), so scale-out never stops at the quota exactly when load needs it; the
// cross-document policy combined.namespace_quotas fails the gate when a workload outgrows it. A declared area's
// namespace that is not one of the shared NAMESPACES gets AREA_NAMESPACE_POLICY, so a new area's namespace exists
// in every cluster, restricted and under quota, without an edit here.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterContext, SizingProfile } from '@go-coffee/environments';
import { NAMESPACES, type AreaLayout } from '@go-coffee/render-kit';

type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/**
 * What one replica of every workload of a namespace adds up to at resource scale 1 (the sums of the core-services
 * and event-functions catalogs), and how far the autoscalers take them.
 */
interface AutoscaledBudget {
  readonly cpuRequestMillis: number;
  readonly memoryRequestMebibytes: number;
  readonly cpuLimitMillis: number;
  readonly memoryLimitMebibytes: number;
  /** Workloads in the namespace: one pod each per replica. */
  readonly workloads: number;
  /** Whether memory follows the sizing profile's resourceScale (functions declare fixed memory). */
  readonly memoryScales: boolean;
  /** The most replicas each workload runs: HPA maxReplicas, or KEDA's maxReplicaCount. */
  readonly maxReplicas: (sizing: SizingProfile) => number;
}

interface NamespacePolicy {
  /** Level enforced at admission. Workloads run `restricted`; monitoring needs host access for node-exporter. */
  readonly enforce: PodSecurityLevel;
  /** Quota from the workloads' autoscaling maximum. */
  readonly autoscaled?: AutoscaledBudget;
  /** Fixed quota per sizing-scale unit, for namespaces whose pods come from operators' custom resources. */
  readonly fixed?: { readonly cpu: number; readonly memoryGi: number; readonly pods: number };
}

/** A rolling update adds up to 25 % (Deployment's default maxSurge) pods above the current replicas. */
const ROLLING_UPDATE_SURGE = 1.25;
/** Partitions of every event topic: KEDA never runs more consumers than that (event-functions' maxReplicaCount). */
const EVENT_TOPIC_PARTITIONS = 6;

/** Pod Security and quota per namespace of NAMESPACES. */
export const NAMESPACE_POLICIES: Readonly<Record<keyof typeof NAMESPACES, NamespacePolicy>> = {
  core: {
    enforce: 'restricted',
    // Seven services (core-service-catalog.ts), each HPA-scaled up to the sizing profile's maxReplicas.
    autoscaled: {
      cpuRequestMillis: 900,
      memoryRequestMebibytes: 1152,
      cpuLimitMillis: 4500,
      memoryLimitMebibytes: 2560,
      workloads: 7,
      memoryScales: true,
      maxReplicas: (sizing) => sizing.maxReplicas,
    },
  },
  functions: {
    enforce: 'restricted',
    // Five functions (event-function-catalog.ts): 100m/1000m CPU each, memory as declared, KEDA-scaled.
    autoscaled: {
      cpuRequestMillis: 500,
      memoryRequestMebibytes: 4864,
      cpuLimitMillis: 5000,
      memoryLimitMebibytes: 4864,
      workloads: 5,
      memoryScales: false,
      maxReplicas: (sizing) => Math.min(sizing.maxReplicas, EVENT_TOPIC_PARTITIONS),
    },
  },
  data: { enforce: 'baseline', fixed: { cpu: 8, memoryGi: 32, pods: 40 } },
  monitoring: { enforce: 'privileged' },
  argocd: { enforce: 'baseline' },
};

/**
 * Policy of a declared area's own namespace: `restricted` Pods and a small fixed quota (with the LimitRange's
 * container defaults), enough for a new area's first workloads; raise it in NAMESPACE_POLICIES when one outgrows it.
 */
export const AREA_NAMESPACE_POLICY: NamespacePolicy = {
  enforce: 'restricted',
  fixed: { cpu: 2, memoryGi: 4, pods: 20 },
};

/** Every namespace the platform renders with its policy: the shared NAMESPACES, then each other declared area's. */
export function namespacePolicies(layout: AreaLayout): [string, NamespacePolicy][] {
  const shared = (Object.entries(NAMESPACES) as [keyof typeof NAMESPACES, string][]).map(
    ([key, name]): [string, NamespacePolicy] => [name, NAMESPACE_POLICIES[key]],
  );
  const known = new Set(shared.map(([name]) => name));
  const areas = layout.areas
    .map((area) => area.namespace)
    .filter((name) => !known.has(name))
    .map((name): [string, NamespacePolicy] => [name, AREA_NAMESPACE_POLICY]);
  return [...shared, ...areas];
}

/** The ResourceQuota `hard` of a namespace policy on a cluster, or undefined when it has no quota. */
export function quotaHard(policy: NamespacePolicy, sizing: SizingProfile): Record<string, string> | undefined {
  const scale = sizing.resourceScale;
  if (policy.autoscaled !== undefined) {
    const budget = policy.autoscaled;
    const replicas = budget.maxReplicas(sizing) * ROLLING_UPDATE_SURGE;
    const memoryScale = budget.memoryScales ? scale : 1;
    const cores = (millis: number) => String(Math.ceil((millis * scale * replicas) / 1000));
    const gibibytes = (mebibytes: number) => `${Math.ceil((mebibytes * memoryScale * replicas) / 1024)}Gi`;
    return {
      'limits.cpu': cores(budget.cpuLimitMillis),
      'limits.memory': gibibytes(budget.memoryLimitMebibytes),
      pods: String(Math.ceil(budget.workloads * replicas)),
      'requests.cpu': cores(budget.cpuRequestMillis),
      'requests.memory': gibibytes(budget.memoryRequestMebibytes),
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    };
  }
  if (policy.fixed !== undefined) {
    const cpu = Math.ceil(policy.fixed.cpu * scale);
    const memory = Math.ceil(policy.fixed.memoryGi * scale);
    return {
      'limits.cpu': String(cpu * 2),
      'limits.memory': `${memory * 2}Gi`,
      pods: String(Math.ceil(policy.fixed.pods * scale)),
      'requests.cpu': String(cpu),
      'requests.memory': `${memory}Gi`,
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    };
  }
  return undefined;
}

export interface PlatformNamespacesProps {
  readonly ctx: ClusterContext;
  /** The workspace's declared areas; each area's namespace is rendered. */
  readonly layout: AreaLayout;
}

export class PlatformNamespaces extends Construct {
  constructor(scope: Construct, id: string, props: PlatformNamespacesProps) {
    super(scope, id);
    const { ctx } = props;
    const version = `v${ctx.kubernetesVersion}`;
    for (const [name, policy] of namespacePolicies(props.layout)) {
      new ApiObject(this, `namespace-${name}`, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          labels: {
            'pod-security.kubernetes.io/enforce': policy.enforce,
            'pod-security.kubernetes.io/enforce-version': version,
            // Warn and audit at restricted everywhere, so drift towards weaker pods is visible before it is blocked.
            'pod-security.kubernetes.io/warn': 'restricted',
            'pod-security.kubernetes.io/warn-version': version,
            'pod-security.kubernetes.io/audit': 'restricted',
            'pod-security.kubernetes.io/audit-version': version,
          },
        },
      });
      const hard = quotaHard(policy, ctx.sizing);
      if (hard === undefined) continue;
      new ApiObject(this, `quota-${name}`, {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute', namespace: name },
        spec: { hard },
      });
      new ApiObject(this, `limits-${name}`, {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'container-defaults', namespace: name },
        spec: {
          limits: [
            {
              type: 'Container',
              defaultRequest: { cpu: '100m', memory: '128Mi' },
              default: { cpu: '500m', memory: '512Mi' },
              max: { cpu: '4', memory: '8Gi' },
            },
          ],
        },
      });
    }
  }
}
