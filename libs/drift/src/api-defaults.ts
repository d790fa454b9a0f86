// The defaults kube-apiserver (1.34) fills in for the kinds we render, applied to BOTH sides of a
// comparison without asking the server (no dry-run, no write): a manifest that omits `protocol: TCP` and a
// live object that carries it must compare equal. Only fills absent fields, so it is idempotent.
// Checked against a real kube-apiserver in detect-cluster-drift.test.ts (apply → zero findings).
import { groupOf } from '@go-coffee/kube-objects';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Every object of a kind passes through here, on both sides of a comparison: the constant defaults are
// module-level objects walked with for..in (no per-call literal, no Object.entries array), and an object
// default is copied only when it is actually filled in.
function fill(target: Obj, defaults: Readonly<Obj>): void {
  for (const k in defaults) {
    if (target[k] === undefined || target[k] === null) {
      const v = defaults[k];
      target[k] = v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
    }
  }
}

/** fill() for one primitive default. */
function fillValue(target: Obj, key: string, value: string | number | boolean): void {
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
const VOLUME_SOURCES_WITH_MODE = ['configMap', 'secret', 'projected', 'downwardAPI'] as const;
const POD_SPEC_TAIL_DEFAULTS = { terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst' };
const DEPLOYMENT_DEFAULTS = { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 };
const ROLLING_UPDATE_DEFAULTS = { maxSurge: '25%', maxUnavailable: '25%' };

function child(target: Obj, key: string): Obj {
  if (!isObj(target[key])) target[key] = {};
  return target[key] as Obj;
}

function list(target: Obj, key: string): Obj[] {
  const v = target[key];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  fill(probe, PROBE_DEFAULTS);
  if (isObj(probe.httpGet)) fillValue(probe.httpGet, 'scheme', 'HTTP');
  if (isObj(probe.grpc)) fillValue(probe.grpc, 'service', '');
}

function imageTagIsLatest(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  if (image.includes('@')) return false;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 || lastSegment.slice(colon + 1) === 'latest';
}

function defaultContainer(c: Obj): void {
  fillValue(c, 'terminationMessagePath', '/dev/termination-log');
  fillValue(c, 'terminationMessagePolicy', 'File');
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null)
    c.imagePullPolicy = imageTagIsLatest(c.image) ? 'Always' : 'IfNotPresent';
  const ports = c.ports;
  if (Array.isArray(ports)) for (const port of ports) if (isObj(port)) fillValue(port, 'protocol', 'TCP');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const envs = c.env;
  if (Array.isArray(envs))
    for (const env of envs) {
      const fieldRef = isObj(env) && isObj(env.valueFrom) ? env.valueFrom.fieldRef : undefined;
      if (isObj(fieldRef)) fillValue(fieldRef, 'apiVersion', 'v1');
    }
}

function defaultDownwardApiItems(holder: Obj): void {
  for (const item of list(holder, 'items')) {
    if (isObj(item.fieldRef)) fill(item.fieldRef, { apiVersion: 'v1' });
  }
}

function defaultVolume(v: Obj): void {
  for (const source of VOLUME_SOURCES_WITH_MODE) {
    if (isObj(v[source])) fillValue(v[source] as Obj, 'defaultMode', 420);
  }
  if (isObj(v.downwardAPI)) defaultDownwardApiItems(v.downwardAPI);
  if (isObj(v.projected)) {
    for (const source of list(v.projected, 'sources')) {
      // A projected service account token lives one hour unless git says otherwise.
      if (isObj(source.serviceAccountToken)) fill(source.serviceAccountToken, { expirationSeconds: 3600 });
      if (isObj(source.downwardAPI)) defaultDownwardApiItems(source.downwardAPI);
    }
  }
}

/** Container limits: default ← max, defaultRequest ← default, then ← min (per resource, only when absent). */
function defaultLimitRange(spec: Obj): void {
  for (const item of list(spec, 'limits')) {
    if (item.type !== 'Container') continue;
    const defaults = child(item, 'default');
    const requests = child(item, 'defaultRequest');
    if (isObj(item.max)) fill(defaults, item.max);
    fill(requests, defaults);
    if (isObj(item.min)) fill(requests, item.min);
  }
}

/** Pod spec defaults (pods and every pod template). */
export function defaultPodSpec(spec: Obj, restartPolicy = 'Always'): void {
  // serviceAccount is the deprecated alias the API server keeps in step with serviceAccountName.
  if (typeof spec.serviceAccountName === 'string') fillValue(spec, 'serviceAccount', spec.serviceAccountName);
  // In this order: a default lands where fill() would put it among the keys (the JSON text of the result).
  fillValue(spec, 'restartPolicy', restartPolicy);
  fill(spec, POD_SPEC_TAIL_DEFAULTS);
  if (spec.securityContext === undefined || spec.securityContext === null) spec.securityContext = {};
  fillValue(spec, 'schedulerName', 'default-scheduler');
  for (const field of ['containers', 'initContainers'] as const) {
    const containers = spec[field];
    if (Array.isArray(containers)) for (const c of containers) if (isObj(c)) defaultContainer(c);
  }
  const volumes = spec.volumes;
  if (Array.isArray(volumes)) for (const v of volumes) if (isObj(v)) defaultVolume(v);
}

function defaultPodTemplate(holder: Obj, restartPolicy?: string): void {
  const template = child(holder, 'template');
  defaultPodSpec(child(template, 'spec'), restartPolicy);
}

function defaultJobSpec(spec: Obj): void {
  fill(spec, {
    backoffLimit: 6,
    completionMode: 'NonIndexed',
    suspend: false,
    podReplacementPolicy: 'TerminatingOrFailed',
  });
  if (spec.completions === undefined && spec.parallelism === undefined) fill(spec, { completions: 1, parallelism: 1 });
  else fill(spec, { parallelism: 1 });
  defaultPodTemplate(spec);
}

function defaultService(spec: Obj): void {
  fill(spec, { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' });
  if (spec.sessionAffinity === 'ClientIP')
    fill(child(child(spec, 'sessionAffinityConfig'), 'clientIP'), { timeoutSeconds: 10800 });
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') fill(spec, { ipFamilyPolicy: 'SingleStack' });
  for (const port of list(spec, 'ports')) {
    fill(port, { protocol: 'TCP' });
    if (port.targetPort === undefined && port.port !== undefined) port.targetPort = port.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') fill(spec, { externalTrafficPolicy: 'Cluster' });
  if (spec.type === 'LoadBalancer') fill(spec, { allocateLoadBalancerNodePorts: true });
}

function defaultNetworkPolicy(spec: Obj): void {
  // Egress joins the policy types only for a non-empty egress list (`egress: []` is Ingress only).
  if (spec.policyTypes === undefined) {
    spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of list(spec, direction)) for (const port of list(rule, 'ports')) fill(port, { protocol: 'TCP' });
  }
}

function defaultHpa(spec: Obj, version: string): void {
  fill(spec, { minReplicas: 1 });
  // autoscaling/v2 without metrics scales on 80% average CPU utilization.
  if (version === 'v2' && (!Array.isArray(spec.metrics) || spec.metrics.length === 0)) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ];
  }
  if (!isObj(spec.behavior)) return;
  const behavior = spec.behavior;
  if (isObj(behavior.scaleUp)) {
    fill(behavior.scaleUp, { selectPolicy: 'Max', stabilizationWindowSeconds: 0 });
    if (behavior.scaleUp.policies === undefined) {
      behavior.scaleUp.policies = [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ];
    }
  } else {
    behavior.scaleUp = {
      selectPolicy: 'Max',
      stabilizationWindowSeconds: 0,
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    };
  }
  const scaleDown = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
  if (isObj(behavior.scaleDown)) {
    fill(behavior.scaleDown, { selectPolicy: 'Max' });
    if (behavior.scaleDown.policies === undefined) behavior.scaleDown.policies = scaleDown.policies;
  } else {
    behavior.scaleDown = scaleDown;
  }
}

/** Applies the API server's defaults for `obj` (mutates). Unknown kinds are left untouched. */
export function applyApiDefaults(obj: Obj): void {
  const group = groupOf(String(obj.apiVersion ?? ''));
  const kind = String(obj.kind ?? '');
  const spec = isObj(obj.spec) ? obj.spec : undefined;
  // By kind, then group: no `group/kind` string per object (every object of both sides comes through here).
  switch (kind) {
    case 'Deployment':
      if (group !== 'apps') return;
      if (!spec) return;
      fill(spec, DEPLOYMENT_DEFAULTS);
      fillValue(child(spec, 'strategy'), 'type', 'RollingUpdate');
      if ((spec.strategy as Obj).type === 'RollingUpdate') {
        fill(child(spec.strategy as Obj, 'rollingUpdate'), ROLLING_UPDATE_DEFAULTS);
      }
      defaultPodTemplate(spec);
      return;
    case 'StatefulSet':
      if (group !== 'apps') return;
      if (!spec) return;
      fill(spec, {
        replicas: 1,
        revisionHistoryLimit: 10,
        podManagementPolicy: 'OrderedReady',
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      });
      fill(child(spec, 'updateStrategy'), { type: 'RollingUpdate' });
      if ((spec.updateStrategy as Obj).type === 'RollingUpdate')
        fill(child(spec.updateStrategy as Obj, 'rollingUpdate'), { partition: 0 });
      for (const pvc of list(spec, 'volumeClaimTemplates')) {
        fill(pvc, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
        fill(child(pvc, 'spec'), { volumeMode: 'Filesystem' });
      }
      defaultPodTemplate(spec);
      return;
    case 'DaemonSet':
      if (group !== 'apps') return;
      if (!spec) return;
      fill(spec, { revisionHistoryLimit: 10 });
      fill(child(spec, 'updateStrategy'), { type: 'RollingUpdate' });
      if ((spec.updateStrategy as Obj).type === 'RollingUpdate') {
        fill(child(spec.updateStrategy as Obj, 'rollingUpdate'), { maxUnavailable: 1, maxSurge: 0 });
      }
      defaultPodTemplate(spec);
      return;
    case 'Job':
      if (group !== 'batch') return;
      if (spec) defaultJobSpec(spec);
      return;
    case 'CronJob':
      if (group !== 'batch') return;
      if (!spec) return;
      fill(spec, {
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
      });
      defaultJobSpec(child(child(spec, 'jobTemplate'), 'spec'));
      return;
    case 'Pod':
      if (group !== '') return;
      if (spec) defaultPodSpec(spec);
      return;
    case 'Service':
      if (group !== '') return;
      if (spec) defaultService(spec);
      return;
    case 'Secret':
      if (group !== '') return;
      fill(obj, { type: 'Opaque' });
      return;
    case 'PersistentVolumeClaim':
      if (group !== '') return;
      if (spec) fill(spec, { volumeMode: 'Filesystem' });
      return;
    case 'Namespace':
      if (group !== '') return;
      fill(child(obj, 'spec'), { finalizers: ['kubernetes'] });
      return;
    case 'NetworkPolicy':
      if (group !== 'networking.k8s.io') return;
      if (spec) defaultNetworkPolicy(spec);
      return;
    case 'HorizontalPodAutoscaler':
      if (group !== 'autoscaling') return;
      if (spec) defaultHpa(spec, String(obj.apiVersion).slice('autoscaling/'.length));
      return;
    case 'LimitRange':
      if (group !== '') return;
      if (spec) defaultLimitRange(spec);
      return;
    case 'PriorityClass':
      if (group !== 'scheduling.k8s.io') return;
      fill(obj, { preemptionPolicy: 'PreemptLowerPriority' });
      return;
    case 'CustomResourceDefinition':
      if (group !== 'apiextensions.k8s.io') return;
      if (spec) fill(child(spec, 'conversion'), { strategy: 'None' });
      return;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      if (group !== 'rbac.authorization.k8s.io') return;
      for (const subject of list(obj, 'subjects')) {
        if (subject.kind === 'User' || subject.kind === 'Group')
          fill(subject, { apiGroup: 'rbac.authorization.k8s.io' });
        if (subject.kind === 'ServiceAccount') fill(subject, { apiGroup: '' });
      }
      return;
    default:
      return;
  }
}

/** Labels the Job controller's API strategy generates from the Job's uid and name when git sets no selector. */
const JOB_GENERATED_LABELS = [
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'job-name',
];

/** A Job without a selector gets one (and matching template labels) generated from its uid. */
function dropJobGeneratedSelector(desired: Obj, live: Obj): void {
  const d = isObj(desired.spec) ? desired.spec : {};
  const l = isObj(live.spec) ? live.spec : undefined;
  if (!l || d.selector !== undefined || d.manualSelector === true) return;
  delete l.selector;
  if (d.manualSelector === undefined) delete l.manualSelector;
  const desiredLabels = ((d.template as Obj | undefined)?.metadata as Obj | undefined)?.labels as Obj | undefined;
  const liveLabels = ((l.template as Obj | undefined)?.metadata as Obj | undefined)?.labels;
  if (!isObj(liveLabels)) return;
  for (const key of JOB_GENERATED_LABELS) if (desiredLabels?.[key] === undefined) delete liveLabels[key];
}

/**
 * Values the API server allocates or generates (cluster IPs, IP families, node ports, a Job's selector and
 * its labels) cannot be predicted from git: when git leaves them unset they are dropped from the live side
 * (mutates `live`).
 */
export function dropServerAllocations(desired: Obj, live: Obj): void {
  if (String(live.apiVersion ?? '') === 'batch/v1' && live.kind === 'Job') {
    dropJobGeneratedSelector(desired, live);
    return;
  }
  if (String(live.apiVersion ?? '') !== 'v1' || live.kind !== 'Service') return;
  const d = isObj(desired.spec) ? desired.spec : {};
  const l = isObj(live.spec) ? live.spec : undefined;
  if (!l) return;
  for (const field of ['clusterIP', 'clusterIPs', 'ipFamilies', 'healthCheckNodePort'] as const) {
    if (d[field] === undefined) delete l[field];
  }
  const desiredPorts = list(d, 'ports');
  for (const port of list(l, 'ports')) {
    const twin = desiredPorts.find((p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (twin?.nodePort === undefined) delete port.nodePort;
  }
}
