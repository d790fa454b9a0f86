// The explicit allows of one workload on top of NamespaceDefaultDeny. Peers are data, so the allowed
// traffic of a whole area can be read (and tested) as a table.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { assertIntegerInRange } from './kubernetes-names';
import { selectorLabels, workloadLabels } from './workload-labels';
import type { WorkloadIdentityLabels } from './workload-labels';

/** Who is on the other end of a connection. */
export type NetworkPeer =
  /** Pods with these labels, in `namespace` (default: the policy's own namespace). */
  | { readonly pods: Readonly<Record<string, string>>; readonly namespace?: string }
  /** Every pod of one namespace. */
  | { readonly namespace: string }
  /** Every pod of every namespace (e.g. an ingress controller whose namespace differs per cloud). */
  | { readonly anyNamespace: true }
  /** Addresses outside the cluster (managed databases, external APIs), minus `except`. */
  | { readonly cidr: string; readonly except?: readonly string[] };

export interface NetworkPortSpec {
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

export interface NetworkRule {
  readonly peer: NetworkPeer;
  /** At least one port: rules never open every port. */
  readonly ports: readonly NetworkPortSpec[];
}

export interface WorkloadNetworkPolicyProps {
  /** The workload the policy applies to (selected by name + component); also names the policy. */
  readonly workload: WorkloadIdentityLabels;
  /**
   * @default the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Allowed incoming connections.
   * @default [] (no ingress beyond the namespace default)
   */
  readonly ingress?: readonly NetworkRule[];
  /**
   * Allowed outgoing connections (DNS comes from NamespaceDefaultDeny).
   * @default [] (no egress beyond the namespace default)
   */
  readonly egress?: readonly NetworkRule[];
}

const CIDR = /^([0-9]{1,3}\.){3}[0-9]{1,3}\/[0-9]{1,2}$/;

function peerToKube(peer: NetworkPeer, where: string): kplus.k8s.NetworkPolicyPeer {
  if ('cidr' in peer) {
    for (const cidr of [peer.cidr, ...(peer.except ?? [])]) {
      if (!CIDR.test(cidr)) {
        throw new Error(`${where}: "${cidr}" is not an IPv4 CIDR such as 10.0.0.0/16`);
      }
    }
    return { ipBlock: { cidr: peer.cidr, ...(peer.except === undefined ? {} : { except: [...peer.except] }) } };
  }
  if ('anyNamespace' in peer) {
    return { namespaceSelector: {} };
  }
  const namespaceSelector =
    peer.namespace === undefined
      ? {}
      : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } };
  if ('pods' in peer) {
    if (Object.keys(peer.pods).length === 0) {
      throw new Error(`${where}: a pods peer needs labels; use { namespace } to allow a whole namespace`);
    }
    return { ...namespaceSelector, podSelector: { matchLabels: { ...peer.pods } } };
  }
  return namespaceSelector;
}

function rulesToKube(rules: readonly NetworkRule[], where: string, direction: 'from' | 'to') {
  return rules.map((rule) => {
    if (rule.ports.length === 0) {
      throw new Error(`${where}: a rule without ports would open every port; list the ports`);
    }
    return {
      [direction]: [peerToKube(rule.peer, where)],
      ports: rule.ports.map((port) => {
        assertIntegerInRange(port.port, 1, 65535, `${where}: port`);
        return { port: kplus.k8s.IntOrString.fromNumber(port.port), protocol: port.protocol ?? 'TCP' };
      }),
    };
  });
}

/** Renders a `networking.k8s.io/v1` NetworkPolicy named after the workload, for Ingress and Egress. */
export class WorkloadNetworkPolicy extends Construct {
  public readonly apiObject: kplus.k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: WorkloadNetworkPolicyProps) {
    super(scope, id);
    const where = `NetworkPolicy "${props.workload.name}"`;
    this.apiObject = new kplus.k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: {
        name: props.workload.name,
        labels: workloadLabels(props.workload),
        ...(props.namespace === undefined ? {} : { namespace: props.namespace }),
      },
      spec: {
        podSelector: { matchLabels: selectorLabels(props.workload) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: rulesToKube(props.ingress ?? [], where, 'from'),
        egress: rulesToKube(props.egress ?? [], where, 'to'),
      },
    });
  }
}
