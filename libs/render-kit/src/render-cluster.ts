// The render engine for one cluster: one cdk8s App per cluster, one Chart per area, then the post-synth
// pass (ownership, tracking, waves) and the safety checks every object must pass before it can be written,
// and finally the child Applications' ignoreDifferences, which need every area's objects (ignore-rules.ts).
import { App, Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { IgnoreRule } from '@go-coffee/ignore-rules';
import { applicationForFile } from './application-layout';
import { withIgnoreDifferences, workspaceIgnoreRules } from './ignore-rules';
import { CLUSTER_SCOPED_KINDS, describeManifest, manifestFileName, serializeManifest } from './manifest-files';
import type { Manifest } from './manifest-files';
import { withOwnership } from './ownership';
import type { RenderArea } from './render-area';

export interface RenderedFile {
  readonly cluster: string;
  readonly area: string;
  /** Workspace-relative, `gitops/<cluster>/<area>/<file>.yaml`. */
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

/**
 * Renders every area for one cluster; files sorted by path. Throws RenderError on unsafe or ambiguous output,
 * IgnoreRulesError when the ignore-rules file is invalid.
 */
export function renderCluster(
  ctx: ClusterContext,
  areas: readonly RenderArea[],
  options: RenderClusterOptions = {},
): RenderedFile[] {
  const app = new App({ outdir: `dist/${ctx.name}` });
  const charts = areas.map((area) => {
    const chart = new Chart(app, area.name, { disableResourceNameHashes: true });
    try {
      area.render(chart, ctx);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new RenderError(`cluster ${ctx.name}, area ${area.name}: render failed: ${reason}`);
    }
    return { area, chart };
  });

  const owned: { area: string; application: string; path: string; manifest: Manifest }[] = [];
  const seen = new Map<string, string>();
  for (const { area, chart } of charts) {
    const where = `cluster ${ctx.name}, area ${area.name}`;
    for (const raw of chart.toJson() as Manifest[]) {
      checkManifest(raw, where);
      const fileName = manifestFileName(raw);
      const path = `${ctx.gitops.path}/${area.name}/${fileName}`;
      const earlier = seen.get(path);
      if (earlier !== undefined) {
        throw new RenderError(
          `${where}: ${describeManifest(raw)} and ${earlier} both map to ${path}; rename one of them.`,
        );
      }
      seen.set(path, describeManifest(raw));
      const application = applicationForFile(area.name, fileName);
      const manifest = withOwnership(raw, { application, clusterPath: ctx.gitops.path });
      owned.push({ area: area.name, application, path, manifest });
    }
  }
  // After every area: an Application's ignoreDifferences depend on the objects of the area it deploys.
  const rules = options.ignoreRules ?? workspaceIgnoreRules();
  let complete: typeof owned;
  try {
    complete = withIgnoreDifferences(owned, { cluster: ctx.name, clusterPath: ctx.gitops.path, rules });
  } catch (error) {
    throw new RenderError(error instanceof Error ? error.message : String(error));
  }
  const files: RenderedFile[] = complete.map(({ area, path, manifest }) => ({
    cluster: ctx.name,
    area,
    path,
    manifest,
    content: serializeManifest(manifest),
  }));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
