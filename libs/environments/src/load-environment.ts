// Loads one environment: defaults.yaml merged with <env>.yaml (objects merge, arrays replace), the images
// file, cloud toggles on top, then validation. Returns one ClusterContext per enabled cluster, or throws an
// EnvironmentConfigError listing every problem at once (file:line, field, fix).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@go-coffee/cli';
import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { SERVICE_NAMES } from './cluster-context';
import type {
  Cloud,
  ClusterContext,
  CloudAccount,
  DnsChallengeZone,
  EnvironmentName,
  ImageRef,
  ServiceName,
} from './cluster-context';
import type { CloudToggles } from './cloud-toggles';
import { configSettingsOf, recordConfigSettings } from './config-settings';
import type { ConfigSetting } from './config-settings';
import { EnvironmentConfigError } from './environment-config-error';
import type { ConfigIssue } from './environment-config-error';
import { expandFleet, spokeRootApplication } from './expand-fleet';
import type { PlacedClusterEntry } from './expand-fleet';
import {
  ENVIRONMENT_NAMES,
  defaultsFileSchema,
  environmentFileSchema,
  fleetSchema,
  imagesFileSchema,
} from './environment-schema';
import type { DefaultsFile, EnvironmentFile, FleetDeclaration, ImagesFile } from './environment-schema';

export interface LoadEnvironmentOptions {
  /** Workspace root (the folder holding environments/). @default the workspace holding the working directory */
  readonly workspaceRoot?: string;
  /** Cloud toggles from parseCloudToggles; they override the files. @default none */
  readonly clouds?: CloudToggles;
  /**
   * Where Argo CD reads Git and charts from, over the files: a mirror of the GitOps repository and a chart
   * mirror (an air-gapped install, or a test pointing a real Argo CD at a local git server and Helm repo).
   * @default the files' gitops.repoURL and chartMirror
   */
  readonly sources?: SourceOverrides;
  /**
   * Replaces the environment file's `clusters` and `fleet` with this fleet declaration (a synthetic fleet for a
   * benchmark, or a tool that generates one); problems in it are reported as `option fleet`.
   * @default the environment file's clusters and fleet
   */
  readonly fleet?: FleetDeclaration;
}

export interface SourceOverrides {
  /** Git URL of the GitOps repository every Application and AppProject uses. */
  readonly gitopsRepoURL?: string;
  /** Helm repository URL serving every upstream chart (see `chartMirror` in defaults.yaml). */
  readonly chartMirror?: string;
}

export interface LoadedEnvironment {
  readonly environment: EnvironmentName;
  /** Enabled clusters in file order. */
  readonly clusters: readonly ClusterContext[];
  /** Names of clusters that exist in the file but are disabled (by themselves or their cloud). */
  readonly disabledClusters: readonly string[];
}

interface ParsedFile {
  readonly path: string;
  readonly relativePath: string;
  readonly data: unknown;
  readonly doc: Document | undefined;
  readonly lines: LineCounter;
}

function readYaml(root: string, relativePath: string, issues: ConfigIssue[]): ParsedFile {
  const path = join(root, relativePath);
  const lines = new LineCounter();
  if (!existsSync(path)) {
    issues.push({ source: relativePath, field: '', problem: 'file is missing', fix: `create ${relativePath}` });
    return { path, relativePath, data: undefined, doc: undefined, lines };
  }
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: false });
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    issues.push({
      source: pos ? `${relativePath}:${pos.line}:${pos.col}` : relativePath,
      field: '',
      problem: `YAML syntax error: ${error.message.split('\n')[0]}`,
      fix: 'fix the YAML syntax at that position',
    });
  }
  return { path, relativePath, data: doc.errors.length > 0 ? undefined : (doc.toJS() ?? {}), doc, lines };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** file:line:col of the deepest existing node on `path`. */
function locate(file: ParsedFile, path: readonly PropertyKey[]): string {
  if (!file.doc) return file.relativePath;
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? file.doc.contents : file.doc.getIn(path.slice(0, depth) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const pos = file.lines.linePos(range[0]);
      return `${file.relativePath}:${pos.line}:${pos.col}`;
    }
  }
  return file.relativePath;
}

/** `file:line` of the node at exactly `path`, or undefined when the file does not state it. */
function lineOf(file: ParsedFile, path: readonly PropertyKey[]): string | undefined {
  const node = file.doc?.getIn(path as unknown[], true) as { range?: [number, number, number] } | null | undefined;
  if (!node?.range) return undefined;
  return `${file.relativePath}:${file.lines.linePos(node.range[0]).line}`;
}

