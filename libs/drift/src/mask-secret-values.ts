// Secret values never leave the process: every value under a Secret's data is replaced by a marker
// before anything is printed, logged or returned. A changed key must still show as changed, so the two
// sides get different markers, and the markers carry no length or hash that could leak the value.
import type { FieldDifference } from './compare-objects';
import type { KubeObject, ObjectRef } from '@go-coffee/kube-objects';

export const MASKED = '<masked>';
export const MASKED_GIT = '<masked: value in git>';
export const MASKED_LIVE_CHANGED = '<masked: live value differs>';

type Obj = Record<string, unknown>;

export function isSecretRef(ref: ObjectRef): boolean {
  return ref.group === '' && ref.kind === 'Secret';
}

function maskAll(map: unknown): unknown {
  if (!map || typeof map !== 'object' || Array.isArray(map)) return MASKED;
  return Object.fromEntries(Object.keys(map as Obj).map((k) => [k, MASKED]));
}

/** Masked copies of a Secret's two sides for display; equal values share a marker, changed ones do not. */
export function maskSecretPair(desired: KubeObject, live: KubeObject): { desired: KubeObject; live: KubeObject } {
  const d = { ...desired } as Obj;
  const l = { ...live } as Obj;
  const dData = (desired.data ?? {}) as Obj;
  const lData = (live.data ?? {}) as Obj;
  if (desired.data !== undefined) {
    d.data = Object.fromEntries(
      Object.keys(dData).map((k) => [k, k in lData && lData[k] !== dData[k] ? MASKED_GIT : MASKED]),
    );
  }
  if (live.data !== undefined) {
    l.data = Object.fromEntries(
      Object.keys(lData).map((k) => [k, k in dData && lData[k] !== dData[k] ? MASKED_LIVE_CHANGED : MASKED]),
    );
  }
  for (const side of [d, l]) {
    if (side.stringData !== undefined) side.stringData = maskAll(side.stringData);
    const metadata = side.metadata as Obj | undefined;
    const annotations = metadata?.annotations as Obj | undefined;
    // kubectl's client-side apply keeps a full copy of the Secret (values included) in this annotation.
    if (annotations && 'kubectl.kubernetes.io/last-applied-configuration' in annotations) {
      side.metadata = {
        ...metadata,
        annotations: { ...annotations, 'kubectl.kubernetes.io/last-applied-configuration': MASKED },
      };
    }
  }
  return { desired: d as KubeObject, live: l as KubeObject };
}

/** A Secret difference with its values masked. */
export function maskSecretDifference(diff: FieldDifference): FieldDifference {
  const underData = /^\/(data|stringData)(\/|$)/.test(diff.pointer);
  const touchesData = underData || diff.pointer === '';
  if (!touchesData && !/^\/metadata\/annotations/.test(diff.pointer)) return diff;
  const mask = (value: unknown, marker: string): unknown => {
    if (value === undefined) return undefined;
    if (diff.pointer === '/data' || diff.pointer === '/stringData') return maskAll(value);
    return underData ? marker : value;
  };
  const out: Record<string, unknown> = { ...diff };
  if ('desired' in diff) out.desired = mask(diff.desired, diff.change === 'changed' ? MASKED_GIT : MASKED);
  if ('live' in diff) out.live = mask(diff.live, diff.change === 'changed' ? MASKED_LIVE_CHANGED : MASKED);
  if (/^\/metadata\/annotations/.test(diff.pointer) && diff.pointer.includes('last-applied-configuration')) {
    if ('desired' in diff) out.desired = MASKED;
    if ('live' in diff) out.live = MASKED;
  }
  return out as unknown as FieldDifference;
}
