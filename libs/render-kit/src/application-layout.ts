// How a cluster's folder is divided between Argo CD Applications, derived from the areas' own declarations
// (render-area.ts). Areas own folders; an area's carve-outs give files of its folder to Applications of their own
// (web3 payments sync by hand in prod without freezing the other core services), and the root Application owns
// the `applications/` folder (app of apps), where every area's render writes its own child Applications. It also
// says where each Application deploys by default and in which wave the root syncs it. The engine builds the child
// Applications, stamps tracking ids and sync waves from this one layout, so they cannot disagree about who owns a
// file, and adding an area never edits a table here. The chart catalog is derived the same way: every chart an
// area declares, with the AppProject that trusts its repository and the API groups whose CRDs it installs.
import type { ClusterContext } from '@go-coffee/environments';
import type { AppProjectDeclaration, AreaDeclaration, CarveOutDeclaration } from './render-area';
import { chartSource, type UpstreamChart } from './upstream-charts';

/** Name of the app of apps in every cluster; the area declaring it in `applications` renders it. */
export const ROOT_APPLICATION = 'root';

/**
 * Folder of the cluster (`gitops/<cluster>/applications/`) holding the Applications of the app of apps; the root
 * Application reads it and nothing else. Not an area: each area's render writes only its own files into it.
 */
export const APPLICATIONS_FOLDER = 'applications';

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const APPLICATION_FILE = /^application-argocd-([a-z0-9-]+)\.yaml$/;

export interface ApplicationCarveOut extends CarveOutDeclaration {
  /** Area folder the files live in. */
  readonly area: string;
  /** The same selection as `fileGlob`, as a predicate on the file name, used when stamping tracking ids. */
  readonly matches: (fileName: string) => boolean;
}

/** A declaration the layout cannot use; the message names the area, the problem and the fix. */
export class AreaLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AreaLayoutError';
  }
}

