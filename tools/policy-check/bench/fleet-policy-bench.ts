// Policy part of `npm run bench:fleet`: policy-check against the real conftest on one (fleet) tree, each as a
// whole process from start to exit (policy-check: the bin, WASM bundle load included; conftest: both of
// its invocations, per-document and --combine, as the policy gate runs them).
//   tsx tools/policy-check/bench/fleet-policy-bench.ts <tree>
// Prerequisites: `npm run toolchain` (conftest), `npx nx run policies:build`.
// Last line: fleet-policy objects=<n> policy_s=<s> conftest_s=<s> exit=<code>
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { workspaceRoot } from '@go-coffee/toolchain';
import { conftestPolicyCopy, runConftest } from '../test-support/conftest-runner';
import { PolicyChecker } from '../src/policy-check';

const root = workspaceRoot();
const tree = process.argv[2];
if (tree === undefined) {
  console.error('usage: fleet-policy-bench.ts <tree>');
  process.exit(10);
}
// policy-check reports paths relative to its working directory, as conftest does; both run from the root.
const path = relative(root, resolve(tree));
const started = performance.now();
const ours = spawnSync(
  process.execPath,
  [join(root, 'tools/policy-check/bin/policy-check.mjs'), '--all-namespaces', '-o', 'json', path],
  { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 },
);
const policySeconds = (performance.now() - started) / 1000;
if (ours.status === null || ours.status > 2) {
  console.error(ours.stderr);
  throw new Error(`policy-check exited ${ours.status} on ${path}`);
}
const results = JSON.parse(ours.stdout) as { filename: string }[];
const objects = new Set(results.map((result) => result.filename).filter((name) => name !== 'Combined')).size;

// Only to learn the bundle's namespaces for conftest's -n flags; not timed.
const namespaces = new PolicyChecker({ bundlePath: join(root, 'dist/policies/bundle.tar.gz'), allNamespaces: true })
  .namespaces;
const policyCopy = conftestPolicyCopy(join(root, 'policies'));
try {
  const theirs = await runConftest({
    cwd: root,
    policyDir: policyCopy.dir,
    dataFile: join(root, 'policies', 'data.yaml'),
    namespaces,
    paths: [path],
  });
  if (theirs.exitCode !== ours.status)
    throw new Error(`exit codes differ on ${path}: policy-check ${ours.status}, conftest ${theirs.exitCode}`);
  console.log(
    `fleet-policy objects=${objects} policy_s=${policySeconds.toFixed(3)} conftest_s=${theirs.seconds.toFixed(3)} exit=${ours.status}`,
  );
} finally {
  policyCopy.dispose();
}
