// Zero-trust baseline for a namespace: deny all ingress and egress, then allow only DNS. Every workload adds
// its own allows (WorkloadNetworkPolicy); anything not allowed explicitly stays blocked.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

export interface NamespaceDefaultDenyProps {
  /**
   * Namespace the policies apply to.
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Also render `allow-dns-egress`, letting every pod query the cluster DNS (kube-dns / CoreDNS pods labelled
   * `k8s-app: kube-dns` in kube-system, as on EKS, GKE and AKS).
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * Labels on both policies (e.g. owner and data classification of the namespace).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Renders `networking.k8s.io/v1` NetworkPolicies `default-deny-all` and (by default) `allow-dns-egress`. */
export class NamespaceDefaultDeny extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceDefaultDenyProps = {}) {
    super(scope, id);
    const namespace = {
      ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
      ...(props.labels === undefined || Object.keys(props.labels).length === 0 ? {} : { labels: { ...props.labels } }),
    };
    new kplus.k8s.KubeNetworkPolicy(this, 'DenyAll', {
      metadata: { name: 'default-deny-all', ...namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    if (props.allowDns ?? true) {
      const dns = kplus.k8s.IntOrString.fromNumber(53);
      new kplus.k8s.KubeNetworkPolicy(this, 'AllowDns', {
        metadata: { name: 'allow-dns-egress', ...namespace },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { port: dns, protocol: 'UDP' },
                { port: dns, protocol: 'TCP' },
              ],
            },
          ],
        },
      });
    }
  }
}
