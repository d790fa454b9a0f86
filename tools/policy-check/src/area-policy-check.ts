// The Nx `policy` target of a render app: checks every cluster folder the app renders into
// (gitops/<cluster>/ holding an <area>/ folder) with all policy namespaces. Whole clusters, not just the
// app's folder, because cross-document rules relate the app's objects to the rest of their cluster (the
// default-deny NetworkPolicy or the AppProject may come from another area).
//   tsx tools/policy-check/src/area-policy-main.ts <area> [policy-check flags]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { workspaceRoot } from '@go-coffee/toolchain';
import { runCli, type PolicyCheckIo } from './policy-check-cli';
import { EXIT } from './policy-check-error';

/** Cluster folders under `gitopsDir` that hold a folder named `area`, sorted. */
export function clustersRenderingArea(gitopsDir: string, area: string): string[] {
  if (!existsSync(gitopsDir)) return [];
  return readdirSync(gitopsDir)
    .sort()
    .map((cluster) => join(gitopsDir, cluster))
    .filter((cluster) => existsSync(join(cluster, area)) && statSync(join(cluster, area)).isDirectory());
}

export interface AreaPolicyCheckIo extends PolicyCheckIo {
  /** The rendered tree. @default gitops/ in the workspace */
  readonly gitopsDir?: string;
}

export function runAreaPolicyCheck(argv: readonly string[], io: AreaPolicyCheckIo): number {
  const [area, ...flags] = argv;
  if (!area || area.startsWith('-') || area.includes('/')) {
    io.stderr('policy-check: usage: area-policy-main.ts <area> [policy-check flags], e.g. core-services\n');
    return EXIT.usage;
  }
  const gitopsDir = io.gitopsDir ?? join(workspaceRoot(), 'gitops');
  // Relative to the working directory, as a person would type them (Nx runs targets at the workspace root).
  const cwd = process.cwd();
  const clusters = clustersRenderingArea(gitopsDir, area).map((cluster) => relative(cwd, resolve(cluster)));
  if (clusters.length === 0) {
    io.stderr(
      `policy-check: no cluster folder under ${relative(cwd, gitopsDir) || '.'} holds ${area}/; ` +
        'fix: render it (npx nx run <app>:render) or check the area name\n',
    );
    return EXIT.noInputFiles;
  }
  io.stderr(`policy-check: ${area} renders into ${clusters.join(', ')}; checking those clusters whole\n`);
  return runCli(['--all-namespaces', ...flags, ...clusters], io);
}
