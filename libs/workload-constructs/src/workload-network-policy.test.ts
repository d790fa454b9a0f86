import { describe, expect, it } from 'vitest';
import { NamespaceDefaultDeny } from './namespace-default-deny';
import { synthIn } from '../test-support/test-synth';
import { WorkloadNetworkPolicy } from './workload-network-policy';

const workload = { name: 'user-gateway', component: 'gateway', owner: 'identity', dataClassification: 'gdpr' } as const;

describe('NamespaceDefaultDeny', () => {
  it('denies all traffic in the namespace and allows only DNS to kube-dns', () => {
    const policies = synthIn((chart) => new NamespaceDefaultDeny(chart, 'deny'));
    expect(policies.map((policy) => [policy.metadata.name, policy.spec])).toStrictEqual([
      ['default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }],
      [
        'allow-dns-egress',
        {
          egress: [
            {
              ports: [
                { port: 53, protocol: 'UDP' },
                { port: 53, protocol: 'TCP' },
              ],
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
            },
          ],
          podSelector: {},
          policyTypes: ['Egress'],
        },
      ],
    ]);
  });

  it('renders only the deny policy when DNS is not wanted', () => {
    expect(synthIn((chart) => new NamespaceDefaultDeny(chart, 'deny', { allowDns: false }))).toHaveLength(1);
  });
});

describe('WorkloadNetworkPolicy', () => {
  it('allows exactly the listed peers and ports, in both directions', () => {
    const [policy] = synthIn(
      (chart) =>
        new WorkloadNetworkPolicy(chart, 'np', {
          workload,
          ingress: [{ peer: { pods: { 'app.kubernetes.io/name': 'api-gateway' } }, ports: [{ port: 8081 }] }],
          egress: [
            { peer: { pods: { app: 'postgres' }, namespace: 'go-coffee-data' }, ports: [{ port: 5432 }] },
            { peer: { namespace: 'monitoring' }, ports: [{ port: 4317 }] },
            { peer: { anyNamespace: true }, ports: [{ port: 8125, protocol: 'UDP' }] },
            { peer: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }, ports: [{ port: 443 }] },
          ],
        }),
    );
    expect(policy!.spec).toStrictEqual({
      egress: [
        {
          ports: [{ port: 5432, protocol: 'TCP' }],
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'go-coffee-data' } },
              podSelector: { matchLabels: { app: 'postgres' } },
            },
          ],
        },
        {
          ports: [{ port: 4317, protocol: 'TCP' }],
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        },
        { ports: [{ port: 8125, protocol: 'UDP' }], to: [{ namespaceSelector: {} }] },
        {
          ports: [{ port: 443, protocol: 'TCP' }],
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }],
        },
      ],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api-gateway' } } }],
          ports: [{ port: 8081, protocol: 'TCP' }],
        },
      ],
      podSelector: {
        matchLabels: { 'app.kubernetes.io/component': 'gateway', 'app.kubernetes.io/name': 'user-gateway' },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('declares both policy types even with no rules, so the workload is fully isolated', () => {
    const [policy] = synthIn((chart) => new WorkloadNetworkPolicy(chart, 'np', { workload }));
    expect(policy!.spec).toStrictEqual({
      egress: [],
      ingress: [],
      podSelector: {
        matchLabels: { 'app.kubernetes.io/component': 'gateway', 'app.kubernetes.io/name': 'user-gateway' },
      },
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('refuses a rule without ports, which would open every port', () => {
    expect(() =>
      synthIn(
        (chart) =>
          new WorkloadNetworkPolicy(chart, 'np', { workload, ingress: [{ peer: { namespace: 'x' }, ports: [] }] }),
      ),
    ).toThrow('NetworkPolicy "user-gateway": a rule without ports would open every port; list the ports');
  });

  it('refuses a malformed CIDR', () => {
    expect(() =>
      synthIn(
        (chart) =>
          new WorkloadNetworkPolicy(chart, 'np', {
            workload,
            egress: [{ peer: { cidr: '10.0.0.0' }, ports: [{ port: 1 }] }],
          }),
      ),
    ).toThrow('"10.0.0.0" is not an IPv4 CIDR');
  });
});
