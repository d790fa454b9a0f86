// The render engine for one cluster: one cdk8s App per cluster, one Chart per area, then the post-synth
// pass (ownership, tracking, waves) and the safety checks every object must pass before it can be written.
// After each area, the engine builds that area's child Applications (child-applications.ts) with the
// ignoreDifferences its own objects call for (ignore-rules.ts) into the cluster's applications folder, so
// rendering one area never needs another area's objects.
import { App, Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { IgnoreRule } from '@go-coffee/ignore-rules';
import { APPLICATIONS_FOLDER, AREA_NAMES, applicationForFile, areaForApplication } from './application-layout';
import type { AreaName } from './application-layout';
import { ChildApplications } from './child-applications';
import { ignoreDifferencesByApplication, refuseAreaChildApplication, workspaceIgnoreRules } from './ignore-rules';
import { CLUSTER_SCOPED_KINDS, describeManifest, manifestFileName, serializeManifest } from './manifest-files';
import type { Manifest } from './manifest-files';
import { withOwnership } from './ownership';
import type { RenderArea } from './render-area';

export interface RenderedFile {
  readonly cluster: string;
  /** The area whose render produced the file. */
  readonly area: string;
  /** Workspace-relative, `gitops/<cluster>/<area>/<file>.yaml` or `gitops/<cluster>/applications/<file>.yaml`. */
  readonly path: string;
  readonly manifest: Manifest;
  readonly content: string;
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
      `${where}: ${describeManifest(manifest)} has no metadata.namespace; set it (use NAMESPACES from @go-coffee/render-kit).`,
    );
  }
  if (!namespaced && manifest.metadata.namespace) {
    throw new RenderError(`${where}: ${describeManifest(manifest)} is cluster-scoped; remove metadata.namespace.`);
  }
  if (manifest.kind === 'Secret' && (manifest.data !== undefined || manifest.stringData !== undefined)) {
    throw new RenderError(
      `${where}: ${describeManifest(manifest)} carries data; secrets are never rendered into Git. Render an ExternalSecret instead.`,
    );
  }
}

export interface RenderClusterOptions {
  /**
   * Rules expanded into the child Applications' `spec.ignoreDifferences`.
   * @default the workspace's libs/ignore-rules/ignore-rules.yaml
   */
  readonly ignoreRules?: readonly IgnoreRule[];
}

interface OwnedFile {
  readonly area: string;
  readonly application: string;
  readonly path: string;
  readonly manifest: Manifest;
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
  const app = new App({ outdir: `dist/${ctx.name}` });
  const rules = options.ignoreRules ?? workspaceIgnoreRules();
  const seen = new Map<string, string>();
  const owned: OwnedFile[] = [];
  const place = (raw: Manifest, where: string, area: string, folder: string): OwnedFile => {
    checkManifest(raw, where);
    const fileName = manifestFileName(raw);
    const path = `${ctx.gitops.path}/${folder}/${fileName}`;
    const earlier = seen.get(path);
    if (earlier !== undefined) {
      throw new RenderError(
        `${where}: ${describeManifest(raw)} and ${earlier} both map to ${path}; rename one of them.`,
      );
    }
    seen.set(path, describeManifest(raw));
    const application = applicationForFile(folder, fileName, ctx.argocd?.rootApplication);
    return { area, application, path, manifest: withOwnership(raw, { application, clusterPath: ctx.gitops.path }) };
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
    if (!(AREA_NAMES as readonly string[]).includes(area.name)) {
      throw new RenderError(
        `${where}: "${area.name}" is not a known area; add it to AREA_NAMES and AREA_NAMESPACES in libs/render-kit/src/application-layout.ts.`,
      );
    }
    const chart = new Chart(app, area.name, { disableResourceNameHashes: true });
    run(where, () => area.render(chart, ctx));
    const objects = (chart.toJson() as Manifest[]).map((raw) => {
      try {
        refuseAreaChildApplication(raw, where, ctx.gitops.path);
      } catch (error) {
        throw new RenderError(error instanceof Error ? error.message : String(error));
      }
      return place(raw, where, area.name, area.name);
    });
    owned.push(...objects);

    // The area's child Applications deploy only its folder, so its own objects decide their ignoreDifferences.
    const applications = new Chart(app, `applications-of-${area.name}`, { disableResourceNameHashes: true });
    run(`${where}, applications`, () => {
      new ChildApplications(applications, 'children', {
        ctx,
        area: area.name as AreaName,
        ignoreDifferences: ignoreDifferencesByApplication(objects, rules),
      });
      area.renderApplications?.(applications, ctx);
    });
    for (const raw of applications.toJson() as Manifest[]) {
      const isApplication = raw.kind === 'Application' && raw.apiVersion?.startsWith('argoproj.io/');
      const writer = areaForApplication(String(raw.metadata?.name));
      if (!isApplication || writer !== area.name) {
        throw new RenderError(
          `${where}: renderApplications produced ${describeManifest(raw)}, but gitops/<cluster>/${APPLICATIONS_FOLDER}/ holds only Argo CD Applications and this one belongs to area ${writer}'s render (areaForApplication in libs/render-kit/src/application-layout.ts); render it there or add a layout rule.`,
        );
      }
      owned.push(place(raw, where, area.name, APPLICATIONS_FOLDER));
    }
  }

  const files: RenderedFile[] = owned.map(({ area, path, manifest }) => ({
    cluster: ctx.name,
    area,
    path,
    manifest,
    content: serializeManifest(manifest),
  }));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
