// gitops-sync: drift between the rendered GitOps tree and live clusters, read through the Kubernetes API
// or the Argo CD API. Only `sync` writes anything, and only to ask Argo CD to sync an Application.
// Run: `npm run gitops-sync -- <command> …` or the `gitops-sync` bin. Prerequisite for --env: the
// environments/ folder; for drift: a rendered folder under gitops/ (`npm run render`).
import { join, resolve } from 'node:path';
import { parseCommandLine, reportUsageError, UsageError, type CliIo } from '@go-coffee/cli';
import { refKey, refOf } from '@go-coffee/kube-objects';
import { SourceMapError, SourceMapIndex, describeSource } from '@go-coffee/source-map';
import {
  ArgoCdApiError,
  ArgoCdClient,
  DesiredStateError,
  KubeApiClient,
  KubeApiError,
  KubeconfigError,
  NOT_DRIFT,
  assertAcceptedByApiServer,
  builtInSemantics,
  compareThroughArgoCd,
  describeDifference,
  detectClusterDrift,
  formatDriftReport,
  hasDrift,
  loadKubeconfig,
  loadRenderedTree,
  loadRenderedTreeInParallel,
  type ArgoDriftFinding,
  type ArgoResourceDiff,
  type OutputFormat,
} from '@go-coffee/drift';
import { describeRef, parseTrackingId, trackingAnnotationOf } from '@go-coffee/kube-objects';
import { IGNORE_RULES_FILE, IgnoreRulesError, loadIgnoreRules, loadIgnoreRulesFile } from '@go-coffee/ignore-rules';

export const EXIT_IN_SYNC = 0;
export const EXIT_DRIFT = 1;
export const EXIT_ERROR = 2;

export const HELP = `gitops-sync — drift between the rendered GitOps tree and live clusters

Usage:
  gitops-sync drift (--path gitops/<cluster> | --env <env> --cluster <cluster>)
                    [--kubeconfig <file>] [--context <name>] [--output text|json|markdown]
                    [--ignore-rules <file>] [--concurrency <n> (default 4)] [--strict]
  gitops-sync drift --all [--path <gitops root> (default gitops)] [--cluster-concurrency <n> (default 4)]
                    [--kubeconfig <file>] [--output text|json|markdown] [--ignore-rules <file>]
                    [--concurrency <n>] [--strict]
  gitops-sync drift --argocd <url> (--path … | --env … --cluster …) [--argocd-token <t>] [--insecure]
                    [--output text|json|markdown] [--ignore-rules <file>]
  gitops-sync status [--argocd <url>] [--argocd-token <t>] [--insecure] [--output text|json]
  gitops-sync sync <application> --argocd <url> [--revision <rev>] [--prune] [--argocd-token <t>] [--insecure]

drift        Compares every manifest in the cluster folder with the live object: one paginated LIST per
             kind (read-only RBAC: get/list is enough), normalized locally with the API's OpenAPI
             semantics (no dry-run, no write). Git is read as kubectl and Argo CD read it (YAML 1.1
             booleans and octals); a field the API server would reject (wrong type, "8080" as a
             targetPort, an unknown field) is an error naming the file and the field. Reports modified
             objects (paths, the field manager that last wrote each field, a unified diff), missing
             objects and orphans: objects of ANY listable kind in ANY namespace carrying the tracking id
             of one of the folder's Applications, not in git (kinds the identity may not list are named
             "not searched"; --strict makes that exit 2). Labels and annotations git does not declare
             that another manager added (kubectl rollout restart) are informational, never drift, unless
             the rules file's mustNotExist list names the key. Secret values are always masked.
             Differences hidden by an ignore rule are listed with the rule id. Default rules:
             ${IGNORE_RULES_FILE}, the file the Argo CD Applications' ignoreDifferences are
             rendered from, expanded against the folder (e.g. HPA-owned replicas only for Deployments an
             HPA or KEDA ScaledObject in the folder targets).
             --env/--cluster read environments/ for the folder; the kube context defaults to the cluster
             name. With --argocd the comparison goes through Argo CD's managed-resources instead and each
             difference is classified: not-synced / out-of-band / ignored / informational / missing / orphan.
             --all checks every cluster folder under the root against the kube context of the same name,
             --cluster-concurrency clusters at a time, in one combined report; exit 2 if any cluster could
             not be checked (the others are still reported), else 1 if any drifted, else 0.
status       Lists Argo CD Applications with sync and health status.
sync         Asks Argo CD to sync one Application. The only command that changes anything.

Argo CD: token from --argocd-token or ARGOCD_AUTH_TOKEN; server from --argocd or ARGOCD_SERVER; TLS is
verified unless --insecure. API followed: Argo CD v2.14 (same endpoints in v3.x).

Exit codes (kubectl diff's convention):
  0  in sync (drift), all Applications Synced and Healthy (status), sync accepted (sync)
  1  drift found (drift), some Application not Synced or not Healthy (status)
  2  error: bad arguments, unreadable tree or kubeconfig, a manifest the API server would reject, a refused
     or failed API call (the message names the kind and the missing verb); never a partial "in sync";
     with --strict also when a kind could not be searched for orphans
`;

