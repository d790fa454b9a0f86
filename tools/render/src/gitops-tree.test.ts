// Assertions on the committed gitops/ tree, per cluster: it is exactly what the render produces, an
// inventory snapshot (what changed shows up in review), and the properties every object must have.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACKING_ID_ANNOTATION, type Manifest, parseTrackingId, trackingAnnotationOf } from '@go-coffee/kube-objects';
import { APPLICATIONS_FOLDER } from '@go-coffee/render-kit';
import { findAreaProjects } from './area-projects';
import { applicationReadsFile } from './argo-directory-glob';
import type { DirectorySource } from './argo-directory-glob';
import { readCommittedTree } from './committed-tree';
import { loadAreas, loadLayout } from './load-areas';
import { runRenderCommand } from './render-command';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const objects = readCommittedTree(workspaceRoot);
const clusters = [...new Set(objects.map((o) => o.cluster))];

interface ApplicationSpec {
  project: string;
  source: DirectorySource & { repoURL: string; chart?: string };
  destination: { namespace: string };
  syncPolicy: { automated?: { prune: boolean; selfHeal: boolean }; retry?: unknown };
}
type Container = {
  name: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  resources?: { limits?: { cpu?: string; memory?: string }; requests?: { cpu?: string; memory?: string } };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
};

const of = (cluster: string) => objects.filter((o) => o.cluster === cluster);
/** The app of apps: the Applications in the cluster's applications folder. */
const applications = (cluster: string) =>
  of(cluster)
    .filter((o) => o.manifest.kind === 'Application' && o.area === APPLICATIONS_FOLDER)
    .map((o) => ({ name: o.manifest.metadata.name, spec: o.manifest.spec as ApplicationSpec }));

describe('committed gitops tree', () => {
  it('is exactly what npm run render produces (npm run render -- --check)', async () => {
    const areas = await loadAreas(workspaceRoot, findAreaProjects(workspaceRoot));
    const layout = await loadLayout(workspaceRoot);
    expect(areas.map((a) => a.name).sort()).toStrictEqual(layout.areaNames);
    let printed = '';
    const code = runRenderCommand(
      areas,
      ['--check'],
      {
        workspaceRoot,
        cwd: workspaceRoot,
        env: {},
        stdout: (text) => (printed += text),
        stderr: (text) => (printed += text),
      },
      layout,
    );
    expect(printed).toMatch(/up to date/);
    expect(code).toBe(0);
  });

  it('has one folder per enabled cluster: dev 1, staging 2, prod 3 (Azure off)', () => {
    expect(clusters).toStrictEqual([
      'dev-aws-us-east-1',
      'prod-aws-us-east-1',
      'prod-aws-us-west-2',
      'prod-gcp-us-central1',
      'staging-aws-us-east-1',
      'staging-gcp-us-central1',
    ]);
  });

  it('contains no Secret at all, so no secret data can be in Git', () => {
    expect(objects.filter((o) => o.manifest.kind === 'Secret').map((o) => o.path)).toStrictEqual([]);
  });
});

