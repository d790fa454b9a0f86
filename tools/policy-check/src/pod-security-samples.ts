// The samples of main.pod_security: for every Pod Security Standards control, an allowed and a disallowed
// file holding one document per pod-bearing kind (Pod, PodTemplate, the controllers, CronJob, Argo
// Rollout, and a List holding a Pod). Each disallowed document states above itself, in `# expect <rule>:
// <message>` lines, exactly the findings of main.pod_security it must produce; sample-expectations.ts
// reads them and the parity test holds both policy-check and conftest to them.
// Regenerate after changing a control: `npx tsx tools/policy-check/src/pod-security-samples.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { workspaceRoot } from '@go-coffee/toolchain';

type Json = Record<string, unknown>;

/** A change to the restricted pod: to its spec, its metadata, or one container (the one under test). */
interface PodChange {
  readonly pod?: Json;
  readonly metadata?: Json;
  readonly container?: Json;
  /** Change to the other, regular container (present where the one under test is in another list). */
  readonly others?: Json;
}

export interface PodSecurityControl {
  /** Sample folder (kebab-case). */
  readonly scenario: string;
  /** The Pod Security Standards profile that first forbids the disallowed pod. */
  readonly level: 'baseline' | 'restricted';
  readonly allowed: PodChange;
  readonly disallowed: PodChange;
  /** Findings of the disallowed pod: [rule, message]; {id}, {path} and {subject} are filled in per kind. */
  readonly expect: readonly (readonly [string, string])[];
}

const SUBJECT_FIX = {
  privileged: '{subject} is privileged; fix: remove securityContext.privileged or set it to false',
  escalation: '{subject} allows privilege escalation; fix: set securityContext.allowPrivilegeEscalation to false',
  seccomp:
    '{subject} has no RuntimeDefault or Localhost seccomp profile; fix: set securityContext.seccompProfile.type to RuntimeDefault',
};

