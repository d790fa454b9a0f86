// The main.pod_security samples against the real thing: the PodSecurity admission of kube-apiserver
// 1.34.4 (with etcd, from the pinned toolchain), in two namespaces labelled to warn at the baseline and at
// the restricted level. Each control's allowed Deployment is admitted without a warning at both levels; its
// disallowed one draws a Pod Security warning naming that control at the control's level (and none at
// baseline when the control is restricted-only), so the policy's verdicts and levels are the cluster's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startLocalCluster, type LocalCluster } from '@go-coffee/local-cluster';
import { CONTROLS, sampleDocument } from './pod-security-samples';

// What kube-apiserver's warning says for each control (its ForbiddenReason), per sample folder. At the
// restricted level the restricted checks replace their baseline counterparts (capabilities, hostPath),
// which is why each control is looked for at its own level.
const ADMISSION_REASON: Record<string, string> = {
  'host-process': 'hostProcess',
  'host-namespaces': 'host namespaces',
  'privileged-container': 'privileged',
  'capabilities-baseline': 'non-default capabilities',
  'capabilities-restricted': 'unrestricted capabilities',
  'host-path': 'hostPath volumes',
  'host-ports': 'hostPort',
  apparmor: 'forbidden AppArmor profile',
  selinux: 'seLinuxOptions',
  'proc-mount': 'procMount',
  'seccomp-baseline': 'seccompProfile',
  'seccomp-restricted': 'seccompProfile',
  sysctls: 'forbidden sysctls',
  'probe-host': 'probe or lifecycle host',
  'volume-types': 'restricted volume types',
  'privilege-escalation': 'allowPrivilegeEscalation != false',
  'run-as-non-root': 'runAsNonRoot != true',
  'run-as-user': 'runAsUser=0',
};

const LEVELS = ['baseline', 'restricted'] as const;

let cluster: LocalCluster;

beforeAll(async () => {
  cluster = await startLocalCluster();
  const namespaces = LEVELS.map((level) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: `pss-${level}`,
      labels: {
        'pod-security.kubernetes.io/warn': level,
        'pod-security.kubernetes.io/warn-version': 'v1.34',
      },
    },
  }));
  const created = await cluster.kubectl(['apply', '-f', '-'], {
    input: namespaces.map((namespace) => stringify(namespace)).join('---\n'),
  });
  expect(created.code, created.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Server-side dry run of a sample Deployment in the namespace that warns at `level`. */
const dryRun = (document: Record<string, unknown>, level: (typeof LEVELS)[number]) => {
  const metadata = { ...(document.metadata as object), namespace: `pss-${level}` };
  return cluster.kubectl(['apply', '--dry-run=server', '-f', '-'], { input: stringify({ ...document, metadata }) });
};

describe('main.pod_security samples and the PodSecurity admission of kube-apiserver 1.34.4', () => {
  it('cover the same controls', () => {
    expect(Object.keys(ADMISSION_REASON).sort()).toStrictEqual(CONTROLS.map((control) => control.scenario).sort());
  });

  for (const control of CONTROLS) {
    it(`${control.scenario} (${control.level}): allowed admitted silently, disallowed warned about at its level`, async () => {
      for (const level of LEVELS) {
        const allowed = await dryRun(sampleDocument('Deployment', control.allowed), level);
        expect(allowed.stderr, `allowed at ${level}`).toBe('');
        expect(allowed.code).toBe(0);
        const disallowed = await dryRun(sampleDocument('Deployment', control.disallowed), level);
        expect(disallowed.code, disallowed.stderr).toBe(0);
        if (level === control.level) {
          expect(disallowed.stderr).toContain(`would violate PodSecurity "${level}:v1.34"`);
          expect(disallowed.stderr).toContain(ADMISSION_REASON[control.scenario]);
        } else if (level === 'baseline') {
          expect(disallowed.stderr, 'a restricted-only control is silent at baseline').toBe('');
        } else {
          expect(disallowed.stderr).toContain('would violate PodSecurity "restricted:v1.34"');
        }
      }
    });
  }
});
