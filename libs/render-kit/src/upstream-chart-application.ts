// An Argo CD Application that installs one upstream Helm chart an area declares (upstream-charts.ts): the chart
// comes from the cluster's mirror when it has one, the Application belongs to the AppProject that trusts the
// chart's repository (the chart's `project`, else the rendering area's), and it syncs by hand whenever the
// environment holds its area (or it alone) by hand.
import { Construct } from 'constructs';
import type { ClusterContext } from '@go-coffee/environments';
import { ArgoApplication } from './argo-application';
import { chartSource, type UpstreamChart } from './upstream-charts';

export interface UpstreamChartApplicationProps {
  readonly chart: UpstreamChart;
  readonly ctx: Pick<ClusterContext, 'chartMirror' | 'sync'>;
  /** Application name, unique in the `argocd` namespace. */
  readonly name: string;
  /**
   * Helm release name.
   * @default name
   */
  readonly releaseName?: string;
  /** Area that renders the Application: `sync.manual` listing it (or `name`) turns automated sync off. */
  readonly area: string;
  /** Namespace the chart installs into. */
  readonly destinationNamespace: string;
  /** Values passed to the chart (`helm.valuesObject`). */
  readonly values: Record<string, unknown>;
  /** @default [] (FIRST_SYNC_OPTION is always added) */
  readonly syncOptions?: readonly string[];
  /** Labels of the Application object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Deleting the Application uninstalls the chart. Off for Argo CD's own chart.
   * @default true
   */
  readonly cascadeDelete?: boolean;
}

export class UpstreamChartApplication extends Construct {
  public readonly application: ArgoApplication;

  constructor(scope: Construct, id: string, props: UpstreamChartApplicationProps) {
    super(scope, id);
    const manual = props.ctx.sync?.manualApplications ?? [];
    this.application = new ArgoApplication(this, 'Application', {
      name: props.name,
      project: props.chart.project ?? props.area,
      source: {
        ...chartSource(props.chart, props.ctx),
        helm: { releaseName: props.releaseName ?? props.name, valuesObject: props.values },
      },
      destinationNamespace: props.destinationNamespace,
      automated: !manual.includes(props.area) && !manual.includes(props.name),
      syncOptions: props.syncOptions ?? [],
      ...(props.cascadeDelete === undefined ? {} : { cascadeDelete: props.cascadeDelete }),
    });
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      this.application.apiObject.metadata.addLabel(key, value);
    }
  }
}
