// The platform's namespaces with Pod Security admission labels, plus a ResourceQuota and LimitRange in each
// namespace that runs Go Coffee workloads. Quotas follow the cluster's sizing profile.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import { NAMESPACES } from '@go-coffee/render-kit';

type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

interface NamespacePolicy {
  /** Level enforced at admission. Workloads run `restricted`; monitoring needs host access for node-exporter. */
  readonly enforce: PodSecurityLevel;
  /** Quota per sizing-scale unit; undefined for namespaces whose upstream charts size themselves. */
  readonly quota?: { readonly cpu: number; readonly memoryGi: number; readonly pods: number };
}

/** Pod Security and quota per namespace of NAMESPACES. */
export const NAMESPACE_POLICIES: Readonly<Record<keyof typeof NAMESPACES, NamespacePolicy>> = {
  core: { enforce: 'restricted', quota: { cpu: 8, memoryGi: 16, pods: 60 } },
  functions: { enforce: 'restricted', quota: { cpu: 12, memoryGi: 24, pods: 80 } },
  data: { enforce: 'baseline', quota: { cpu: 8, memoryGi: 32, pods: 40 } },
  monitoring: { enforce: 'privileged' },
  argocd: { enforce: 'baseline' },
};

export interface PlatformNamespacesProps {
  readonly ctx: ClusterContext;
}

export class PlatformNamespaces extends Construct {
  constructor(scope: Construct, id: string, props: PlatformNamespacesProps) {
    super(scope, id);
    const { ctx } = props;
    const version = `v${ctx.kubernetesVersion}`;
    for (const [key, name] of Object.entries(NAMESPACES) as [keyof typeof NAMESPACES, string][]) {
      const policy = NAMESPACE_POLICIES[key];
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
      if (!policy.quota) continue;
      const scale = ctx.sizing.resourceScale;
      const cpu = Math.ceil(policy.quota.cpu * scale);
      const memory = Math.ceil(policy.quota.memoryGi * scale);
      new ApiObject(this, `quota-${name}`, {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'compute', namespace: name },
        spec: {
          hard: {
            'requests.cpu': String(cpu),
            'requests.memory': `${memory}Gi`,
            'limits.cpu': String(cpu * 2),
            'limits.memory': `${memory * 2}Gi`,
            pods: String(Math.ceil(policy.quota.pods * scale)),
            'services.loadbalancers': '0',
            'services.nodeports': '0',
          },
        },
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
