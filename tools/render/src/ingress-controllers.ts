// Whether each Ingress is one its cloud's controller will act on, and act on correctly. Covers rendered
// Ingress objects and the Ingress the argo-cd chart renders from an Application's `server.ingress` values.
//   gce: ingress-gce reads only the `kubernetes.io/ingress.class: gce` annotation and ignores an Ingress that
//        sets spec.ingressClassName instead; the API server refuses both on one Ingress.
//   alb: the AWS Load Balancer Controller needs `scheme: internet-facing` to be reachable and `target-type: ip`
//        (instance targets need NodePorts, which the quotas forbid); a backend that serves TLS (argocd-server
//        unless `server.insecure`) needs `backend-protocol: HTTPS`.
import { describeObject } from '@go-coffee/kube-objects';
import type { ClusterObject } from './committed-tree';

type Loose = Record<string, unknown>;

interface IngressView {
  readonly where: string;
  readonly className?: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly backendServesTls: boolean;
}

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function views(objects: readonly ClusterObject[]): IngressView[] {
  const out: IngressView[] = [];
  for (const { cluster, manifest } of objects) {
    const spec = (manifest.spec ?? {}) as Loose;
    if (manifest.kind === 'Ingress') {
      out.push({
        where: `${cluster}: ${describeObject(manifest)}`,
        className: spec.ingressClassName as string | undefined,
        annotations: manifest.metadata.annotations ?? {},
        backendServesTls: false,
      });
    }
    const source = (spec.source ?? {}) as Loose;
    if (manifest.kind === 'Application' && source.chart === 'argo-cd') {
      const values = (((source.helm ?? {}) as Loose).valuesObject ?? {}) as Loose;
      const ingress = (((values.server ?? {}) as Loose).ingress ?? {}) as Loose;
      if (ingress.enabled !== true) continue;
      const params = (((values.configs ?? {}) as Loose).params ?? {}) as Loose;
      out.push({
        where: `${cluster}: ${describeObject(manifest)} server.ingress`,
        className: ingress.ingressClassName as string | undefined,
        annotations: (ingress.annotations ?? {}) as Record<string, string>,
        backendServesTls: params['server.insecure'] !== true && params['server.insecure'] !== 'true',
      });
    }
  }
  return out;
}

/** One message per Ingress its controller would ignore, refuse or misroute. */
export function ingressControllerViolations(objects: readonly ClusterObject[]): string[] {
  const violations: string[] = [];
  for (const view of views(objects)) {
    const annotated = view.annotations[CLASS_ANNOTATION];
    if (view.className !== undefined && annotated !== undefined) {
      violations.push(
        `${view.where}: sets both spec.ingressClassName and ${CLASS_ANNOTATION}; the API server refuses that`,
      );
    }
    if (view.className === 'gce') {
      violations.push(
        `${view.where}: ingressClassName "gce" is ignored by ingress-gce; set the ${CLASS_ANNOTATION}: gce annotation instead`,
      );
    }
    if ((view.className ?? annotated) === 'alb') {
      const need: Record<string, string> = {
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        ...(view.backendServesTls ? { 'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS' } : {}),
      };
      for (const [key, value] of Object.entries(need)) {
        if (view.annotations[key] !== value) {
          violations.push(`${view.where}: the ALB needs ${key}: ${value} (has ${view.annotations[key] ?? 'none'})`);
        }
      }
    }
  }
  return violations.sort();
}
