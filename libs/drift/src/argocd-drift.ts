// Drift through Argo CD: the rendered tree against Argo CD's target state and live state
// (managed-resources), each difference classified:
//   not-synced   git (this commit) differs from Argo CD's target: Argo CD has not synced this commit yet
//   out-of-band  Argo CD's target differs from the live object: someone changed the cluster
//   ignored      hidden by an ignore rule (ours, same file as the Applications) or by the
//                Application's ignoreDifferences (Argo CD's normalized and predicted states agree)
//   informational  a label or annotation git does not declare that another manager added (not drift)
// plus objects missing live and orphans Argo CD would prune.
import { IgnoreEntryIndex, expandIgnoreRules, type IgnoreRule } from '@go-coffee/ignore-rules';
import type { ArgoApplication, ArgoResourceDiff } from './argocd-client';
import { compareObjects, type FieldDifference } from './compare-objects';
import type { DesiredManifest } from './detect-cluster-drift';
import { detectObjectDrift } from './detect-object-drift';
import { FieldOwnership } from './field-ownership';
import { isSecretRef, maskSecretDifference } from './mask-secret-values';
import { normalizeObject } from './normalize-object';
import {
  compareRefs,
  describeRef,
  ownTrackingId,
  refKey,
  refOf,
  type KubeObject,
  type ObjectRef,
} from '@go-coffee/kube-objects';

export type ArgoDriftCategory = 'not-synced' | 'out-of-band' | 'ignored' | 'informational' | 'missing' | 'orphan';

/** Categories that are not drift: hidden by a rule, or a label/annotation another manager added. */
export const NOT_DRIFT: ReadonlySet<ArgoDriftCategory> = new Set(['ignored', 'informational']);

export interface ArgoDriftFinding {
  readonly category: ArgoDriftCategory;
  readonly application: string;
  readonly ref: ObjectRef;
  readonly differences: readonly FieldDifference[];
  /** For `ignored`: the ignore rule id, or `Application.spec.ignoreDifferences`. */
  readonly rule?: string;
  readonly detail?: string;
}

export interface ArgoDriftInput {
  readonly desired: readonly DesiredManifest[];
  readonly applications: readonly ArgoApplication[];
  /** managed-resources per Application name. */
  readonly managedResources: ReadonlyMap<string, readonly ArgoResourceDiff[]>;
  /** The ignore rules; expanded here against `desired`. */
  readonly ignoreRules: readonly IgnoreRule[];
}

function parseState(text: string | undefined, where: string): KubeObject | undefined {
  if (text === undefined || text === '' || text === 'null') return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as KubeObject) : undefined;
  } catch {
    throw new Error(`Argo CD managed-resources: ${where} is not valid JSON`);
  }
}

/** Everything-owned ownership: git and Argo CD's target are both declarations, so every field counts. */
const DECLARED = new FieldOwnership([
  {
    manager: 'git',
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:metadata': {},
      'f:spec': {},
      'f:data': {},
      'f:binaryData': {},
      'f:rules': {},
      'f:subjects': {},
      'f:roleRef': {},
      'f:type': {},
      'f:immutable': {},
    },
  },
]);

