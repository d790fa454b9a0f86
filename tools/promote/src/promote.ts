// Promotion by pull request: copies the image tags one environment runs into another environment's
// image versions file, re-renders that environment, and commits the result on a new branch ready to
// push. Everything happens in a temporary git worktree of the base commit, so the caller's checkout,
// index and current branch are never touched. Refuses (exit 1) an image the source environment does not
// actually run (its committed gitops tree) and a promotion that adds policy failures in the target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkoutEnv,
  diffFindings,
  flattenFindings,
  lastLines,
  PolicyGateError,
  runCommand,
  runPolicyGate,
  type PolicyFinding,
} from '@go-coffee/policy-baseline';
import { ImageVersionsError, readImageTags, setImageTags } from './image-versions-file';

export class PromotionError extends Error {
  constructor(
    message: string,
    /** 1 refused · 2 usage (unknown service, environment or ref; branch exists) · 3 render or policy tool failed. */
    readonly exitCode: 1 | 2 | 3,
  ) {
    super(message);
    this.name = 'PromotionError';
  }
}

export interface PromoteOptions {
  readonly cwd: string;
  readonly from: string;
  readonly to: string;
  /** Services to promote; undefined = every service whose tag differs (`--all`). */
  readonly services?: readonly string[];
  /** Expected tag (single service only): refused unless the source runs exactly this tag. */
  readonly tag?: string;
  /** Commit to branch from. @default HEAD */
  readonly base?: string;
  /** @default promote/<to>/<service>-<tag> or promote/<to>/from-<from>-<base sha> */
  readonly branch?: string;
  readonly progress?: (line: string) => void;
}

export interface PromotionResult {
  readonly branch: string;
  readonly commit: string;
  /** service → [old tag, new tag] */
  readonly promoted: ReadonlyMap<string, readonly [string, string]>;
  readonly changedFiles: readonly string[];
  readonly message: string;
}

function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new PromotionError(`git ${args.join(' ')} failed: ${result.stderr.trim()}`, 2);
  return result.stdout;
}

const imagesFile = (environment: string) => `environments/images/${environment}.yaml`;

function readTags(root: string, environment: string): Map<string, string> {
  const file = join(root, imagesFile(environment));
  if (!existsSync(file)) {
    const known = readdirSync(join(root, 'environments', 'images')).map((name) => name.replace(/\.yaml$/, ''));
    throw new PromotionError(
      `unknown environment "${environment}": ${imagesFile(environment)} does not exist; use one of: ${known.sort().join(', ')}`,
      2,
    );
  }
  try {
    return readImageTags(readFileSync(file, 'utf8'), imagesFile(environment));
  } catch (error) {
    if (error instanceof ImageVersionsError) throw new PromotionError(error.message, 2);
    throw error;
  }
}

/** Image references (`repo/service:tag`) the committed tree of an environment runs, from its cluster folders. */
function runningImages(root: string, environment: string): Set<string> {
  const images = new Set<string>();
  const gitops = join(root, 'gitops');
  if (!existsSync(gitops)) return images;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.yaml')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/^\s*(?:-\s+)?image:\s*["']?([^\s"'#]+)/gm))
          images.add(match[1]!);
      }
    }
  };
  for (const cluster of readdirSync(gitops)) if (cluster.startsWith(`${environment}-`)) visit(join(gitops, cluster));
  return images;
}

const runs = (images: ReadonlySet<string>, service: string, tag: string) =>
  [...images].some((image) => image.endsWith(`/${service}:${tag}`) || image.endsWith(`/${service}@${tag}`));

function inEnvironment(environment: string) {
  return (finding: PolicyFinding) => finding.file.startsWith(`gitops/${environment}-`);
}