/** `*` and `?` of an Argo CD file glob as a predicate on a file name. */
function globPredicate(glob: string): (fileName: string) => boolean {
  const source = glob
    .split(/([*?])/)
    .map((part) => (part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const pattern = new RegExp(`^${source}$`);
  return (fileName) => pattern.test(fileName);
}

/** A chart of the catalog: as its area declares it, with the declaring area and its project resolved. */
export interface CatalogChart extends UpstreamChart {
  /** The AppProject whose Applications install the chart (the declared `project`, else the declaring area). */
  readonly project: string;
  /** Area whose declaration lists the chart. */
  readonly area: string;
  /** The chart's key in that area's `charts`. */
  readonly key: string;
}

interface ApplicationEntry {
  /** Area whose render writes the Application into APPLICATIONS_FOLDER. */
  readonly area: AreaDeclaration;
  /** Wave of a child Application (one deploying an area folder); undefined for the area's other Applications. */
  readonly childWave?: number;
}

/** The areas of a workspace and every table derived from their declarations. */
export class AreaLayout {
  /** Every declared area, ordered by name. */
  readonly areas: readonly AreaDeclaration[];
  private readonly applications = new Map<string, ApplicationEntry>();
  private readonly carveOuts: readonly ApplicationCarveOut[];
  /** Every chart the areas declare: area by area (ordered by name), each area's in declaration order. */
  readonly charts: readonly CatalogChart[];

  /** Throws AreaLayoutError when a declaration is incomplete or two declarations claim the same name. */
  constructor(declarations: readonly AreaDeclaration[]) {
    this.areas = [...declarations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const carveOuts: ApplicationCarveOut[] = [];
    for (const area of this.areas) {
      const where = `area "${area.name}" (apps/${area.name}/src/area.ts)`;
      if (!NAME.test(area.name)) {
        throw new AreaLayoutError(`${where}: name must be lowercase letters, digits and dashes; rename the area.`);
      }
      if (typeof area.namespace !== 'string' || !NAME.test(area.namespace)) {
        throw new AreaLayoutError(
          `${where}: namespace "${String(area.namespace)}" is not a namespace name; declare one.`,
        );
      }
      checkWave(area.syncWave, `${where}: syncWave`);
      this.claim(area.name, { area, childWave: area.syncWave }, where);
      for (const carveOut of area.carveOuts ?? []) {
        if (carveOut.syncWave !== undefined)
          checkWave(carveOut.syncWave, `${where}: carve-out ${carveOut.application} syncWave`);
        this.claim(carveOut.application, { area, childWave: carveOut.syncWave ?? area.syncWave }, where);
        carveOuts.push({ ...carveOut, area: area.name, matches: globPredicate(carveOut.fileGlob) });
      }
      for (const application of area.applications ?? []) this.claim(application, { area }, where);
    }
    this.carveOuts = carveOuts;
    this.charts = catalogOf(this.areas);
  }

  /**
   * Chart repositories the AppProject `project` trusts: those of its charts, each once; the project's own area's
   * charts first, then those other areas install into it, in area order. Only the mirror when the cluster has
   * one (and the project has charts).
   */
  chartRepositoriesOf(project: string, ctx: Pick<ClusterContext, 'chartMirror'> = {}): string[] {
    const charts = this.charts.filter((chart) => chart.project === project);
    const ordered = [
      ...charts.filter((chart) => chart.area === project),
      ...charts.filter((chart) => chart.area !== project),
    ];
    return [...new Set(ordered.map((chart) => chartSource(chart, ctx).repoURL))];
  }

  /** The chart that installs the CRDs of an API group, if any area declares one. */
  chartInstallingGroup(group: string): CatalogChart | undefined {
    return this.charts.find((chart) => chart.customResourceGroups.includes(group));
  }

  private claim(application: string, entry: ApplicationEntry, where: string): void {
    if (!NAME.test(application)) {
      throw new AreaLayoutError(
        `${where}: Application name "${application}" must be lowercase letters, digits and dashes.`,
      );
    }
    const earlier = this.applications.get(application);
    if (earlier !== undefined) {
      throw new AreaLayoutError(
        `${where}: the Application "${application}" is already declared by area "${earlier.area.name}"; area and Application names must be unique, rename one.`,
      );
    }
    this.applications.set(application, entry);
  }

  /** Names of the declared areas, ordered. */
  get areaNames(): string[] {
    return this.areas.map((area) => area.name);
  }

  hasArea(name: string): boolean {
    return this.areas.some((area) => area.name === name);
  }

  /** The declaration of area `name`; throws AreaLayoutError when no area declares it. */
  area(name: string): AreaDeclaration {
    const area = this.areas.find((candidate) => candidate.name === name);
    if (area === undefined) {
      throw new AreaLayoutError(
        `no area "${name}" is declared; add apps/${name}/src/area.ts (npm run new:area -- ${name}) or use one of: ${this.areaNames.join(', ')}.`,
      );
    }
    return area;
  }

  /** The AppProject an area declares, its defaults filled in. */
  projectOf(name: string): Required<AppProjectDeclaration> {
    const area = this.area(name);
    return {
      description: area.project?.description ?? `The ${area.name} area.`,
      namespaces: area.project?.namespaces ?? [area.namespace],
      clusterScoped: area.project?.clusterScoped ?? false,
    };
  }

  /** Carve-outs of one area's folder. */
  carveOutsOf(area: string): readonly ApplicationCarveOut[] {
    return this.carveOuts.filter((rule) => rule.area === area);
  }

  /**
   * The Application that owns `fileName` in the folder `folder` (an area folder or APPLICATIONS_FOLDER);
   * `rootApplication` names the cluster's root (`root-<cluster>` on a spoke of an ApplicationSet fleet).
   */
  applicationForFile(folder: string, fileName: string, rootApplication = ROOT_APPLICATION): string {
    if (folder === APPLICATIONS_FOLDER) return rootApplication;
    return this.carveOuts.find((rule) => rule.area === folder && rule.matches(fileName))?.application ?? folder;
  }

  /**
   * The area whose render writes the app-of-apps Application `application` into APPLICATIONS_FOLDER: an area its
   * own child Application, its carve-outs' and the Applications it declares. Undefined when no area declares it.
   * Render targets' Nx outputs and `render --check` follow this.
   */
  areaForApplication(application: string): string | undefined {
    return this.applications.get(application)?.area.name;
  }

  /**
   * The area whose render answers for `applications/<fileName>`: the writer of the Application it holds, and for a
   * file no area writes, the area rendering the root Application (the root owns the folder, so its render deletes
   * strays). Undefined only when no area declares the root either.
   */
  areaForApplicationFile(fileName: string): string | undefined {
    const name = APPLICATION_FILE.exec(fileName)?.[1];
    const writer = name === undefined ? undefined : this.areaForApplication(name);
    return writer ?? this.areaForApplication(ROOT_APPLICATION);
  }

  /** AppProject of an Application of the app-of-apps tree: the project of the area that declares it. */
  projectForApplication(application: string): string {
    return this.declaring(application).name;
  }

  /**
   * Destination namespace of an Application of the app-of-apps tree: its area's namespace. Argo CD also writes it
   * into the tracking id of cluster-scoped objects, so the engine uses it there too.
   */
  destinationNamespaceForApplication(application: string): string {
    return this.declaring(application).namespace;
  }

  /**
   * Wave of a child Application (an area's own or a carve-out's) in the app of apps. Throws for any other name:
   * an Application the layout cannot place never gets a silent default wave.
   */
  childApplicationWave(application: string): number {
    const wave = this.applications.get(application)?.childWave;
    if (wave === undefined) {
      throw new AreaLayoutError(
        `the Application "${application}" deploys an area folder but no area declares it as its own or as a carve-out; declare it in that area's apps/<area>/src/area.ts.`,
      );
    }
    return wave;
  }

  /**
   * The Applications an environment may hold by hand (`sync.manual`): the root, every area's child Application and
   * every carve-out. An area's further Applications follow their area's setting.
   */
  applicationNames(): string[] {
    const children = [...this.applications].filter(([, entry]) => entry.childWave !== undefined).map(([name]) => name);
    return [ROOT_APPLICATION, ...children.sort()];
  }

  private declaring(application: string): AreaDeclaration {
    const entry = this.applications.get(application);
    if (entry === undefined) {
      throw new AreaLayoutError(
        `no area declares the Application "${application}"; add it to the \`applications\` of the area that renders it (apps/<area>/src/area.ts).`,
      );
    }
    return entry.area;
  }
}

/** The charts of the areas, checked: a known project, an exact version and each chart and CRD group declared once. */
function catalogOf(areas: readonly AreaDeclaration[]): CatalogChart[] {
  const names = new Set(areas.map((area) => area.name));
  const charts: CatalogChart[] = [];
  for (const area of areas) {
    for (const [key, chart] of Object.entries(area.charts ?? {})) {
      const where = `area "${area.name}" (apps/${area.name}/src/area.ts): chart ${key}`;
      const project = chart.project ?? area.name;
      if (!names.has(project)) {
        throw new AreaLayoutError(
          `${where}: project "${project}" is no declared area; name an area's AppProject (${[...names].join(', ')}).`,
        );
      }
      if (!/^v?\d+\.\d+\.\d+$/.test(chart.version)) {
        throw new AreaLayoutError(
          `${where}: version "${chart.version}" is not an exact version; pin one (e.g. 1.2.3).`,
        );
      }
      const twin = charts.find((other) => other.chart === chart.chart && other.repoURL === chart.repoURL);
      if (twin !== undefined) {
        throw new AreaLayoutError(
          `${where}: ${chart.repoURL} ${chart.chart} is already declared by area "${twin.area}" (${twin.key}); declare each chart once.`,
        );
      }
      const group = chart.customResourceGroups.find((candidate) =>
        charts.some((other) => other.customResourceGroups.includes(candidate)),
      );
      if (group !== undefined) {
        throw new AreaLayoutError(
          `${where}: the CRDs of ${group} are already installed by another declared chart; list each group under one chart.`,
        );
      }
      charts.push({ ...chart, project, area: area.name, key });
    }
  }
  return charts;
}

function checkWave(wave: unknown, where: string): void {
  if (typeof wave !== 'number' || !Number.isInteger(wave)) {
    throw new AreaLayoutError(
      `${where} is ${wave === undefined ? 'missing' : JSON.stringify(wave)}; declare an integer wave (-3 platform, -2 operators, 0 workloads).`,
    );
  }
}