export const CONTROLS: readonly PodSecurityControl[] = [
  {
    scenario: 'host-process',
    level: 'baseline',
    allowed: { pod: { securityContext: { windowsOptions: { hostProcess: false } } } },
    // The API accepts HostProcess pods only on the host network.
    disallowed: { pod: { hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } } } },
    expect: [
      [
        'deny_host_process',
        '{id}: pod sets {path}.securityContext.windowsOptions.hostProcess; fix: remove it (HostProcess pods are not allowed)',
      ],
      [
        'deny_host_namespaces',
        '{id}: pod sets hostNetwork; fix: remove {path}.hostNetwork (host namespaces are not allowed)',
      ],
    ],
  },
  {
    scenario: 'host-namespaces',
    level: 'baseline',
    allowed: { pod: { hostNetwork: false, hostPID: false, hostIPC: false } },
    disallowed: { pod: { hostNetwork: true, hostPID: true } },
    expect: [
      [
        'deny_host_namespaces',
        '{id}: pod sets hostNetwork; fix: remove {path}.hostNetwork (host namespaces are not allowed)',
      ],
      ['deny_host_namespaces', '{id}: pod sets hostPID; fix: remove {path}.hostPID (host namespaces are not allowed)'],
    ],
  },
  {
    scenario: 'privileged-container',
    level: 'baseline',
    allowed: { container: { securityContext: { privileged: false } } },
    // A privileged container escalates: the API refuses privileged with allowPrivilegeEscalation false.
    disallowed: { container: { securityContext: { privileged: true, allowPrivilegeEscalation: true } } },
    expect: [
      ['deny_privileged', SUBJECT_FIX.privileged],
      ['deny_privilege_escalation', SUBJECT_FIX.escalation],
    ],
  },
  {
    scenario: 'capabilities-baseline',
    level: 'baseline',
    allowed: { container: { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } } },
    // The API refuses SYS_ADMIN with allowPrivilegeEscalation false.
    disallowed: {
      container: {
        securityContext: { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] }, allowPrivilegeEscalation: true },
      },
    },
    expect: [
      ['deny_privilege_escalation', SUBJECT_FIX.escalation],
      [
        'deny_capabilities_baseline',
        '{subject} adds capability SYS_ADMIN, which the baseline profile forbids; fix: remove it from securityContext.capabilities.add',
      ],
      [
        'deny_capabilities',
        '{subject} adds capability SYS_ADMIN; fix: remove it from securityContext.capabilities.add (only NET_BIND_SERVICE may be added)',
      ],
    ],
  },
  {
    scenario: 'capabilities-restricted',
    level: 'restricted',
    allowed: { container: { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } } },
    disallowed: { container: { securityContext: { capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } } } },
    expect: [
      [
        'deny_capabilities',
        '{subject} adds capability CHOWN; fix: remove it from securityContext.capabilities.add (only NET_BIND_SERVICE may be added)',
      ],
      [
        'deny_capabilities',
        '{subject} does not drop ALL capabilities; fix: set securityContext.capabilities.drop to [ALL]',
      ],
    ],
  },
  {
    scenario: 'host-path',
    level: 'baseline',
    allowed: { pod: { volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }] } },
    disallowed: { pod: { volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] } },
    expect: [
      ['deny_host_path', '{id}: volume docker mounts a hostPath; fix: use an emptyDir, ConfigMap, Secret or PVC'],
      [
        'deny_volume_types',
        '{id}: volume docker uses hostPath, which the restricted profile forbids; fix: use configMap, secret, emptyDir, projected, PVC or CSI',
      ],
    ],
  },
  {
    scenario: 'host-ports',
    level: 'baseline',
    allowed: { container: { ports: [{ name: 'http', containerPort: 8080 }] } },
    disallowed: { container: { ports: [{ name: 'http', containerPort: 8080, hostPort: 8080 }] } },
    expect: [
      [
        'deny_host_ports',
        '{subject} uses hostPort 8080; fix: remove ports[].hostPort and reach the pod through a Service',
      ],
    ],
  },
  {
    scenario: 'apparmor',
    level: 'baseline',
    allowed: {
      metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' } },
      pod: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } },
    },
    disallowed: {
      metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
      container: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
    },
    expect: [
      [
        'deny_apparmor',
        '{subject} sets AppArmor profile Unconfined; fix: set securityContext.appArmorProfile.type to RuntimeDefault',
      ],
      [
        'deny_apparmor',
        '{id}: annotation container.apparmor.security.beta.kubernetes.io/app is unconfined; fix: use runtime/default or localhost/<profile>, or appArmorProfile',
      ],
    ],
  },
  {
    scenario: 'selinux',
    level: 'baseline',
    allowed: { pod: { securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c123,c456' } } } },
    disallowed: { container: { securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u' } } } },
    expect: [
      [
        'deny_selinux',
        '{subject} seLinuxOptions type spc_t is not allowed; fix: remove it from securityContext.seLinuxOptions',
      ],
      ['deny_selinux', '{subject} seLinuxOptions sets user; fix: remove it from securityContext.seLinuxOptions'],
    ],
  },
  {
    scenario: 'proc-mount',
    level: 'baseline',
    allowed: { container: { securityContext: { procMount: 'Default' } } },
    // The API accepts Unmasked only in a user namespace; Pod Security still refuses it there in 1.34.
    disallowed: { pod: { hostUsers: false }, container: { securityContext: { procMount: 'Unmasked' } } },
    expect: [['deny_proc_mount', '{subject} sets procMount Unmasked; fix: remove securityContext.procMount']],
  },
  {
    scenario: 'seccomp-baseline',
    level: 'baseline',
    allowed: {
      container: { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'go-coffee.json' } } },
    },
    disallowed: { container: { securityContext: { seccompProfile: { type: 'Unconfined' } } } },
    expect: [
      [
        'deny_seccomp_unconfined',
        '{subject} sets seccomp profile Unconfined; fix: set securityContext.seccompProfile.type to RuntimeDefault',
      ],
      ['deny_seccomp', SUBJECT_FIX.seccomp],
    ],
  },
  {
    scenario: 'seccomp-restricted',
    level: 'restricted',
    allowed: { container: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } },
    disallowed: {
      pod: { securityContext: { seccompProfile: null } },
      others: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
    },
    expect: [['deny_seccomp', SUBJECT_FIX.seccomp]],
  },
  {
    scenario: 'sysctls',
    level: 'baseline',
    allowed: { pod: { securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }] } } },
    disallowed: { pod: { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } } },
    expect: [
      [
        'deny_sysctls',
        '{id}: pod sets sysctl kernel.msgmax, which is not in the safe set; fix: remove it from {path}.securityContext.sysctls',
      ],
    ],
  },
  {
    scenario: 'probe-host',
    level: 'baseline',
    allowed: { container: { readinessProbe: { httpGet: { path: '/ready', port: 8080 } } } },
    disallowed: { container: { readinessProbe: { httpGet: { host: '169.254.169.254', path: '/', port: 80 } } } },
    expect: [
      [
        'deny_probe_host',
        "{subject}: readinessProbe.httpGet.host is 169.254.169.254; fix: remove the host (the kubelet probes the pod's IP)",
      ],
    ],
  },
  {
    scenario: 'volume-types',
    level: 'restricted',
    allowed: {
      pod: {
        volumes: [
          { name: 'config', configMap: { name: 'api-config' } },
          { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
          { name: 'data', persistentVolumeClaim: { claimName: 'api-data' } },
        ],
      },
    },
    disallowed: { pod: { volumes: [{ name: 'share', nfs: { server: 'nfs.internal', path: '/exports' } }] } },
    expect: [
      [
        'deny_volume_types',
        '{id}: volume share uses nfs, which the restricted profile forbids; fix: use configMap, secret, emptyDir, projected, PVC or CSI',
      ],
    ],
  },
  {
    scenario: 'privilege-escalation',
    level: 'restricted',
    allowed: { container: { securityContext: { allowPrivilegeEscalation: false } } },
    disallowed: { container: { securityContext: { allowPrivilegeEscalation: true } } },
    expect: [['deny_privilege_escalation', SUBJECT_FIX.escalation]],
  },
  {
    scenario: 'run-as-non-root',
    level: 'restricted',
    allowed: { container: { securityContext: { runAsNonRoot: true } } },
    disallowed: { container: { securityContext: { runAsNonRoot: false } } },
    expect: [['deny_run_as_non_root', '{subject} may run as root; fix: set securityContext.runAsNonRoot to true']],
  },
  {
    scenario: 'run-as-user',
    level: 'restricted',
    allowed: { container: { securityContext: { runAsUser: 10001 } } },
    disallowed: { container: { securityContext: { runAsUser: 0 } } },
    expect: [['deny_run_as_user', '{subject} runs as UID 0; fix: set securityContext.runAsUser to a non-zero UID']],
  },
];

