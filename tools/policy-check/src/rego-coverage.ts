// Runs `opa test --coverage` on the policy folder, prints per-file and total coverage of the policy
// sources (tests excluded) and fails below the threshold. Usage: tsx rego-coverage.ts <dir> <min-percent>.
// Prerequisite: `npm run toolchain` (opa in .tools/bin).
import { spawnSync } from 'node:child_process';
import { toolPath } from '@go-coffee/toolchain';

interface CoverageReport {
  files: Record<string, { coverage?: number }>;
  coverage: number;
}

const [dir = 'policies', minimum = '90'] = process.argv.slice(2);
const opa = toolPath('opa');
const run = spawnSync(opa, ['test', '--timeout', '60s', '--coverage', '--format', 'json', '--ignore', 'samples', dir], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.status !== 0) {
  // Failing tests: rerun without coverage so the failures are readable.
  spawnSync(opa, ['test', '--timeout', '60s', '--ignore', 'samples', dir], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
const report = JSON.parse(run.stdout) as CoverageReport;
const rows = Object.entries(report.files)
  .filter(([file]) => !file.endsWith('_test.rego'))
  .sort(([a], [b]) => a.localeCompare(b));
for (const [file, entry] of rows) process.stdout.write(`${(entry.coverage ?? 0).toFixed(1).padStart(6)} %  ${file}\n`);
process.stdout.write(
  `${report.coverage.toFixed(1).padStart(6)} %  total (opa test --coverage, minimum ${minimum} %)\n`,
);
if (report.coverage < Number(minimum)) {
  process.stderr.write(
    `rego coverage ${report.coverage.toFixed(1)} % is below ${minimum} %; fix: add _test.rego cases\n`,
  );
  process.exit(1);
}
