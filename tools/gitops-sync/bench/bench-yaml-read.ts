// Times reading the 50,000-object bench tree's YAML: js-yaml (KUBE_YAML_SCHEMA) against the fast block-YAML
// reader, bare and through manifestRecordsOf (what a drift run's loader does per file). CPU only: the files
// are read into memory first. Writes the tree under /dev/shm and removes it.
// Run: nice npx tsx tools/gitops-sync/bench/bench-yaml-read.ts [objects=50000] [rounds=3]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { KUBE_YAML_SCHEMA, manifestRecordsOf, readBlockYaml } from '@go-coffee/drift';
import { benchObjects, median, writeObjectTree } from './drift-bench-objects';

const objects = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 3);
const tree = mkdtempSync('/dev/shm/bench-yaml-read-');
try {
  writeObjectTree(tree, benchObjects(0, objects));
  const files = readdirSync(tree, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.yaml'));
  const texts = files.map((file) => readFileSync(join(tree, file), 'utf8'));
  const fallbacks = texts.filter((text) => readBlockYaml(text) === undefined).length;

  const timings: Record<string, () => void> = {
    'js-yaml loadAll': () => texts.forEach((text) => loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA })),
    readBlockYaml: () => texts.forEach((text) => readBlockYaml(text)),
    manifestRecordsOf: () => texts.forEach((text, i) => manifestRecordsOf(text, files[i]!)),
  };
  console.log(`${files.length} files, ${fallbacks} fall back to js-yaml; median of ${rounds} rounds (ms):`);
  for (const [name, run] of Object.entries(timings)) {
    const ms: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = process.hrtime.bigint();
      run();
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    console.log(`  ${name.padEnd(18)} ${median(ms).toFixed(0)}  (all: ${ms.map((m) => m.toFixed(0)).join(', ')})`);
  }
} finally {
  rmSync(tree, { recursive: true, force: true });
}