const API_VERSIONS: Record<string, string> = {
  Pod: 'v1',
  PodTemplate: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  ReplicationController: 'v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Rollout: 'argoproj.io/v1alpha1',
};

export const SAMPLE_KINDS = [...Object.keys(API_VERSIONS), 'List'];

/** Which container list holds the container under test, so each list appears in the samples. */
const CONTAINER_LIST: Record<string, string> = {
  Pod: 'ephemeralContainers',
  List: 'initContainers',
  Job: 'initContainers',
  CronJob: 'initContainers',
  StatefulSet: 'initContainers',
};

const LABELS: Record<string, string> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

const SPEC_PATHS: Record<string, string> = {
  Pod: 'spec',
  List: 'spec',
  PodTemplate: 'template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge: objects merge, anything else (lists included) replaces; null removes the key. */
function merge(base: Json, change: Json): Json {
  const merged: Json = { ...base };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else merged[key] = isObject(value) && isObject(merged[key]) ? merge(merged[key], value) : value;
  }
  return merged;
}

const restrictedContainer: Json = {
  name: 'app',
  image: 'ghcr.io/go-coffee/api-gateway:1.4.2',
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  },
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
};

function podTemplate(kind: string, change: PodChange): { metadata: Json; spec: Json } {
  const field = CONTAINER_LIST[kind] ?? 'containers';
  const underTest = merge(restrictedContainer, change.container ?? {});
  const containers: Json =
    field === 'containers'
      ? { containers: [underTest] }
      : { containers: [merge({ ...restrictedContainer, name: 'main' }, change.others ?? {})], [field]: [underTest] };
  const spec = merge(
    {
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      ...containers,
    },
    change.pod ?? {},
  );
  return { metadata: merge({ labels: { 'app.kubernetes.io/name': 'api' } }, change.metadata ?? {}), spec };
}

