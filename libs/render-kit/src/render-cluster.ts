// The render engine for one cluster: one cdk8s App per cluster, one Chart per area, then the post-synth
// pass (ownership, tracking, waves) and the safety checks every object must pass before it can be written.
// After each area, the engine builds that area's child Applications (child-applications.ts) with the
// ignoreDifferences its own objects call for (ignore-rules.ts) into the cluster's applications folder, so
// rendering one area never needs another area's objects.
import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { configSettingsOf } from '@go-coffee/environments';
import type { ClusterContext } from '@go-coffee/environments';
import type { IgnoreRule } from '@go-coffee/ignore-rules';
import type { ObjectSource } from '@go-coffee/source-map';
import { APPLICATIONS_FOLDER, AreaLayout, AreaLayoutError } from './application-layout';
import { ChildApplications } from './child-applications';
import { configMatcher } from './config-sources';
import { captureCreationSites } from './construct-sources';
import type { CreationSite } from './construct-sources';
import { ignoreDifferencesByApplication, refuseAreaChildApplication, workspaceIgnoreRules } from './ignore-rules';
import { CLUSTER_SCOPED_KINDS, describeObject, type Manifest } from '@go-coffee/kube-objects';
import { manifestFileName, serializeManifest } from './manifest-files';
import { withOwnership } from './ownership';
import type { AreaDeclaration, RenderArea } from './render-area';

export interface RenderedFile {
  readonly cluster: string;
  /** The area whose render produced the file. */
  readonly area: string;
  /** Workspace-relative, `gitops/<cluster>/<area>/<file>.yaml` or `gitops/<cluster>/applications/<file>.yaml`. */
  readonly path: string;
  readonly manifest: Manifest;
  readonly content: string;
  /** Where the object comes from (construct, creating line, configuration lines); written to the source map. */
  readonly source?: ObjectSource;
}

/** An area produced an object that must never be written; the message names the object and the fix. */
export class RenderError extends Error {
  static readonly EXIT_CODE = 3;
  readonly exitCode = RenderError.EXIT_CODE;
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

function checkManifest(manifest: Manifest, where: string): void {
  const name = manifest.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    throw new RenderError(`${where}: ${manifest.apiVersion} ${manifest.kind} has no metadata.name; give it a name.`);
  }
  const namespaced = !CLUSTER_SCOPED_KINDS.has(manifest.kind);
  if (namespaced && !manifest.metadata.namespace) {
    throw new RenderError(
      `${where}: ${describeObject(manifest)} has no metadata.namespace; set it (use NAMESPACES from @go-coffee/render-kit).`,
    );
  }
  if (!namespaced && manifest.metadata.namespace) {
    throw new RenderError(`${where}: ${describeObject(manifest)} is cluster-scoped; remove metadata.namespace.`);
  }
  if (manifest.kind === 'Secret' && (manifest.data !== undefined || manifest.stringData !== undefined)) {
    throw new RenderError(
      `${where}: ${describeObject(manifest)} carries data; secrets are never rendered into Git. Render an ExternalSecret instead.`,
    );
  }
}

export interface RenderClusterOptions {
  /**
   * Rules expanded into the child Applications' `spec.ignoreDifferences`.
   * @default the workspace's libs/ignore-rules/ignore-rules.yaml
   */
  readonly ignoreRules?: readonly IgnoreRule[];
  /**
   * Every declared area of the workspace (loadAreaLayout). A render of one area needs the others' declarations:
   * the platform renders their namespaces and AppProjects, and the tables say who owns each Application.
   * @default the layout of `areas` alone
   */
  readonly layout?: AreaLayout;
}

/** The declared facts of a RenderArea, without its functions, for comparing it with its declaration. */
function declarationOf(area: AreaDeclaration): string {
  const { name, namespace, syncWave, project, carveOuts, applications } = area;
  return JSON.stringify({ name, namespace, syncWave, project, carveOuts, applications });
}

interface OwnedFile {
  readonly area: string;
  readonly application: string;
  readonly path: string;
  readonly manifest: Manifest;
  readonly source: ObjectSource;
}

/** The creation site and construct path of each ApiObject of a chart, by the file name its object gets. */
function creationSitesByFile(
  chart: Chart,
  sites: ReadonlyMap<IConstruct, CreationSite>,
): Map<string, { construct: string; site?: CreationSite }> {
  const byFile = new Map<string, { construct: string; site?: CreationSite }>();
  for (const construct of chart.node.findAll()) {
    if (!(construct instanceof ApiObject)) continue;
    const fileName = manifestFileName({
      apiVersion: construct.apiVersion,
      kind: construct.kind,
      metadata: { name: construct.name, namespace: construct.metadata.namespace },
    });
    const site = sites.get(construct);
    byFile.set(fileName, { construct: construct.node.path, ...(site ? { site } : {}) });
  }
  return byFile;
}

/**
 * Renders every area for one cluster, each into its own folder plus its child Applications into the
 * applications folder; files sorted by path. Throws RenderError on unsafe or ambiguous output,
 * IgnoreRulesError when the ignore-rules file is invalid.
 */
