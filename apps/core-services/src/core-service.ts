// Everything one core service needs in a cluster: the shared service skeleton (ServiceAccount with the cloud
// identity, settings ConfigMap, ExternalSecret, hardened Deployment, Service, ServiceMonitor, NetworkPolicy),
// plus its HPA and, when replicated, its PDB. Every object is named after the service so a service's files are
// recognisable (and web3 payments can be synced by their own Application).
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import { ServiceWorkload, WorkloadDisruptionBudget, workloadLabels } from '@go-coffee/workload-constructs';
import type { NetworkRule } from '@go-coffee/workload-constructs';
import type { CoreServiceSpec } from './core-service-catalog';

/** Extra files mounted into the service (the gateway's routes). */
export interface CoreServiceFiles {
  readonly mountPath: string;
  /** File name → content, rendered into a `<service>-files` ConfigMap. */
  readonly files: Readonly<Record<string, string>>;
}

export interface CoreServiceProps {
  readonly spec: CoreServiceSpec;
  readonly ctx: ClusterContext;
  readonly namespace: string;
  /** Namespace of the in-cluster data services (dev). */
  readonly dataNamespace: string;
  readonly ingress: readonly NetworkRule[];
  /** Connections to other core services; data services and the internet follow from the spec. */
  readonly egress: readonly NetworkRule[];
  /**
   * @default no extra files
   */
  readonly files?: CoreServiceFiles;
}

export class CoreService extends Construct {
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: CoreServiceProps) {
    super(scope, id);
    const { spec, ctx, namespace } = props;
    const workload = {
      name: spec.name,
      component: spec.component,
      owner: spec.owner,
      dataClassification: spec.dataClassification,
    };
    const skeleton = new ServiceWorkload(this, 'Workload', {
      workload,
      namespace,
      ctx,
      ports: spec.ports,
      metricsPort: spec.metricsPort,
      settings: {
        APP_ENV: ctx.environment,
        CLOUD: ctx.cloud,
        CLUSTER_NAME: ctx.name,
        LOG_FORMAT: 'json',
        ...spec.settings(ctx),
      },
      ...(props.files === undefined
        ? {}
        : {
            files: { configMapName: `${spec.name}-files`, mountPath: props.files.mountPath, files: props.files.files },
          }),
      secretKeys: spec.secretKeys,
      dataServices: [...spec.dataServices].sort(),
      dataNamespace: props.dataNamespace,
      callsInternet: spec.callsInternet,
      ingress: props.ingress,
      egress: props.egress,
      deployment: {
        image: ctx.images[spec.name],
        liveness: spec.liveness,
        readiness: spec.readiness,
        resources: spec.resources,
        resourceScale: ctx.sizing.resourceScale,
      },
    });
    this.service = skeleton.service;

    new kplus.HorizontalPodAutoscaler(this, 'Autoscaler', {
      metadata: { name: spec.name, namespace, labels: workloadLabels(workload) },
      target: skeleton.deployment.deployment,
      minReplicas: ctx.sizing.minReplicas,
      maxReplicas: ctx.sizing.maxReplicas,
      metrics: [
        kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70)),
        kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(80)),
      ],
    });
    if (ctx.sizing.minReplicas > 1) {
      new WorkloadDisruptionBudget(this, 'DisruptionBudget', {
        workload,
        namespace,
        minReplicas: ctx.sizing.minReplicas,
      });
    }
  }
}