function fixFor(issue: z.core.$ZodIssue, schemaFile: string): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `remove ${issue.keys.map((k) => `"${k}"`).join(', ')} or correct the spelling (see environments/schema/${schemaFile})`;
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? `add the required field (a ${issue.expected})` : `use a ${issue.expected}`;
    case 'too_small':
      return `use a value of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `use a value of at most ${String(issue.maximum)}`;
    default:
      return `correct the value (see environments/schema/${schemaFile})`;
  }
}

function validate<T>(schema: z.ZodType<T>, file: ParsedFile, schemaFile: string, issues: ConfigIssue[]): T | undefined {
  if (file.data === undefined) return undefined;
  const result = schema.safeParse(file.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path as PropertyKey[];
    const unknownKey = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...path, issue.keys[0]!] : path;
    issues.push({
      source: locate(file, unknownKey),
      field: fieldName(path),
      problem: issue.message,
      fix: fixFor(issue, schemaFile),
    });
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key, everything else (arrays included) replaces. */
function mergeOver(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeOver(base[key], value);
  return out;
}

function substitute(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Loads and validates one environment. Throws EnvironmentConfigError (exit 2) on any problem. */
export function loadEnvironment(environment: string, options: LoadEnvironmentOptions = {}): LoadedEnvironment {
  const root = options.workspaceRoot ?? workspaceRoot(process.cwd());
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(environment)) {
    throw new EnvironmentConfigError([
      {
        source: 'argument --env',
        field: '',
        problem: `unknown environment "${environment}"`,
        fix: `use one of: ${ENVIRONMENT_NAMES.join(', ')}`,
      },
    ]);
  }
  const env = environment as EnvironmentName;
  const issues: ConfigIssue[] = [];
  const defaultsFile = readYaml(root, 'environments/defaults.yaml', issues);
  const envFile = readYaml(root, `environments/${env}.yaml`, issues);
  const imagesFile = readYaml(root, `environments/images/${env}.yaml`, issues);
  const defaults = validate<DefaultsFile>(defaultsFileSchema, defaultsFile, 'defaults.schema.json', issues);
  const overrides = validate<EnvironmentFile>(environmentFileSchema, envFile, 'environment.schema.json', issues);
  const images = validate<ImagesFile>(imagesFileSchema, imagesFile, 'images.schema.json', issues);
  if (!defaults || !overrides || !images) throw new EnvironmentConfigError(issues);

  const { clusters: listed, fleet: fileFleet, ...settingOverrides } = overrides;
  const settings = mergeOver(defaults, settingOverrides) as DefaultsFile;
  for (const [key, value] of Object.entries(options.sources ?? {})) {
    if (value !== undefined && !URL.canParse(value)) {
      issues.push({
        source: `option sources.${key}`,
        field: key,
        problem: `"${value}" is not a URL`,
        fix: 'pass an absolute URL such as git://127.0.0.1:9418/go-coffee-gitops.git or http://127.0.0.1:8879/',
      });
    }
  }
  const gitopsRepoURL = options.sources?.gitopsRepoURL ?? settings.gitops.repoURL;
  const chartMirror = options.sources?.chartMirror ?? settings.chartMirror;
  // A fleet passed as an option has no file position; its problems name the option instead.
  const at = (path: readonly PropertyKey[]): string =>
    options.fleet && path[0] === 'fleet' ? 'option fleet' : locate(envFile, path);
  const fleet = options.fleet ? validateFleetOption(options.fleet, issues) : fileFleet;
  const explicit = options.fleet ? [] : (listed ?? []);
  if (explicit.length === 0 && !fleet && !options.fleet) {
    issues.push({
      source: at([]),
      field: 'clusters',
      problem: 'the environment declares no cluster',
      fix: 'add a `clusters` list or a `fleet` (clouds × regions × tenants)',
    });
  }
  const placed: PlacedClusterEntry[] = [
    ...explicit.map((entry, index) => ({
      entry,
      field: `clusters[${index}]`,
      path: ['clusters', index] as PropertyKey[],
      regionPath: ['clusters', index, 'region'] as PropertyKey[],
    })),
    ...(fleet ? expandFleet(env, fleet, settings, issues, at) : []),
  ];

  for (const [profileName, profile] of Object.entries(settings.sizingProfiles)) {
    if (profile.minReplicas > profile.maxReplicas) {
      issues.push({
        source: at(['sizingProfiles', profileName]),
        field: `sizingProfiles.${profileName}`,
        problem: `minReplicas ${profile.minReplicas} is greater than maxReplicas ${profile.maxReplicas}`,
        fix: 'raise maxReplicas or lower minReplicas',
      });
    }
  }

  const clusters: ClusterContext[] = [];
  const disabledClusters: string[] = [];
  const seen = new Map<string, string>();
  placed.forEach(({ entry, field, path, regionPath }) => {
    const cloudSettings = settings.clouds[entry.cloud];
    const name = entry.name ?? [env, entry.cloud, entry.region, entry.tenant].filter(Boolean).join('-');
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({
        source: at(path),
        field,
        problem: `duplicate cluster "${name}" (also ${first})`,
        fix: 'remove the duplicate entry or give one of them a distinct `name`',
      });
      return;
    }
    seen.set(name, field);
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
      issues.push({
        source: at(path),
        field,
        problem: `cluster name "${name}" is not a lowercase DNS label of at most 63 characters`,
        fix: 'shorten the region or tenant, or list the cluster under `clusters` with a shorter `name`',
      });
      return;
    }
    if (!cloudSettings.regions.includes(entry.region)) {
      issues.push({
        source: at(regionPath),
        field: `${field}.region`,
        problem: `region "${entry.region}" is not a known ${entry.cloud} region`,
        fix: `use one of: ${cloudSettings.regions.join(', ')} (or add it to clouds.${entry.cloud}.regions in defaults.yaml)`,
      });
      return;
    }
    const cloudEnabled = options.clouds?.[entry.cloud] ?? cloudSettings.enabled;
    if (!cloudEnabled || entry.enabled === false) {
      disabledClusters.push(name);
      return;
    }
    const vars = { environment: env, cluster: name, project: cloudSettings.project ?? '', region: entry.region };
    const identityTemplate = { ...cloudSettings.identity, ...entry.identity };
    const identity = identityFor(entry.cloud, identityTemplate, vars);
    if (!identity) {
      const key = IDENTITY_KEY[entry.cloud];
      issues.push({
        source: at(path),
        field: `${field}.identity.${key}`,
        problem: `a ${entry.cloud} cluster needs identity.${key} for workload identity`,
        fix: `set clouds.${entry.cloud}.identity.${key} in defaults.yaml or identity.${key} on this cluster`,
      });
      return;
    }
    const dns = dnsChallengeZoneFor(entry.cloud, cloudSettings, vars);
    if (typeof dns === 'string') {
      issues.push({
        source: at(path),
        field: `clouds.${entry.cloud}.dns.${dns}`,
        problem: `a ${entry.cloud} cluster needs clouds.${entry.cloud}.dns.${dns} so cert-manager can answer DNS-01 challenges`,
        fix: `set clouds.${entry.cloud}.dns.${dns} in defaults.yaml or in environments/${env}.yaml`,
      });
      return;
    }
    const profile = settings.sizingProfiles[entry.sizing ?? settings.sizing];
    const context: ClusterContext = {
      environment: env,
      name,
      cloud: entry.cloud,
      region: entry.region,
      ...(entry.tenant ? { tenant: entry.tenant } : {}),
      kubernetesVersion: entry.kubernetesVersion ?? settings.kubernetesVersion,
      ingress: {
        className: entry.ingressClass ?? cloudSettings.ingressClass,
        baseDomain: entry.baseDomain ?? substitute(settings.baseDomain, vars),
      },
      storageClass: entry.storageClass ?? cloudSettings.storageClass,
      identity,
      tls: { acmeEmail: settings.tls.acmeEmail, acmeServer: settings.tls.acmeServer, dns },
      sizing: { name: entry.sizing ?? settings.sizing, ...profile },
      images: imagesFor(settings.imageRegistry, images),
      ...(chartMirror ? { chartMirror } : {}),
      gitops: {
        repoURL: gitopsRepoURL,
        // A Git mirror override changes where Argo CD reads, not where people browse.
        browseURL: settings.gitops.browseURL ?? settings.gitops.repoURL.replace(/\.git$/, ''),
        targetRevision: settings.gitops.targetRevision,
        path: `gitops/${name}`,
      },
      dataMode: settings.dataMode,
      sync: { manualApplications: [...settings.sync.manual].sort() },
      cloudAccount: cloudAccountFor(entry.cloud, cloudSettings),
    };
    const files = { defaults: defaultsFile, environment: envFile, images: imagesFile };
    recordConfigSettings(context, configSettingsFor(context, files, path, options.sources ?? {}));
    clusters.push(context);
  });
  if (issues.length > 0) throw new EnvironmentConfigError(issues);
  const [hub, ...spokes] = clusters.map((cluster) => cluster.name);
  const fleetBootstrap = settings.argocd.fleetBootstrap;
  const withArgoCd = clusters.map((cluster) => {
    const context: ClusterContext = {
      ...cluster,
      argocd: {
        fleetBootstrap,
        hub: hub ?? cluster.name,
        spokes,
        rootApplication:
          fleetBootstrap === 'applicationSet' && cluster.name !== hub ? spokeRootApplication(cluster.name) : 'root',
        controller: { ...settings.argocd.controller },
      },
    };
    // The settings' lines were recorded against the context before its Argo CD part; the copy keeps them.
    recordConfigSettings(context, configSettingsOf(cluster));
    return context;
  });
  return { environment: env, clusters: withArgoCd, disabledClusters };
}

function validateFleetOption(fleet: FleetDeclaration, issues: ConfigIssue[]): FleetDeclaration | undefined {
  const result = fleetSchema.safeParse(fleet);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({
      source: 'option fleet',
      field: fieldName(['fleet', ...(issue.path as PropertyKey[])]),
      problem: issue.message,
      fix: fixFor(issue, 'environment.schema.json'),
    });
  }
  return undefined;
}

const IDENTITY_KEY = { aws: 'awsRoleArn', gcp: 'gcpServiceAccount', azure: 'azureClientId' } as const satisfies Record<
  Cloud,
  string
>;

function identityFor(
  cloud: Cloud,
  template: { awsRoleArn?: string; gcpServiceAccount?: string; azureClientId?: string },
  vars: Record<string, string>,
): ClusterContext['identity'] | undefined {
  const value = template[IDENTITY_KEY[cloud]];
  if (value === undefined) return undefined;
  return { [IDENTITY_KEY[cloud]]: substitute(value, vars) };
}

type CloudSettings = DefaultsFile['clouds'][Cloud];

/** The cluster's DNS-01 settings, or the name of the first missing `dns` field its cloud needs. */
function dnsChallengeZoneFor(
  cloud: Cloud,
  settings: CloudSettings,
  vars: Record<string, string>,
): DnsChallengeZone | string {
  const identity = identityFor(cloud, settings.dns.identity, vars);
  if (!identity) return `identity.${IDENTITY_KEY[cloud]}`;
  switch (cloud) {
    case 'aws':
      return settings.dns.hostedZoneId ? { hostedZoneId: settings.dns.hostedZoneId, identity } : 'hostedZoneId';
    case 'gcp': {
      const project = settings.dns.project ?? settings.project;
      return project ? { project, identity } : 'project';
    }
    case 'azure': {
      if (!settings.dns.subscriptionId) return 'subscriptionId';
      const resourceGroup = settings.dns.resourceGroup ?? settings.resourceGroup;
      return resourceGroup ? { subscriptionId: settings.dns.subscriptionId, resourceGroup, identity } : 'resourceGroup';
    }
  }
}

function cloudAccountFor(cloud: Cloud, settings: CloudSettings): CloudAccount {
  const stated = (entries: [keyof CloudAccount, string | undefined][]): CloudAccount =>
    Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  switch (cloud) {
    case 'aws':
      return stated([['awsAccountId', settings.accountId]]);
    case 'gcp':
      return stated([['gcpProject', settings.project]]);
    case 'azure':
      return stated([
        ['azureSubscriptionId', settings.subscriptionId],
        ['azureResourceGroup', settings.resourceGroup],
      ]);
  }
}

function imagesFor(registry: string, tags: ImagesFile): Record<ServiceName, ImageRef> {
  return Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, { repository: `${registry}/${service}`, tag: tags[service] }]),
  ) as Record<ServiceName, ImageRef>;
}

interface EnvironmentFiles {
  readonly defaults: ParsedFile;
  readonly environment: ParsedFile;
  readonly images: ParsedFile;
}

/**
 * The line each value of `ctx` was written on: the cluster's entry first, then the environment file, then
 * defaults.yaml (the same order the values merge in). Values an option overrides have no line and are left out.
 */
function configSettingsFor(
  ctx: ClusterContext,
  files: EnvironmentFiles,
  clusterPath: readonly PropertyKey[],
  sources: SourceOverrides,
): ConfigSetting[] {
  const first = (...candidates: [ParsedFile, PropertyKey[]][]): string | undefined =>
    candidates.map(([file, path]) => lineOf(file, path)).find((line) => line !== undefined);
  const setting = (
    name: string,
    value: string | number | undefined,
    source: string | undefined,
    extra: Omit<ConfigSetting, 'setting' | 'value' | 'source'> = {},
  ): ConfigSetting[] =>
    value === undefined || value === '' || source === undefined ? [] : [{ setting: name, value, source, ...extra }];
  const cluster = (key: string): [ParsedFile, PropertyKey[]] => [files.environment, [...clusterPath, key]];
  const both = (path: PropertyKey[]): [ParsedFile, PropertyKey[]][] => [
    [files.environment, path],
    [files.defaults, path],
  ];
  const cloud = ['clouds', ctx.cloud];
  const registry = first(...both(['imageRegistry']));
  const profileChoice = first(cluster('sizing'), [files.environment, ['sizing']]);
  const profileLine = (key: string) => first(...both(['sizingProfiles', ctx.sizing.name, key]));
  const replicas = (key: 'minReplicas' | 'maxReplicas'): ConfigSetting[] => {
    const valueLine = profileLine(key);
    // The environment chooses the profile; the profile holds the number. Either line changes the replicas.
    const source = profileChoice ?? valueLine;
    const alsoFrom = [valueLine, profileChoice].filter((line): line is string => line !== undefined && line !== source);
    return setting(`sizing.${key}`, ctx.sizing[key], source, { keys: [key], ...(alsoFrom.length ? { alsoFrom } : {}) });
  };
  const identityKey = IDENTITY_KEY[ctx.cloud];
  return [
    ...SERVICE_NAMES.flatMap((service) => {
      const image = ctx.images[service];
      const separator = image.tag.startsWith('sha256:') ? '@' : ':';
      return setting(
        `images.${service}`,
        `${image.repository}${separator}${image.tag}`,
        lineOf(files.images, [service]),
        {
          ...(registry ? { alsoFrom: [registry] } : {}),
        },
      );
    }),
    ...replicas('minReplicas'),
    ...replicas('maxReplicas'),
    ...setting('ingress.baseDomain', ctx.ingress.baseDomain, first(cluster('baseDomain'), ...both(['baseDomain'])), {
      within: true,
    }),
    ...setting(
      'ingress.className',
      ctx.ingress.className,
      first(cluster('ingressClass'), ...both([...cloud, 'ingressClass'])),
      { keys: ['ingressClassName', 'kubernetes.io/ingress.class'] },
    ),
    ...setting('storageClass', ctx.storageClass, first(cluster('storageClass'), ...both([...cloud, 'storageClass'])), {
      keys: ['storageClassName', 'storageClass'],
    }),
    ...setting(
      `identity.${identityKey}`,
      ctx.identity[identityKey],
      first(
        [files.environment, [...clusterPath, 'identity', identityKey]],
        ...both([...cloud, 'identity', identityKey]),
      ),
    ),
    ...setting(
      `tls.dns.identity.${identityKey}`,
      ctx.tls.dns.identity[identityKey],
      first(...both([...cloud, 'dns', 'identity', identityKey])),
    ),
    ...setting('tls.acmeEmail', ctx.tls.acmeEmail, first(...both(['tls', 'acmeEmail'])), { keys: ['email'] }),
    ...(sources.gitopsRepoURL === undefined
      ? setting('gitops.repoURL', ctx.gitops.repoURL, first(...both(['gitops', 'repoURL'])), { keys: ['repoURL'] })
      : []),
    ...setting('gitops.targetRevision', ctx.gitops.targetRevision, first(...both(['gitops', 'targetRevision'])), {
      keys: ['targetRevision'],
    }),
    ...(sources.chartMirror === undefined
      ? setting('chartMirror', ctx.chartMirror, first(...both(['chartMirror'])), { keys: ['repoURL'] })
      : []),
  ];
}

/**
 * The cluster contexts a fleet declaration expands to in `environment`, with that environment's settings from
 * the workspace files (a synthetic fleet of any size for a benchmark, without writing an environment file).
 * Throws EnvironmentConfigError like loadEnvironment; problems in the declaration name `option fleet`.
 */
export function expandFleetToClusters(
  environment: string,
  fleet: FleetDeclaration,
  options: LoadEnvironmentOptions = {},
): readonly ClusterContext[] {
  return loadEnvironment(environment, { ...options, fleet }).clusters;
}

/** Loads every environment (dev, staging, prod); all problems of all files are reported together. */
export function loadAllEnvironments(options: LoadEnvironmentOptions = {}): readonly LoadedEnvironment[] {
  const loaded: LoadedEnvironment[] = [];
  const issues: ConfigIssue[] = [];
  for (const environment of ENVIRONMENT_NAMES) {
    try {
      loaded.push(loadEnvironment(environment, options));
    } catch (error) {
      if (!(error instanceof EnvironmentConfigError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new EnvironmentConfigError(dedupe(issues));
  return loaded;
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
