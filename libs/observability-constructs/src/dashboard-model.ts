// Typed description of a Grafana dashboard and its translation to Grafana's dashboard JSON (schema 39).
// Authors list rows of panels; ids and grid positions are computed here, so dashboards never carry
// hand-maintained coordinates and the JSON is identical on every render.
import { assertValidPromql } from './promql-syntax';

/** One Prometheus query of a panel. */
export interface DashboardQuery {
  /** PromQL; must parse (Grafana `$variables` are not allowed, so the check stays exact). */
  readonly expr: string;
  /**
   * Legend template, e.g. `{{service}}`.
   * @default '__auto'
   */
  readonly legend?: string;
}

/** Threshold step: from `value` upwards the panel turns `color`. */
export interface DashboardThreshold {
  readonly value: number;
  readonly color: 'green' | 'yellow' | 'orange' | 'red';
}

export interface DashboardPanel {
  readonly title: string;
  /** `timeseries` for trends, `stat` for one current number. */
  readonly kind: 'timeseries' | 'stat';
  /** At least one query. */
  readonly queries: readonly DashboardQuery[];
  /**
   * Grafana unit id, e.g. `percentunit`, `reqps`, `s`, `bytes`.
   * @default 'short'
   */
  readonly unit?: string;
  /**
   * Width in grid columns (1–24).
   * @default 12
   */
  readonly width?: number;
  /**
   * Height in grid rows.
   * @default 8
   */
  readonly height?: number;
  /**
   * Tooltip text of the panel title.
   * @default none
   */
  readonly description?: string;
  /**
   * Colour steps above the green base.
   * @default []
   */
  readonly thresholds?: readonly DashboardThreshold[];
}

export interface DashboardRow {
  readonly title: string;
  /** At least one panel; panels flow left to right and wrap at 24 columns. */
  readonly panels: readonly DashboardPanel[];
}

export interface DashboardDefinition {
  /** Stable Grafana uid (at most 40 letters, digits, '-' or '_'); links and bookmarks use it. */
  readonly uid: string;
  readonly title: string;
  /** At least one row. */
  readonly rows: readonly DashboardRow[];
  /**
   * Dashboard tags for search.
   * @default []
   */
  readonly tags?: readonly string[];
  /**
   * Auto-refresh interval.
   * @default '1m'
   */
  readonly refresh?: string;
  /**
   * Default time range, relative, e.g. `now-6h`.
   * @default 'now-6h'
   */
  readonly timeFrom?: string;
}

const UID = /^[A-Za-z0-9_-]{1,40}$/;
const GRID_COLUMNS = 24;
/** Every panel queries the Prometheus chosen in this variable, so one dashboard serves any cluster. */
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** Validates the definition and returns Grafana dashboard JSON as a plain object. */
export function buildDashboardJson(definition: DashboardDefinition): Record<string, unknown> {
  const where = `Grafana dashboard "${definition.uid}"`;
  if (!UID.test(definition.uid)) {
    throw new Error(`${where}: uid must be 1–40 letters, digits, '-' or '_'`);
  }
  if (definition.title.trim() === '') throw new Error(`${where}: title is empty`);
  if (definition.rows.length === 0) throw new Error(`${where}: no rows; add at least one row of panels`);

  let nextId = 1;
  let y = 0;
  const panels: Record<string, unknown>[] = [];
  for (const row of definition.rows) {
    if (row.panels.length === 0) throw new Error(`${where}: row "${row.title}" has no panels`);
    panels.push({
      collapsed: false,
      gridPos: { h: 1, w: GRID_COLUMNS, x: 0, y },
      id: nextId++,
      panels: [],
      title: row.title,
      type: 'row',
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const panel of row.panels) {
      const panelWhere = `${where}, panel "${panel.title}"`;
      const width = panel.width ?? 12;
      const height = panel.height ?? 8;
      if (!Number.isInteger(width) || width < 1 || width > GRID_COLUMNS) {
        throw new Error(`${panelWhere}: width ${width} must be an integer from 1 to ${GRID_COLUMNS}`);
      }
      if (!Number.isInteger(height) || height < 1)
        throw new Error(`${panelWhere}: height ${height} must be a positive integer`);
      if (panel.queries.length === 0) throw new Error(`${panelWhere}: no queries; add at least one`);
      if (x + width > GRID_COLUMNS) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      panels.push(renderPanel(panel, nextId++, { h: height, w: width, x, y }, panelWhere));
      x += width;
      rowHeight = Math.max(rowHeight, height);
    }
    y += rowHeight;
  }

  return {
    annotations: { list: [] },
    description: `Generated from TypeScript in the GitOps repository; edit the source there, not in Grafana.`,
    editable: false,
    graphTooltip: 1,
    panels,
    refresh: definition.refresh ?? '1m',
    schemaVersion: 39,
    tags: [...(definition.tags ?? [])],
    templating: {
      list: [
        {
          current: {},
          hide: 0,
          includeAll: false,
          label: 'Prometheus',
          multi: false,
          name: 'datasource',
          query: 'prometheus',
          refresh: 1,
          type: 'datasource',
        },
      ],
    },
    time: { from: definition.timeFrom ?? 'now-6h', to: 'now' },
    timezone: 'utc',
    title: definition.title,
    uid: definition.uid,
    version: 1,
  };
}

function renderPanel(
  panel: DashboardPanel,
  id: number,
  gridPos: { h: number; w: number; x: number; y: number },
  where: string,
): Record<string, unknown> {
  const targets = panel.queries.map((query, index) => {
    assertValidPromql(query.expr, `${where}, query ${index + 1}`);
    return {
      datasource: DATASOURCE,
      expr: query.expr,
      legendFormat: query.legend ?? '__auto',
      // Grafana's convention: A, B, C… identify the queries of a panel.
      refId: String.fromCharCode(65 + index),
    };
  });
  const steps = [
    { color: 'green', value: null },
    ...(panel.thresholds ?? []).map((t) => ({ color: t.color, value: t.value })),
  ];
  return {
    datasource: DATASOURCE,
    ...(panel.description === undefined ? {} : { description: panel.description }),
    fieldConfig: {
      defaults: { thresholds: { mode: 'absolute', steps }, unit: panel.unit ?? 'short' },
      overrides: [],
    },
    gridPos,
    id,
    options:
      panel.kind === 'stat'
        ? {
            colorMode: 'value',
            graphMode: 'area',
            reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
          }
        : {
            legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
            tooltip: { mode: 'multi', sort: 'desc' },
          },
    targets,
    title: panel.title,
    type: panel.kind,
  };
}
