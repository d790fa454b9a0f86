// Public entry point of @go-coffee/workload-constructs: hardened building blocks the render areas compose.
export { ExternalSecret, EXTERNAL_SECRETS_API_VERSION } from './external-secret';
export type { ExternalSecretEntry, ExternalSecretProps } from './external-secret';
export { HardenedDeployment } from './hardened-deployment';
export type {
  ConfigFileMount,
  ContainerImage,
  HardenedDeploymentProps,
  NamedPort,
  ProbeCheck,
  ResourceBudget,
} from './hardened-deployment';
export { KafkaScaledObject } from './kafka-scaled-object';
export type { KafkaLagTrigger, KafkaScaledObjectProps } from './kafka-scaled-object';
export { KafkaTopic, kafkaTopicResourceName } from './kafka-topic';
export type { KafkaTopicProps } from './kafka-topic';
export { NamespaceDefaultDeny } from './namespace-default-deny';
export type { NamespaceDefaultDenyProps } from './namespace-default-deny';
export { ServiceMonitor } from './service-monitor';
export { CONFIG_HASH_ANNOTATION, INTERNET_EGRESS, METADATA_ENDPOINT, ServiceWorkload } from './service-workload';
export type { ServiceWorkloadFiles, ServiceWorkloadProps } from './service-workload';
export type { ServiceMonitorEndpoint, ServiceMonitorProps } from './service-monitor';
export { WorkloadDisruptionBudget } from './workload-disruption-budget';
export type { WorkloadDisruptionBudgetProps } from './workload-disruption-budget';
export {
  LABEL_COMPONENT,
  LABEL_DATA_CLASSIFICATION,
  LABEL_NAME,
  LABEL_OWNER,
  selectorLabels,
  workloadLabels,
} from './workload-labels';
export type { DataClassification, WorkloadIdentityLabels } from './workload-labels';
export { WorkloadNetworkPolicy } from './workload-network-policy';
export type { NetworkPeer, NetworkPortSpec, NetworkRule, WorkloadNetworkPolicyProps } from './workload-network-policy';
export {
  CLOUD_IDENTITY_ANNOTATIONS,
  cloudIdentityAnnotations,
  cloudIdentityPodLabels,
  WorkloadServiceAccount,
} from './workload-service-account';
export type { WorkloadServiceAccountProps } from './workload-service-account';
export {
  certManagerIdentity,
  clusterIdentity,
  externalSecretsIdentity,
  objectStorageIdentity,
  workloadIdentityAnnotations,
  workloadIdentityPodLabels,
} from './workload-identity-annotations';
export type { CloudIdentityUse } from './workload-identity-annotations';
export {
  CLOUD_SECRET_STORE,
  DATA_ENDPOINTS_CONFIG_MAP,
  DATA_SERVICE_PORTS,
  dataServiceEnvironmentSources,
  KAFKA_CLIENT_ENV,
  KAFKA_CREDENTIALS_SECRET,
  kafkaScalerSecurity,
  MANAGED_KAFKA_SASL_MECHANISM,
  MANAGED_DATA_SERVICE_PORTS,
  dataServicePort,
  dataServiceEgress,
  KAFKA_CLUSTER_NAME,
  kafkaBootstrapServers,
  dataServiceEndpoints,
  endpointEnvironment,
  POSTGRES_CLUSTER_NAME,
  PRIVATE_RANGES,
  REDIS_NAME,
} from './data-service-endpoints';
export type { DataService, DataServiceEndpoint, DataServiceEndpoints, KafkaEndpoint } from './data-service-endpoints';
export { PUBLIC_CLUSTER_ISSUER } from './public-tls';
export { SECRET_MANAGER_ROOT, secretManagerKey } from './secret-manager-key';
export { SecretTriggerAuthentication } from './secret-trigger-authentication';
export type { SecretTriggerAuthenticationProps } from './secret-trigger-authentication';
export { ALB_SSL_POLICY, INGRESS_CLASS_ANNOTATION, ingressControllerFields } from './ingress-controller';
export type { IngressBackendNeeds, IngressControllerFields } from './ingress-controller';