function pointerValue(obj: unknown, pointer: string): unknown {
  let cur = obj;
  for (const token of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** proto3 JSON omits the core group ('') and a cluster-scoped object's namespace: absent means ''. */
function refOfResource(r: ArgoResourceDiff): ObjectRef {
  return { group: r.group ?? '', kind: r.kind, namespace: r.namespace ?? '', name: r.name };
}

export function compareThroughArgoCd(input: ArgoDriftInput): ArgoDriftFinding[] {
  const findings: ArgoDriftFinding[] = [];
  const ignore = new IgnoreEntryIndex(
    expandIgnoreRules(
      input.ignoreRules,
      input.desired.map((m) => m.object),
    ),
  );
  const apps = new Map(input.applications.map((a) => [a.metadata.name, a]));
  const desiredKeys = new Set<string>();
  const resourceIndex = new Map<string, ArgoResourceDiff>();
  for (const [app, resources] of input.managedResources) {
    for (const r of resources) resourceIndex.set(`${app} ${refKey(refOfResource(r))}`, r);
  }

  for (const { object, source } of input.desired) {
    const ref = refOf(object);
    const tracking = ownTrackingId(object);
    const application = tracking?.application ?? '';
    desiredKeys.add(`${application} ${refKey(ref)}`);
    if (!tracking) {
      findings.push({
        category: 'not-synced',
        application: '',
        ref,
        differences: [],
        detail: `${source} carries no Argo CD tracking annotation; no Application manages it`,
      });
      continue;
    }
    if (!apps.has(application)) {
      findings.push({
        category: 'not-synced',
        application,
        ref,
        differences: [],
        detail: `Application ${application} does not exist in Argo CD yet`,
      });
      continue;
    }
    const resource = resourceIndex.get(`${application} ${refKey(ref)}`);
    const where = `${application} ${describeRef(ref)}`;
    const target = parseState(resource?.targetState, `${where} targetState`);
    if (!resource || !target) {
      findings.push({
        category: 'not-synced',
        application,
        ref,
        differences: [],
        detail: `not in Argo CD's target for ${application}: this commit is not synced yet`,
      });
      continue;
    }
    const mask = (d: FieldDifference) => (isSecretRef(ref) ? maskSecretDifference(d) : d);
    // Two declarations compared: no field manager is involved, so no writer is attributed.
    const pending = compareObjects(normalizeObject(object), normalizeObject(target), DECLARED)
      .differences.map(({ writer: _writer, ...d }) => d)
      .map(mask);
    if (pending.length > 0)
      findings.push({
        category: 'not-synced',
        application,
        ref,
        differences: pending,
        detail: 'git differs from the target Argo CD is syncing',
      });

    const live = parseState(resource.liveState, `${where} liveState`);
    if (!live) {
      findings.push({ category: 'missing', application, ref, differences: [], detail: 'in Argo CD target, not live' });
      continue;
    }
    const drift = detectObjectDrift(target, live, { ignore, source });
    for (const d of drift.ignored)
      findings.push({ category: 'ignored', application, ref, differences: [d], rule: d.rule });
    if (drift.informational.length > 0)
      findings.push({ category: 'informational', application, ref, differences: drift.informational });
    const normalizedLive = parseState(resource.normalizedLiveState, `${where} normalizedLiveState`);
    const predictedLive = parseState(resource.predictedLiveState, `${where} predictedLiveState`);
    const outOfBand: FieldDifference[] = [];
    for (const d of drift.differences) {
      // Argo CD applies the Application's ignoreDifferences when predicting the live state: a field on
      // which normalized and predicted states agree is one Argo CD does not consider drift. `modified` is
      // omitted when false (proto3 JSON drops false and empty fields), so absence means "not modified".
      const hiddenByArgo =
        normalizedLive !== undefined &&
        predictedLive !== undefined &&
        resource.modified !== true &&
        JSON.stringify(pointerValue(normalizedLive, d.pointer)) ===
          JSON.stringify(pointerValue(predictedLive, d.pointer));
      if (hiddenByArgo)
        findings.push({
          category: 'ignored',
          application,
          ref,
          differences: [d],
          rule: 'Application.spec.ignoreDifferences',
        });
      else outOfBand.push(d);
    }
    if (outOfBand.length > 0) findings.push({ category: 'out-of-band', application, ref, differences: outOfBand });
  }

  for (const [app, resources] of input.managedResources) {
    for (const r of resources) {
      const ref = refOfResource(r);
      // `hook` is omitted unless true.
      if (r.hook === true || desiredKeys.has(`${app} ${refKey(ref)}`)) continue;
      const target = parseState(r.targetState, `${app} ${r.kind} ${r.name} targetState`);
      const live = parseState(r.liveState, `${app} ${r.kind} ${r.name} liveState`);
      // Argo CD's resource list has no version; the object it holds does (for the report's messages).
      const described = refOf({ ...(target ?? live), kind: ref.kind }).version;
      const versioned: ObjectRef = described === undefined ? ref : { ...ref, version: described };
      if (!target && live)
        findings.push({
          category: 'orphan',
          application: app,
          ref: versioned,
          differences: [],
          detail: 'live and tracked by Argo CD, not in git (Argo CD would prune it)',
        });
      else if (target)
        findings.push({
          category: 'not-synced',
          application: app,
          ref: versioned,
          differences: [],
          detail: "in Argo CD's target but not in this commit: this commit is not synced yet",
        });
    }
  }
  const order: ArgoDriftCategory[] = ['not-synced', 'out-of-band', 'missing', 'orphan', 'informational', 'ignored'];
  return findings.sort(
    (a, b) =>
      order.indexOf(a.category) - order.indexOf(b.category) ||
      compareRefs(a.ref, b.ref) ||
      (a.application < b.application ? -1 : a.application > b.application ? 1 : 0),
  );
}
