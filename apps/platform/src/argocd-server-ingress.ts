// Argo CD's UI and API behind the cluster's ingress controller, as argo-cd chart values (`server`). argocd-server
// serves TLS itself (`server.insecure: false`), so the load balancer must speak HTTPS to it: on the ALB through
// backend-protocol annotations (plus pod-IP targets and an internet-facing scheme, or the ALB is unreachable or
// loops on redirects), on GKE through the Service's app-protocols annotation and the class annotation that
// ingress-gce reads. The certificate is ACM's for `argocd.<baseDomain>` on the ALB and cert-manager's elsewhere.
import type { ClusterContext } from '@go-coffee/environments';
import { ingressControllerFields, PUBLIC_CLUSTER_ISSUER } from '@go-coffee/workload-constructs';

/** argocd-server's health endpoint (answers 200 once the server is up). */
const ARGOCD_SERVER_HEALTH_PATH = '/healthz';
/** The chart's name of the HTTPS port on the argocd-server Service (`server.service.servicePortHttpsName`). */
const ARGOCD_SERVER_HTTPS_PORT_NAME = 'https';

/** The `server` values of the argo-cd chart for this cluster's ingress class. */
export function argocdServerValues(ctx: ClusterContext): Record<string, unknown> {
  const controller = ingressControllerFields(ctx.ingress.className, {
    backendProtocol: 'HTTPS',
    backendPortName: ARGOCD_SERVER_HTTPS_PORT_NAME,
    healthCheckPath: ARGOCD_SERVER_HEALTH_PATH,
    clusterIssuer: PUBLIC_CLUSTER_ISSUER,
  });
  return {
    ingress: {
      annotations: { ...controller.annotations },
      enabled: true,
      ...(controller.ingressClassName === undefined ? {} : { ingressClassName: controller.ingressClassName }),
      tls: true,
    },
    ...(Object.keys(controller.serviceAnnotations).length === 0
      ? {}
      : { service: { annotations: { ...controller.serviceAnnotations } } }),
  };
}
