// Which rendered objects an autoscaler owns the replicas of. Argo CD's ignoreDifferences cannot select by
// "has an HPA", so the rules say `appliesTo: autoscaled-workloads` and this module turns that into names.
import { groupOf, refKey, refOf } from '@go-coffee/kube-objects';

/** The part of a rendered Kubernetes object the expansion reads. */
export interface RenderedObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown } | Record<string, unknown>;
  readonly spec?: unknown;
}

interface AutoscalerKind {
  readonly group: string;
  readonly kind: string;
  /** scaleTargetRef fields the autoscaler's API defaults when absent. */
  readonly defaultTarget?: { readonly apiVersion: string; readonly kind: string };
}

/**
 * Autoscalers whose `spec.scaleTargetRef` names an object in their own namespace. KEDA's ScaledObject creates
 * an HPA at run time (not rendered), so the ScaledObject itself is what marks the target; its
 * scaleTargetRef defaults to an apps/v1 Deployment.
 */
const AUTOSCALERS: readonly AutoscalerKind[] = [
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'keda.sh', kind: 'ScaledObject', defaultTarget: { apiVersion: 'apps/v1', kind: 'Deployment' } },
];

/**
 * Keys (refKey of @go-coffee/kube-objects) of the objects an autoscaler among `objects` targets. An autoscaler without a usable
 * scaleTargetRef marks nothing: the rule then hides nothing and the difference stays visible (fail closed).
 */
export function autoscaledWorkloads(objects: Iterable<RenderedObject>): Set<string> {
  const targets = new Set<string>();
  for (const object of objects) {
    const key = refOf(object);
    const autoscaler = AUTOSCALERS.find((a) => a.group === key.group && a.kind === key.kind);
    if (!autoscaler || key.namespace === '') continue;
    const ref = (object.spec as { scaleTargetRef?: Record<string, unknown> } | undefined)?.scaleTargetRef;
    if (ref === null || typeof ref !== 'object') continue;
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : autoscaler.defaultTarget?.apiVersion;
    const kind = typeof ref.kind === 'string' ? ref.kind : autoscaler.defaultTarget?.kind;
    if (apiVersion === undefined || kind === undefined || typeof ref.name !== 'string' || ref.name === '') continue;
    targets.add(refKey({ group: groupOf(apiVersion), kind, namespace: key.namespace, name: ref.name }));
  }
  return targets;
}
