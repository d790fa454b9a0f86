// What a cluster's very first sync needs from the rendered tree, checked on the files alone: the class of
// defect where Argo CD, pointed at a bare cluster, can never finish its first sync. Three rules:
//   1. every Application skips the dry run for kinds whose CRD is not installed yet (FIRST_SYNC_OPTION);
//      otherwise one custom resource of a not-yet-installed chart fails the Application's whole sync;
//   2. every custom resource comes after the chart that installs its CRD: in its own Application at a lower
//      sync wave, or in an Application the root syncs no later than the consumer's;
//   3. Argo CD's own Application renders the health check for `argoproj.io/Application` into argocd-cm, so
//      the waves of the app of apps (and of areas holding chart Applications) really wait.
// Used by the render invariant test over every committed cluster folder and by samples of the old shapes.
import { APPLICATION_HEALTH_CHECK_KEY, APPLICATION_HEALTH_CHECK_LUA } from './application-health-check';
import { FIRST_SYNC_OPTION } from './argo-application';
import { APPLICATIONS_FOLDER } from './application-layout';
import { customKindOf } from './crds/custom-resource-definitions';
import { describeObject, groupOf, parseTrackingId, trackingAnnotationOf, type Manifest } from '@go-coffee/kube-objects';
import { SYNC_WAVE_ANNOTATION } from './ownership';
import type { UpstreamChart } from './upstream-charts';

/** One rendered file of a cluster: `gitops/<cluster>/<folder>/<file>.yaml` and its object. */
export interface FirstSyncSubject {
  readonly path: string;
  readonly manifest: Manifest;
}

/** Argo CD's own CRDs are installed before anything syncs (bootstrap), so its kinds never wait. */
const BOOTSTRAP_GROUP = 'argoproj.io';

function folderOf(path: string): string {
  return path.split('/').at(-2) ?? '';
}

function waveOf(manifest: Manifest): number {
  return Number(manifest.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0);
}

function isApplication(manifest: Manifest): boolean {
  return manifest.kind === 'Application' && manifest.apiVersion.startsWith(`${BOOTSTRAP_GROUP}/`);
}

/** The fields of an Application spec these rules read. */
interface ApplicationSpec {
  readonly syncPolicy?: { readonly syncOptions?: readonly unknown[] };
  readonly source?: {
    readonly chart?: string;
    readonly helm?: { readonly valuesObject?: { readonly configs?: { readonly cm?: Record<string, unknown> } } };
  };
}

function spec(manifest: Manifest): ApplicationSpec {
  return (manifest.spec ?? {}) as ApplicationSpec;
}

/**
 * Problems that would keep a bare cluster's first sync from finishing; [] when there are none. `charts` is the
 * catalog the areas declare (AreaLayout `charts`): which chart installs the CRDs of which group.
 */
export function firstSyncProblems(files: readonly FirstSyncSubject[], charts: readonly UpstreamChart[]): string[] {
  const problems: string[] = [];
  const applications = files.filter((file) => isApplication(file.manifest));

  for (const { path, manifest } of applications) {
    const options = spec(manifest).syncPolicy?.syncOptions ?? [];
    if (!options.includes(FIRST_SYNC_OPTION)) {
      problems.push(
        `${path}: ${describeObject(manifest)} syncs without ${FIRST_SYNC_OPTION}; a custom resource whose CRD is not installed yet fails its whole first sync. Render it with ArgoApplication (libs/render-kit), which adds the option.`,
      );
    }
  }

  // The root's wave of each child Application, by name (the applications folder holds them).
  const rootWave = new Map(
    applications
      .filter((file) => folderOf(file.path) === APPLICATIONS_FOLDER)
      .map((file) => [file.manifest.metadata.name, waveOf(file.manifest)]),
  );
  const ownerOf = (manifest: Manifest): string | undefined =>
    parseTrackingId(trackingAnnotationOf(manifest))?.application;

  for (const { path, manifest } of files) {
    const group = groupOf(manifest.apiVersion);
    if (!customKindOf(manifest.apiVersion, manifest.kind) || group === BOOTSTRAP_GROUP) continue;
    const chart = charts.find((candidate) => candidate.customResourceGroups.includes(group));
    const where = `${path}: ${describeObject(manifest)}`;
    if (!chart) {
      problems.push(
        `${where}: no chart an area declares installs the CRDs of ${group}; add ${group} to the customResourceGroups of the chart in its area's apps/<area>/src/area.ts.`,
      );
      continue;
    }
    const installers = applications.filter((file) => spec(file.manifest).source?.chart === chart.chart);
    if (installers.length === 0) {
      problems.push(
        `${where}: its CRD comes from chart ${chart.chart}, which no Application of this cluster installs.`,
      );
      continue;
    }
    const consumer = ownerOf(manifest);
    const ordered = installers.some((installer) => {
      const installerOwner = ownerOf(installer.manifest);
      if (installerOwner !== undefined && installerOwner === consumer)
        return waveOf(installer.manifest) < waveOf(manifest);
      const before = rootWave.get(installerOwner ?? '');
      const after = rootWave.get(consumer ?? '');
      // Equal root waves sync side by side: the dry-run skip plus the Application's retry carry the consumer.
      return before !== undefined && after !== undefined && before <= after;
    });
    if (!ordered) {
      problems.push(
        `${where} may sync before chart ${chart.chart} installs its CRD: give the installing Application a lower sync wave (libs/render-kit/src/sync-waves.ts).`,
      );
    }
  }

  // Argo CD's own chart is the one installing its CRDs.
  const argoCdChart = charts.find((chart) => chart.customResourceGroups.includes(BOOTSTRAP_GROUP))?.chart;
  const argoCd = applications.find(
    (file) => argoCdChart !== undefined && spec(file.manifest).source?.chart === argoCdChart,
  );
  const waves = new Set(applications.map((file) => waveOf(file.manifest)));
  if (waves.size > 1) {
    const cm = argoCd ? spec(argoCd.manifest).source?.helm?.valuesObject?.configs?.cm : undefined;
    const check = cm?.[APPLICATION_HEALTH_CHECK_KEY];
    if (check !== APPLICATION_HEALTH_CHECK_LUA) {
      problems.push(
        `${argoCd?.path ?? 'argo-cd Application'}: Argo CD's values lack configs.cm["${APPLICATION_HEALTH_CHECK_KEY}"]; without it Applications ordered by sync waves do not wait for each other. Render APPLICATION_HEALTH_CHECK_LUA there (apps/platform/src/app-of-apps.ts).`,
      );
    }
  }
  return problems;
}