describe.each(clusters)('cluster %s', (cluster) => {
  it('matches its inventory snapshot (file, owning Application, sync wave)', () => {
    const inventory = of(cluster).map(
      (o) =>
        `${o.area}/${o.file} ${parseTrackingId(trackingAnnotationOf(o.manifest))?.application} wave=${o.manifest.metadata.annotations?.['argocd.argoproj.io/sync-wave']}`,
    );
    expect(inventory).toMatchSnapshot();
  });

  it('labels every object with the ownership labels and tracks it by annotation', () => {
    const unlabelled = of(cluster).filter((o) => {
      const labels = o.manifest.metadata.labels ?? {};
      return (
        !labels['app.kubernetes.io/name'] ||
        labels['app.kubernetes.io/part-of'] !== 'go-coffee' ||
        labels['app.kubernetes.io/managed-by'] !== 'go-coffee-render' ||
        !labels['go-coffee.io/owner'] ||
        !o.manifest.metadata.annotations?.[TRACKING_ID_ANNOTATION] ||
        o.manifest.metadata.annotations?.['argocd.argoproj.io/sync-wave'] === undefined
      );
    });
    expect(unlabelled.map((o) => o.path)).toStrictEqual([]);
  });

  it('gives every Deployment probes, requests and limits and a restricted securityContext', () => {
    const deployments = of(cluster).filter((o) => o.manifest.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { path, manifest } of deployments) {
      const pod = (
        manifest.spec as {
          template: {
            spec: {
              securityContext?: { seccompProfile?: { type?: string }; runAsNonRoot?: boolean };
              containers: Container[];
            };
          };
        }
      ).template.spec;
      if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${path}: seccompProfile`);
      for (const c of pod.containers) {
        if (!c.livenessProbe || !c.readinessProbe) problems.push(`${path} ${c.name}: probes`);
        if (!c.resources?.limits?.cpu || !c.resources.limits.memory) problems.push(`${path} ${c.name}: limits`);
        if (!c.resources?.requests?.cpu || !c.resources.requests.memory) problems.push(`${path} ${c.name}: requests`);
        const sc = c.securityContext;
        if (!(sc?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) problems.push(`${path} ${c.name}: runAsNonRoot`);
        if (sc?.readOnlyRootFilesystem !== true) problems.push(`${path} ${c.name}: readOnlyRootFilesystem`);
        if (sc?.allowPrivilegeEscalation !== false) problems.push(`${path} ${c.name}: allowPrivilegeEscalation`);
        if (!sc?.capabilities?.drop?.includes('ALL')) problems.push(`${path} ${c.name}: capabilities.drop ALL`);
      }
    }
    expect(problems).toStrictEqual([]);
  });

  it('has a root Application on its applications folder and a child Application for every area', () => {
    const apps = applications(cluster);
    const root = apps.find((a) => a.name === 'root');
    expect(root?.spec.source.path).toBe(`gitops/${cluster}/${APPLICATIONS_FOLDER}`);
    expect(
      of(cluster).filter((o) => o.area === APPLICATIONS_FOLDER && o.manifest.kind !== 'Application'),
    ).toStrictEqual([]);
    for (const { project: area } of findAreaProjects(workspaceRoot)) {
      const child = apps.find((a) => a.name === area);
      expect(child?.spec.source.path, area).toBe(`gitops/${cluster}/${area}`);
      expect(child?.spec.syncPolicy.retry, area).toBeDefined();
    }
  });

  it('gives every file exactly one Application, the one its tracking id names', () => {
    const apps = applications(cluster).filter((a) => a.spec.source.chart === undefined);
    const wrong = of(cluster).flatMap((o) => {
      const readers = apps.filter((a) => applicationReadsFile(a.spec.source, o.path)).map((a) => a.name);
      const tracked = parseTrackingId(trackingAnnotationOf(o.manifest))?.application;
      return readers.length === 1 && readers[0] === tracked
        ? []
        : [`${o.path}: read by [${readers.join(', ')}], tracked as ${tracked}`];
    });
    expect(wrong).toStrictEqual([]);
  });

  it('puts every Application in an AppProject that allows its source and destination', () => {
    const projects = new Map(
      of(cluster)
        .filter((o) => o.manifest.kind === 'AppProject')
        .map((o) => [
          o.manifest.metadata.name,
          o.manifest.spec as { sourceRepos: string[]; destinations: { namespace: string }[] },
        ]),
    );
    const problems = of(cluster)
      .filter((o) => o.manifest.kind === 'Application')
      .flatMap(({ path, manifest }: { path: string; manifest: Manifest }) => {
        const spec = manifest.spec as ApplicationSpec;
        const project = projects.get(spec.project);
        if (!project) return [`${path}: no AppProject ${spec.project}`];
        const out: string[] = [];
        if (!project.sourceRepos.includes(spec.source.repoURL))
          out.push(`${path}: ${spec.source.repoURL} not in ${spec.project}`);
        if (!project.destinations.some((d) => d.namespace === '*' || d.namespace === spec.destination.namespace)) {
          out.push(`${path}: namespace ${spec.destination.namespace} not in ${spec.project}`);
        }
        return out;
      });
    expect(problems).toStrictEqual([]);
  });

  it("puts every namespaced object in a namespace its Application's AppProject allows", () => {
    // Argo CD refuses to sync a resource whose namespace its project does not list, whatever the Application's
    // own destination namespace is.
    const projectNamespaces = new Map(
      of(cluster)
        .filter((o) => o.manifest.kind === 'AppProject')
        .map((o) => [
          o.manifest.metadata.name,
          (o.manifest.spec as { destinations: { namespace: string }[] }).destinations.map((d) => d.namespace),
        ]),
    );
    const projectOf = new Map(applications(cluster).map((a) => [a.name, (a.spec as ApplicationSpec).project] as const));
    const problems = of(cluster).flatMap(({ path, manifest }) => {
      const namespace = manifest.metadata.namespace;
      const application = parseTrackingId(trackingAnnotationOf(manifest))?.application;
      if (!namespace || !application) return [];
      const allowed = projectNamespaces.get(projectOf.get(application) ?? '') ?? [];
      return allowed.includes('*') || allowed.includes(namespace)
        ? []
        : [`${path}: namespace ${namespace} not allowed by project ${projectOf.get(application)} of ${application}`];
    });
    expect(problems).toStrictEqual([]);
  });

  it('lets the drift reader ClusterRole read every API group the cluster renders (Secrets apart)', () => {
    const role = of(cluster).find(
      (o) => o.manifest.kind === 'ClusterRole' && o.manifest.metadata.name === 'go-coffee-drift-reader',
    );
    const readable = new Set(
      ((role?.manifest as { rules?: { apiGroups: string[] }[] } | undefined)?.rules ?? []).flatMap((r) => r.apiGroups),
    );
    const rendered = new Set(
      of(cluster).map((o) => (o.manifest.apiVersion.includes('/') ? o.manifest.apiVersion.split('/')[0]! : '')),
    );
    expect([...rendered].filter((group) => !readable.has(group)).sort()).toStrictEqual([]);
  });

  it('syncs automatically with prune and selfHeal, except platform, data and web3 in prod', () => {
    const manual = applications(cluster)
      .filter((a) => a.spec.source.chart === undefined && a.name !== 'root')
      .filter((a) => a.spec.syncPolicy.automated === undefined)
      .map((a) => a.name)
      .sort();
    expect(manual).toStrictEqual(cluster.startsWith('prod-') ? ['data-services', 'platform', 'web3-payment'] : []);
  });
});