const objectMetadata = (name: string) => ({ name, namespace: 'go-coffee' });

/** The document of one kind for one side of a control, as its sample file holds it. */
export function sampleDocument(kind: string, change: PodChange): Json {
  const template = podTemplate(kind, change);
  const head = { apiVersion: API_VERSIONS[kind], kind, metadata: objectMetadata('api') };
  switch (kind) {
    case 'Pod':
      return { ...head, metadata: { ...objectMetadata('api'), ...template.metadata }, spec: template.spec };
    case 'List':
      return {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { ...objectMetadata('api-in-list'), ...template.metadata },
            spec: template.spec,
          },
        ],
      };
    case 'PodTemplate':
      return { ...head, template };
    case 'CronJob':
      return {
        ...head,
        spec: {
          schedule: '*/5 * * * *',
          jobTemplate: { spec: { template: merge(template, { spec: { restartPolicy: 'Never' } }) } },
        },
      };
    case 'Job':
      return { ...head, spec: { template: merge(template, { spec: { restartPolicy: 'Never' } }) } };
    default:
      return { ...head, spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, template } };
  }
}

/** The messages a disallowed document of a kind must produce, as [rule, message]. */
export function expectedFindings(control: PodSecurityControl, kind: string): [string, string][] {
  const id = kind === 'List' ? 'v1 Pod go-coffee/api-in-list' : `${API_VERSIONS[kind]} ${kind} go-coffee/api`;
  const subject = `${id}: ${LABELS[CONTAINER_LIST[kind] ?? 'containers']} app`;
  const path = SPEC_PATHS[kind] ?? 'spec.template.spec';
  return control.expect.map(([rule, message]) => [
    rule,
    message.replaceAll('{subject}', subject).replaceAll('{id}', id).replaceAll('{path}', path),
  ]);
}

/** File texts of one control's samples: allowed.yaml and disallowed.yaml, one document per kind. */
export function sampleTexts(control: PodSecurityControl): { allowed: string; disallowed: string } {
  const text = (side: 'allowed' | 'disallowed') =>
    SAMPLE_KINDS.map((kind) => {
      const expectations =
        side === 'disallowed'
          ? expectedFindings(control, kind).map(([rule, message]) => `# expect ${rule}: ${message}\n`)
          : [];
      const body = stringify(sampleDocument(kind, control[side]), { lineWidth: 0, aliasDuplicateObjects: false });
      return `# ${kind}\n${expectations.join('')}${body}`;
    }).join('---\n');
  const header = (side: string) =>
    `# main.pod_security sample "${control.scenario}" (${side}), one document per pod-bearing kind. Generated by\n` +
    '# tools/policy-check/src/pod-security-samples.ts; change the table there, never this file.\n';
  return { allowed: header('allowed') + text('allowed'), disallowed: header('disallowed') + text('disallowed') };
}

export const SAMPLES_DIR = join('policies', 'main', 'pod_security', 'samples');

export function writePodSecuritySamples(root: string): void {
  for (const control of CONTROLS) {
    const dir = join(root, SAMPLES_DIR, control.scenario);
    mkdirSync(dir, { recursive: true });
    const texts = sampleTexts(control);
    writeFileSync(join(dir, 'allowed.yaml'), texts.allowed);
    writeFileSync(join(dir, 'disallowed.yaml'), texts.disallowed);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  writePodSecuritySamples(workspaceRoot());
  process.stdout.write(`pod-security samples: ${CONTROLS.length} controls × ${SAMPLE_KINDS.length} kinds written\n`);
}