export async function promote(options: PromoteOptions): Promise<PromotionResult> {
  const progress = options.progress ?? (() => undefined);
  if (options.from === options.to)
    throw new PromotionError(`--from and --to are both "${options.from}"; promote between two environments`, 2);
  if (options.tag !== undefined && options.services?.length !== 1)
    throw new PromotionError('--tag needs exactly one --service', 2);
  const repoRoot = git(options.cwd, ['rev-parse', '--show-toplevel']).trim();
  const baseRef = options.base ?? 'HEAD';
  const verify = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (verify.status !== 0)
    throw new PromotionError(`unknown git ref "${baseRef}"; fix: pass --base with an existing branch or SHA`, 2);
  const baseCommit = verify.stdout.trim();

  const worktree = mkdtempSync(join(tmpdir(), 'promote-'));
  let branch: string | undefined;
  let committed = false;
  git(repoRoot, ['worktree', 'add', '-q', '--detach', worktree, baseCommit]);
  try {
    for (const name of ['node_modules', '.tools'])
      if (existsSync(join(repoRoot, name))) symlinkSync(join(repoRoot, name), join(worktree, name), 'dir');
    const source = readTags(worktree, options.from);
    const target = readTags(worktree, options.to);
    const requested = options.services ?? [...source.keys()];
    const running = runningImages(worktree, options.from);
    const updates = new Map<string, string>();
    const promoted = new Map<string, readonly [string, string]>();
    for (const service of requested) {
      const tag = source.get(service);
      if (tag === undefined) {
        throw new PromotionError(
          `unknown service "${service}" in ${imagesFile(options.from)}; use one of: ${[...source.keys()].sort().join(', ')}`,
          2,
        );
      }
      if (!target.has(service))
        throw new PromotionError(`${imagesFile(options.to)} has no entry for ${service}; add it first`, 2);
      if (options.tag !== undefined && options.tag !== tag) {
        throw new PromotionError(
          `${options.from} does not run ${service}:${options.tag} (${imagesFile(options.from)} pins ${tag}); promote what ${options.from} runs`,
          1,
        );
      }
      if (!runs(running, service, tag)) {
        throw new PromotionError(
          `${options.from} does not run ${service}:${tag}: no container image ending in /${service}:${tag} under gitops/${options.from}-*/ ` +
            `at ${baseRef}; fix: render and merge ${options.from} first (npm run render), then promote`,
          1,
        );
      }
      if (target.get(service) === tag) continue;
      updates.set(service, tag);
      promoted.set(service, [target.get(service)!, tag]);
    }
    if (updates.size === 0)
      throw new PromotionError(
        `nothing to promote: ${options.to} already runs what ${options.from} runs for ${requested.join(', ')}`,
        1,
      );

    const env = checkoutEnv(worktree);
    progress(`policy check of ${options.to} before the promotion`);
    const before = await gate(worktree, `${baseRef} (before)`);

    const file = join(worktree, imagesFile(options.to));
    writeFileSync(file, setImageTags(readFileSync(file, 'utf8'), imagesFile(options.to), updates));
    progress(`rendering ${options.to}`);
    const render = await runCommand('npm', ['run', '--silent', 'render', '--', '--env', options.to], worktree, env);
    if (render.status !== 0) {
      throw new PromotionError(
        `render of ${options.to} failed with exit ${render.status}:\n${lastLines(`${render.stdout}\n${render.stderr}`)}`,
        3,
      );
    }
    progress(`policy check of ${options.to} after the promotion`);
    const after = await gate(worktree, 'the promotion');
    const introduced = diffFindings(
      flattenFindings(before)
        .filter((f) => f.kind === 'failure')
        .filter(inEnvironment(options.to)),
      flattenFindings(after)
        .filter((f) => f.kind === 'failure')
        .filter(inEnvironment(options.to)),
    ).introduced;
    if (introduced.length > 0) {
      const lines = introduced.slice(0, 20).map((finding) => `  ${finding.file}: ${finding.msg}`);
      throw new PromotionError(
        `refused: promoting ${[...updates].map(([s, t]) => `${s}:${t}`).join(', ')} to ${options.to} adds ${introduced.length} policy failure(s):\n${lines.join('\n')}`,
        1,
      );
    }

    const changedFiles = git(worktree, [
      'status',
      '--porcelain',
      '--untracked-files=all',
      '--',
      imagesFile(options.to),
      'gitops',
    ])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3))
      .sort();
    const list = [...promoted].map(([service, [from, to]]) => `- ${service}: ${from} → ${to}`).join('\n');
    const subject =
      promoted.size === 1
        ? `promote(${options.to}): ${[...promoted.keys()][0]} ${[...promoted.values()][0]![1]} from ${options.from}`
        : `promote(${options.to}): ${promoted.size} services from ${options.from}`;
    const message = `${subject}\n\n${list}\n\nRendered with npm run render -- --env ${options.to}; policy gate passed for ${options.to}.\n`;
    branch =
      options.branch ??
      (promoted.size === 1 && options.services
        ? `promote/${options.to}/${[...promoted.keys()][0]}-${[...promoted.values()][0]![1]}`
        : `promote/${options.to}/from-${options.from}-${baseCommit.slice(0, 8)}`);
    if (
      spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: repoRoot }).status === 0
    ) {
      throw new PromotionError(`branch ${branch} already exists; fix: delete it or pass --branch <name>`, 2);
    }
    git(worktree, ['switch', '-q', '-c', branch]);
    git(worktree, ['add', '--', imagesFile(options.to), 'gitops']);
    git(worktree, ['commit', '-q', '-m', message.trimEnd()]);
    committed = true;
    return { branch, commit: git(worktree, ['rev-parse', 'HEAD']).trim(), promoted, changedFiles, message };
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repoRoot });
    rmSync(worktree, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
    if (branch && !committed) spawnSync('git', ['branch', '-q', '-D', branch], { cwd: repoRoot });
  }
}

async function gate(root: string, label: string) {
  try {
    const results = await runPolicyGate(root, label);
    // Fail closed: a promotion is only as safe as the gate that checked it.
    if (!results)
      throw new PromotionError(
        `${label}: package.json has no \`policy\` script, so the target cannot be checked; fix: add the policy gate first`,
        3,
      );
    return results;
  } catch (error) {
    if (error instanceof PolicyGateError) throw new PromotionError(error.message, 3);
    throw error;
  }
}
