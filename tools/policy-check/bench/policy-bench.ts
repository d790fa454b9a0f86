// Benchmark of the policy gate: policy-check (WASM, in-process) against the real `conftest test` (same
// policies, same data, same inputs, same run) on the rendered gitops/ tree and a synthetic 10,000-object
// tree, plus warm per-object cost and memory over 100,000 evaluations.
// Prerequisites: `npm run toolchain` (conftest), `npx nx run policies:build`. Run: `npm run bench:policy`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { workspaceRoot } from '@go-coffee/toolchain';
import { conftestPolicyCopy, runConftest } from '../test-support/conftest-runner';
import { collectInputPaths, readInputFile } from '../src/input-documents';
import { PolicyChecker } from '../src/policy-check';
import { writeSyntheticTree } from '../test-support/synthetic-tree';

const root = workspaceRoot();
process.chdir(root);
const bundlePath = join(root, 'dist', 'policies', 'bundle.tar.gz');
const work = mkdtempSync(join(tmpdir(), 'policy-bench-'));
const policyCopy = conftestPolicyCopy(join(root, 'policies'));
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
const fmt = (value: number, digits = 2) => value.toFixed(digits);

interface Row {
  name: string;
  objects: number;
  ours: number;
  conftest: number;
}

async function compare(name: string, path: string): Promise<Row> {
  const started = performance.now();
  const checker = new PolicyChecker({ bundlePath, allNamespaces: true });
  const report = checker.check([path]);
  const ours = (performance.now() - started) / 1000;
  const theirs = await runConftest({
    cwd: root,
    policyDir: policyCopy.dir,
    dataFile: join(root, 'policies', 'data.yaml'),
    namespaces: checker.namespaces,
    paths: [path],
  });
  if (theirs.exitCode !== report.exitCode)
    throw new Error(`${name}: exit codes differ (ours ${report.exitCode}, conftest ${theirs.exitCode})`);
  const row = { name, objects: report.objects, ours, conftest: theirs.seconds };
  process.stdout.write(
    `${name.padEnd(28)} objects=${String(row.objects).padStart(6)}  policy-check ${fmt(ours, 3).padStart(8)} s ` +
      `(${fmt(row.objects / ours, 0)} objects/s, ${fmt((ours * 1e6) / row.objects, 1)} µs/object)  ` +
      `conftest ${fmt(theirs.seconds, 3).padStart(8)} s (${fmt(row.objects / theirs.seconds, 0)} objects/s, ` +
      `${fmt((theirs.seconds * 1e6) / row.objects, 1)} µs/object)  ratio ${fmt(theirs.seconds / ours, 1)}×\n`,
  );
  return row;
}

function warm(path: string): void {
  const checker = new PolicyChecker({ bundlePath, allNamespaces: true });
  const inputs = collectInputPaths([path])
    .map((file) => readInputFile(file))
    .flatMap((file) => file.documents.map((document) => JSON.stringify(document.value)));
  // The entrypoint policy-check evaluates each document at: the generated verdicts of data.main.
  const entrypoint = checker.documentVerdicts;
  if (entrypoint === undefined) throw new Error('the bundle has no per-document verdict rules');
  const evaluate = (count: number) => {
    for (let index = 0; index < count; index++) checker.policy.evaluateJson(entrypoint, inputs[index % inputs.length]!);
  };
  evaluate(5_000);
  const before = rssMb();
  const started = performance.now();
  evaluate(10_000);
  const at10k = rssMb();
  evaluate(90_000);
  const seconds = (performance.now() - started) / 1000;
  const after = rssMb();
  process.stdout.write(
    `warm per-document evaluation (WASM only, ${inputs.length} distinct objects, 100,000 evaluations): ` +
      `${fmt((seconds * 1e6) / 100_000, 1)} µs/object, ${fmt(100_000 / seconds, 0)} objects/s; ` +
      `rss ${fmt(before, 0)} → ${fmt(at10k, 0)} (10k) → ${fmt(after, 0)} MB (100k): ${after - at10k < 16 ? 'flat' : 'GROWING'}\n`,
  );
}

const rows: Row[] = [];
if (existsSync(join(root, 'gitops'))) rows.push(await compare('rendered gitops/ tree', 'gitops'));
else process.stdout.write('rendered gitops/ tree: not rendered yet (npm run render); skipped\n');
const synthetic = join(work, 'gitops');
writeSyntheticTree(synthetic, 10_000);
rows.push(await compare('synthetic 10,000 objects', relative(root, synthetic)));
warm(relative(root, synthetic));

const objects = rows.reduce((sum, row) => sum + row.objects, 0);
const ours = rows.reduce((sum, row) => sum + row.ours, 0);
const conftest = rows.reduce((sum, row) => sum + row.conftest, 0);
const peakRss = process.resourceUsage().maxRSS / 1024;
policyCopy.dispose();
rmSync(work, { recursive: true, force: true });
process.stdout.write(`policy-check peak RSS ${fmt(peakRss, 0)} MB\n`);
process.stdout.write(
  `bench:policy objects=${objects} ours_s=${fmt(ours, 3)} conftest_s=${fmt(conftest, 3)} ratio=${fmt(conftest / ours, 1)} rss_mb=${fmt(peakRss, 0)}\n`,
);