const OPTIONS = {
  path: { type: 'string' },
  env: { type: 'string' },
  cluster: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'ignore-rules': { type: 'string' },
  concurrency: { type: 'string' },
  argocd: { type: 'string' },
  'argocd-token': { type: 'string' },
  insecure: { type: 'boolean' },
  revision: { type: 'string' },
  prune: { type: 'boolean' },
  strict: { type: 'boolean' },
  all: { type: 'boolean' },
  'cluster-concurrency': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS, true>>['values'];

const USAGE_ERRORS = { tool: 'gitops-sync', exitCode: EXIT_ERROR, hint: 'Run `gitops-sync --help` for usage.' };

function outputFormat(values: Values, allowed: readonly OutputFormat[]): OutputFormat {
  const format = (values.output ?? 'text') as OutputFormat;
  if (!allowed.includes(format))
    throw new UsageError(`--output must be one of ${allowed.join(', ')}, got "${values.output}"`);
  return format;
}

async function resolveTarget(values: Values, io: CliIo): Promise<{ folder: string; context?: string; label: string }> {
  if (values.path && (values.env || values.cluster))
    throw new UsageError('use either --path or --env/--cluster, not both');
  if (values.path) {
    const folder = resolve(io.cwd, values.path);
    return { folder, ...(values.context ? { context: values.context } : {}), label: values.path };
  }
  if (!values.env || !values.cluster)
    throw new UsageError('drift needs --path gitops/<cluster>, or --env <env> --cluster <cluster>');
  // Loaded only for --env: the environments schema costs startup time a --path run does not need.
  const { resolveEnvironmentTarget } = await import('./resolve-environment-target');
  return resolveEnvironmentTarget(values.env, values.cluster, io.cwd, values.context);
}

function argoClient(values: Values, io: CliIo): ArgoCdClient {
  const baseUrl = values.argocd ?? io.env.ARGOCD_SERVER;
  if (!baseUrl) throw new UsageError('pass --argocd <url> (or set ARGOCD_SERVER)');
  const token = values['argocd-token'] ?? io.env.ARGOCD_AUTH_TOKEN;
  return new ArgoCdClient({ baseUrl, ...(token ? { token } : {}), insecure: values.insecure === true });
}

/**
 * Names where a rendered file of `folder` comes from (gitops-source-map/, written by the render): the
 * environments/ line of a configuration value the detail mentions, else the construct's line.
 */
export function originsOf(
  folder: string,
  io: Pick<CliIo, 'cwd'>,
): (source: string, detail: string) => string | undefined {
  const index = new SourceMapIndex(io.cwd);
  return (source, detail) => {
    const entry = index.lookup(join(resolve(io.cwd, folder), source));
    return entry ? describeSource(entry, detail) : undefined;
  };
}

async function runKubeDrift(values: Values, io: CliIo): Promise<number> {
  const format = outputFormat(values, ['text', 'json', 'markdown']);
  const target = await resolveTarget(values, io);
  const desired = await loadRenderedTreeInParallel(target.folder);

  const rulesFile = loadIgnoreRulesFile(values['ignore-rules'] ? resolve(io.cwd, values['ignore-rules']) : undefined);
  const creds = loadKubeconfig({
    ...(values.kubeconfig ? { paths: [resolve(io.cwd, values.kubeconfig)] } : {}),
    ...(target.context ? { context: target.context } : {}),
  });
  const concurrency = values.concurrency ? Number(values.concurrency) : 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency must be an integer from 1 to 64');
  const client = new KubeApiClient(creds, { maxSockets: concurrency });
  const started = Date.now();
  let lastProgress = started;
  try {
    const report = await detectClusterDrift({
      desired,
      reader: client,
      ignoreRules: rulesFile.rules,
      mustNotExist: rulesFile.mustNotExist,
      concurrency,
      onProgress: (p) => {
        const now = Date.now();
        if (format === 'json' || now - lastProgress < 1000) return;
        lastProgress = now;
        io.stderr(
          `gitops-sync: listed ${p.listsDone}/${p.listsTotal} kind/namespace pairs, ${p.liveObjectsSeen} live objects\n`,
        );
      },
    });
    const title = `${target.label} vs context ${creds.contextName}`;
    io.stdout(formatDriftReport(report, { title, originOf: originsOf(target.folder, io) }, format));
    if (values.strict && report.notSearched.length > 0) {
      io.stderr(
        `gitops-sync: --strict: ${report.notSearched.length} kind(s) could not be searched for orphans; grant "list" on them or drop --strict\n`,
      );
      return EXIT_ERROR;
    }
    return hasDrift(report) ? EXIT_DRIFT : EXIT_IN_SYNC;
  } finally {
    client.close();
  }
}

function boundedInteger(values: Values, flag: 'concurrency' | 'cluster-concurrency', fallback: number): number {
  const value = values[flag] ? Number(values[flag]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 64)
    throw new UsageError(`--${flag} must be an integer from 1 to 64`);
  return value;
}

async function runAllClustersDrift(values: Values, io: CliIo): Promise<number> {
  if (values.env || values.cluster || values.context || values.argocd)
    throw new UsageError(
      "drift --all takes each cluster folder's name as its context; drop --env, --cluster, --context, --argocd",
    );
  const format = outputFormat(values, ['text', 'json', 'markdown']);
  const { runFleetDrift } = await import('./fleet-drift');
  const label = values.path ?? 'gitops';
  const result = await runFleetDrift({
    root: resolve(io.cwd, label),
    label,
    ...(values.kubeconfig ? { kubeconfigPaths: [resolve(io.cwd, values.kubeconfig)] } : {}),
    rules: loadIgnoreRulesFile(values['ignore-rules'] ? resolve(io.cwd, values['ignore-rules']) : undefined),
    clusterConcurrency: boundedInteger(values, 'cluster-concurrency', 4),
    requestConcurrency: boundedInteger(values, 'concurrency', 8),
    strict: values.strict === true,
    format,
  });
  io.stdout(result.output);
  return result.exitCode;
}

function formatArgoFindings(
  findings: readonly ArgoDriftFinding[],
  title: string,
  format: OutputFormat,
  originOf: (finding: ArgoDriftFinding) => string | undefined = () => undefined,
): string {
  const drift = findings.some((f) => !NOT_DRIFT.has(f.category));
  if (format === 'json') {
    const json = findings.map((f) => ({
      category: f.category,
      application: f.application,
      ...f.ref,
      ...(f.rule ? { rule: f.rule } : {}),
      ...(f.detail ? { detail: f.detail } : {}),
      ...(originOf(f) ? { origin: originOf(f) } : {}),
      differences: f.differences.map((d) => ({
        path: d.path,
        pointer: d.pointer,
        change: d.change,
        summary: describeDifference(d),
      })),
    }));
    return `${JSON.stringify({ title, inSync: !drift, findings: json }, null, 2)}\n`;
  }
  const lines: string[] =
    format === 'markdown' ? [`## Drift through Argo CD: ${title}`, ''] : [`drift (argocd): ${title}`];
  for (const f of findings) {
    const origin = originOf(f);
    const head = `${f.category.toUpperCase()} ${describeRef(f.ref)}${f.application ? ` [${f.application}]` : ''}${origin ? ` from ${origin}` : ''}${f.rule ? ` (rule ${f.rule})` : ''}${f.detail ? `: ${f.detail}` : ''}`;
    lines.push(format === 'markdown' ? `- ${head}` : head);
    for (const d of f.differences) {
      lines.push(
        f.category === 'not-synced'
          ? `  ${d.path}: git ${JSON.stringify(d.desired) ?? '(absent)'}, Argo CD target ${JSON.stringify(d.live) ?? '(absent)'}`
          : `  ${describeDifference(d)}`,
      );
    }
  }
  const count = (c: string) => findings.filter((f) => f.category === c).length;
  lines.push(
    `${drift ? 'drift found' : 'in sync'}: not-synced=${count('not-synced')} out-of-band=${count('out-of-band')} missing=${count('missing')} orphans=${count('orphan')} ignored=${count('ignored')}${count('informational') > 0 ? ` informational=${count('informational')}` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

async function runArgoDrift(values: Values, io: CliIo): Promise<number> {
  const format = outputFormat(values, ['text', 'json', 'markdown']);
  const target = await resolveTarget(values, io);
  const desired = loadRenderedTree(target.folder);
  // No Kubernetes API here: built-in kinds are checked against the recorded schemas.
  assertAcceptedByApiServer(desired, builtInSemantics());
  const ignoreRules = loadIgnoreRules(values['ignore-rules'] ? resolve(io.cwd, values['ignore-rules']) : undefined);
  const client = argoClient(values, io);
  try {
    const applications = await client.listApplications();
    const wanted = new Set<string>();
    for (const { object } of desired) {
      const id = parseTrackingId(trackingAnnotationOf(object));
      if (id) wanted.add(id.application);
    }
    const managed = new Map<string, ArgoResourceDiff[]>();
    for (const app of applications.filter((a) => wanted.has(a.metadata.name))) {
      managed.set(app.metadata.name, await client.managedResources(app.metadata.name));
    }
    const findings = compareThroughArgoCd({ desired, applications, managedResources: managed, ignoreRules });
    const fileOf = new Map(desired.map(({ object, source }) => [refKey(refOf(object)), source]));
    const origins = originsOf(target.folder, io);
    const originOf = (f: ArgoDriftFinding) => {
      const file = fileOf.get(refKey(f.ref));
      return file ? origins(file, f.differences.map(describeDifference).join('\n')) : undefined;
    };
    const title = `${target.label} vs ${values.argocd ?? io.env.ARGOCD_SERVER}`;
    io.stdout(formatArgoFindings(findings, title, format, originOf));
    return findings.some((f) => !NOT_DRIFT.has(f.category)) ? EXIT_DRIFT : EXIT_IN_SYNC;
  } finally {
    client.close();
  }
}

async function runStatus(values: Values, io: CliIo): Promise<number> {
  const format = outputFormat(values, ['text', 'json']);
  const client = argoClient(values, io);
  try {
    const apps = await client.listApplications();
    const rows = apps.map((a) => ({
      name: a.metadata.name,
      sync: a.status?.sync?.status ?? 'Unknown',
      health: a.status?.health?.status ?? 'Unknown',
      revision: a.status?.sync?.revision ?? '',
    }));
    const healthy = rows.every((r) => r.sync === 'Synced' && r.health === 'Healthy');
    if (format === 'json')
      io.stdout(`${JSON.stringify({ applications: rows, allSyncedAndHealthy: healthy }, null, 2)}\n`);
    else {
      const width = Math.max(4, ...rows.map((r) => r.name.length));
      const lines = [`${'NAME'.padEnd(width)}  SYNC        HEALTH       REVISION`];
      for (const r of rows)
        lines.push(`${r.name.padEnd(width)}  ${r.sync.padEnd(10)}  ${r.health.padEnd(11)}  ${r.revision.slice(0, 12)}`);
      lines.push(
        `${rows.length} applications, ${rows.filter((r) => r.sync === 'Synced' && r.health === 'Healthy').length} Synced and Healthy`,
      );
      io.stdout(`${lines.join('\n')}\n`);
    }
    return healthy ? EXIT_IN_SYNC : EXIT_DRIFT;
  } finally {
    client.close();
  }
}

async function runSync(values: Values, positionals: readonly string[], io: CliIo): Promise<number> {
  const app = positionals[0];
  if (!app || positionals.length > 1)
    throw new UsageError('sync takes exactly one Application name: gitops-sync sync <application> --argocd <url>');
  const client = argoClient(values, io);
  try {
    const result = await client.sync(app, {
      ...(values.revision ? { revision: values.revision } : {}),
      prune: values.prune === true,
    });
    const phase = result.status?.operationState?.phase ?? 'requested';
    io.stdout(`sync of ${app} ${phase}${values.revision ? ` at ${values.revision}` : ''}\n`);
    return EXIT_IN_SYNC;
  } finally {
    client.close();
  }
}

/** Runs one command; resolves with the exit code. Never throws: every failure is a message + exit 2. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, { options: OPTIONS, allowPositionals: true });
    const [command, ...rest] = parsed.positionals;
    if (parsed.values.help || command === 'help') {
      io.stdout(HELP);
      return EXIT_IN_SYNC;
    }
    switch (command) {
      case 'drift':
        if (rest.length > 0) throw new UsageError(`drift takes no positional arguments, got "${rest.join(' ')}"`);
        if (parsed.values.all) return await runAllClustersDrift(parsed.values, io);
        return parsed.values.argocd ? await runArgoDrift(parsed.values, io) : await runKubeDrift(parsed.values, io);
      case 'status':
        return await runStatus(parsed.values, io);
      case 'sync':
        return await runSync(parsed.values, rest, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    }
  } catch (err) {
    const usage = reportUsageError(err, USAGE_ERRORS, io);
    if (usage !== undefined) return usage;
    const known =
      err instanceof DesiredStateError ||
      err instanceof IgnoreRulesError ||
      err instanceof KubeconfigError ||
      err instanceof KubeApiError ||
      err instanceof ArgoCdApiError ||
      err instanceof SourceMapError ||
      ['EnvironmentConfigError', 'UnknownClusterError', 'FleetDriftError'].includes(
        (err as Error | undefined)?.name ?? '',
      );
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`gitops-sync: ${known ? '' : 'unexpected error: '}${message}\n`);
    return EXIT_ERROR;
  }
}
