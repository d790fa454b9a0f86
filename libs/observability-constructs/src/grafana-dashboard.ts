// A Grafana dashboard provisioned by the Grafana sidecar: a ConfigMap carrying the dashboard JSON and the
// label the sidecar watches. Grafana then serves it read-only; the TypeScript definition is the only source.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { DashboardDefinition } from './dashboard-model';
import { buildDashboardJson } from './dashboard-model';
import { sortedJson } from './sorted-json';

/** Label (and value) the kube-prometheus-stack Grafana sidecar selects dashboard ConfigMaps by. */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;
/** Annotation the sidecar reads to place a dashboard in a folder (`sidecar.dashboards.folderAnnotation`). */
export const GRAFANA_FOLDER_ANNOTATION = 'grafana_folder';

export interface GrafanaDashboardProps {
  /** metadata.name of the ConfigMap. */
  readonly name: string;
  /** Namespace the sidecar searches (the Grafana namespace unless the sidecar searches all). */
  readonly namespace: string;
  readonly dashboard: DashboardDefinition;
  /**
   * Grafana folder the dashboard appears in.
   * @default 'Go Coffee'
   */
  readonly folder?: string;
  /**
   * Extra labels on the ConfigMap.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Renders a ConfigMap labelled `grafana_dashboard: "1"` holding `<uid>.json`. */
export class GrafanaDashboard extends Construct {
  public readonly apiObject: ApiObject;
  /** The dashboard JSON exactly as stored in the ConfigMap. */
  public readonly json: string;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const folder = props.folder ?? 'Go Coffee';
    if (folder.trim() === '' || folder.includes('/')) {
      throw new Error(
        `GrafanaDashboard ${props.namespace}/${props.name}: folder "${folder}" must be a non-empty name without '/'`,
      );
    }
    this.json = sortedJson(buildDashboardJson(props.dashboard));
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...(props.labels ?? {}), ...GRAFANA_DASHBOARD_LABEL },
        annotations: { [GRAFANA_FOLDER_ANNOTATION]: folder },
      },
      data: { [`${props.dashboard.uid}.json`]: this.json },
    });
  }
}