export function renderCluster(
  ctx: ClusterContext,
  areas: readonly RenderArea[],
  options: RenderClusterOptions = {},
): RenderedFile[] {
  let layout: AreaLayout;
  try {
    layout = options.layout ?? new AreaLayout(areas);
  } catch (error) {
    if (error instanceof AreaLayoutError) throw new RenderError(`cluster ${ctx.name}: ${error.message}`);
    throw error;
  }
  const app = new App({ outdir: `dist/${ctx.name}` });
  const rules = options.ignoreRules ?? workspaceIgnoreRules();
  const seen = new Map<string, string>();
  const owned: OwnedFile[] = [];
  const matchConfig = configMatcher(configSettingsOf(ctx));
  const place = (
    raw: Manifest,
    where: string,
    area: string,
    folder: string,
    sites: ReadonlyMap<string, { construct: string; site?: CreationSite }>,
  ): OwnedFile => {
    checkManifest(raw, where);
    const fileName = manifestFileName(raw);
    const path = `${ctx.gitops.path}/${folder}/${fileName}`;
    const earlier = seen.get(path);
    if (earlier !== undefined) {
      throw new RenderError(`${where}: ${describeObject(raw)} and ${earlier} both map to ${path}; rename one of them.`);
    }
    seen.set(path, describeObject(raw));
    const application = layout.applicationForFile(folder, fileName, ctx.argocd?.rootApplication);
    const created = sites.get(fileName);
    const config = matchConfig(raw);
    const source: ObjectSource = {
      object: describeObject(raw),
      construct: created?.construct ?? '',
      ...(created?.site ? { source: created.site.source, callers: created.site.callers } : {}),
      ...(config.length > 0 ? { config } : {}),
    };
    try {
      const manifest = withOwnership(raw, { application, clusterPath: ctx.gitops.path, layout });
      return { area, application, path, manifest, source };
    } catch (error) {
      if (error instanceof AreaLayoutError) throw new RenderError(`${where}: ${describeObject(raw)}: ${error.message}`);
      throw error;
    }
  };
  const run = (where: string, render: () => void): void => {
    try {
      render();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new RenderError(`${where}: render failed: ${reason}`);
    }
  };

  for (const area of areas) {
    const where = `cluster ${ctx.name}, area ${area.name}`;
    if (!layout.hasArea(area.name)) {
      throw new RenderError(
        `${where}: "${area.name}" is not a declared area; declare it in apps/${area.name}/src/area.ts (npm run new:area -- ${area.name}).`,
      );
    }
    if (declarationOf(area) !== declarationOf(layout.area(area.name))) {
      throw new RenderError(
        `${where}: the RenderArea's facts differ from its declaration in apps/${area.name}/src/area.ts; build the RenderArea from that declaration ({ ...declaration, render }).`,
      );
    }
    const chart = new Chart(app, area.name, { disableResourceNameHashes: true });
    let sites: Map<IConstruct, CreationSite> = new Map();
    run(where, () => {
      sites = captureCreationSites(() => area.render(chart, ctx, layout));
    });
    const chartSites = creationSitesByFile(chart, sites);
    const objects = (chart.toJson() as Manifest[]).map((raw) => {
      try {
        refuseAreaChildApplication(raw, where, ctx.gitops.path);
      } catch (error) {
        throw new RenderError(error instanceof Error ? error.message : String(error));
      }
      return place(raw, where, area.name, area.name, chartSites);
    });
    owned.push(...objects);

    // The area's child Applications deploy only its folder, so its own objects decide their ignoreDifferences.
    const applications = new Chart(app, `applications-of-${area.name}`, { disableResourceNameHashes: true });
    let applicationSites: Map<IConstruct, CreationSite> = new Map();
    run(`${where}, applications`, () => {
      applicationSites = captureCreationSites(() => {
        new ChildApplications(applications, 'children', {
          ctx,
          area: area.name,
          layout,
          ignoreDifferences: ignoreDifferencesByApplication(objects, rules),
        });
        area.renderApplications?.(applications, ctx, layout);
      });
    });
    const applicationChartSites = creationSitesByFile(applications, applicationSites);
    for (const raw of applications.toJson() as Manifest[]) {
      const isApplication = raw.kind === 'Application' && raw.apiVersion?.startsWith('argoproj.io/');
      const writer = layout.areaForApplication(String(raw.metadata?.name));
      if (!isApplication || writer !== area.name) {
        const owner = writer === undefined ? 'no area declares it' : `it belongs to area ${writer}'s render`;
        throw new RenderError(
          `${where}: renderApplications produced ${describeObject(raw)}, but gitops/<cluster>/${APPLICATIONS_FOLDER}/ holds only Argo CD Applications and ${owner}; render it there or declare it in \`applications\` of apps/${area.name}/src/area.ts.`,
        );
      }
      owned.push(place(raw, where, area.name, APPLICATIONS_FOLDER, applicationChartSites));
    }
  }

  const files: RenderedFile[] = owned.map(({ area, path, manifest, source }) => ({
    cluster: ctx.name,
    area,
    path,
    manifest,
    content: serializeManifest(manifest),
    source,
  }));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
