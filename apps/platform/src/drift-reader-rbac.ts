// Read-only access for the drift tool: get/list/watch on the kinds Go Coffee renders, never Secrets (the
// drift tool compares objects; it has no business reading secret values).
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { NAMESPACES } from '@go-coffee/render-kit';

export const DRIFT_READER = 'go-coffee-drift-reader';

const READ = ['get', 'list', 'watch'];
const CORE_RESOURCES = [
  'configmaps',
  'endpoints',
  'limitranges',
  'namespaces',
  'persistentvolumeclaims',
  'pods',
  'resourcequotas',
  'serviceaccounts',
  'services',
];
const API_GROUPS = [
  'apps',
  'autoscaling',
  'batch',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'apiextensions.k8s.io',
  'storage.k8s.io',
  'argoproj.io',
  'keda.sh',
  'monitoring.coreos.com',
  'external-secrets.io',
  'cert-manager.io',
  'kafka.strimzi.io',
  'postgresql.cnpg.io',
  'redis.redis.opstreelabs.in',
];

export class DriftReaderRbac extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: DRIFT_READER },
      rules: [
        { apiGroups: [''], resources: CORE_RESOURCES, verbs: READ },
        { apiGroups: API_GROUPS, resources: ['*'], verbs: READ },
      ],
    });
    new ApiObject(this, 'account', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: DRIFT_READER, namespace: NAMESPACES.argocd },
      automountServiceAccountToken: false,
    });
    new ApiObject(this, 'binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: DRIFT_READER },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: DRIFT_READER },
      subjects: [{ kind: 'ServiceAccount', name: DRIFT_READER, namespace: NAMESPACES.argocd }],
    });
  }
}
