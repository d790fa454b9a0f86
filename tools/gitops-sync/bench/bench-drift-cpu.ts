// Times the pure per-object CPU work of a drift run, without threads, files or an API server:
//   desired: what a loader does per parsed manifest (manifestRecordOf in desired-manifest.ts, called here):
//            outline, validate against the recorded built-in schema, normalize in place, JSON.stringify;
//   live:    what the engine does per live object that has a counterpart (detectObjectDrift on an in-sync
//            pair: the normalized desired object against a live object as the API server returns it).
// Desired objects are the bench objects (benchObjects), dumped to YAML and read back with the tree's block-YAML
// reader; live objects are drift-cpu-live-objects.json (one Deployment and one ConfigMap recorded from a real
// kube-apiserver by record-drift-cpu-live-objects.ts), renamed per object to match. Parsing is not timed.
// Each pair is checked to be in sync first. A digest of every output lets two code versions be compared.
// Run: nice npx tsx tools/gitops-sync/bench/bench-drift-cpu.ts [objects=20000] [rounds=5]
// Measured on the shared 2-core machine (20,000 objects, medians of 3 alternated runs, wall ms): main's per-object
// functions desired 430 / live 420; after the drift-cpu optimizations desired 344 / live 220. Since the desired
// side calls manifestRecordOf itself (outline included): desired 300 / live 174 ms, same digest (5 rounds, one run).
// Last line: drift-cpu desired_ms=<median> live_ms=<median> digest=<sha256 of all outputs, 12 hex>
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { IgnoreEntryIndex } from '@go-coffee/ignore-rules';
import {
  builtInSemantics,
  detectObjectDrift,
  manifestRecordOf,
  readBlockYaml,
  type ObjectDrift,
} from '@go-coffee/drift';
import type { KubeObject } from '@go-coffee/kube-objects';
import { benchObjects, median } from './drift-bench-objects';

const objects = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 5);
if (!Number.isInteger(objects) || objects < 2 || objects % 2 !== 0 || !Number.isInteger(rounds) || rounds < 1)
  throw new Error('usage: bench-drift-cpu.ts [objects: even, ≥ 2] [rounds ≥ 1]');

const semantics = builtInSemantics();
const ignore = new IgnoreEntryIndex([]);
const bench = benchObjects(0, objects);
const yamlTexts = bench.map(({ obj }) => dump(obj, { sortKeys: true, lineWidth: -1 }));

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'drift-cpu-live-objects.json'), 'utf8')) as {
  objects: KubeObject[];
};
const liveTemplate = new Map(fixture.objects.map((o) => [String(o.kind), JSON.stringify(o)]));

/** The recorded live object of bench object `i`'s kind, renamed (and re-indexed) as bench object `i`. */
function liveTextOf(i: number): string {
  const { ns, obj } = bench[i]!;
  const n = Math.floor(i / 2);
  const text = liveTemplate
    .get(String(obj.kind))!
    .replaceAll('"bench-0"', `"${ns}"`)
    .replaceAll('bench-0/', `${ns}/`)
    .replaceAll('svc-0', `svc-${n}`)
    .replaceAll(':1.0.0"', `:1.0.${n % 10}"`);
  const live = JSON.parse(text) as KubeObject;
  if (obj.kind === 'ConfigMap') (live.data as Record<string, string>).INDEX = String(n);
  else {
    const pod = (live.spec as { template: { spec: { containers: { env: { name: string; value: string }[] }[] } } })
      .template.spec;
    for (const env of pod.containers[0]!.env) if (env.name === 'SERVICE_INDEX') env.value = String(n);
  }
  return JSON.stringify(live);
}
const liveTexts = bench.map((_, i) => liveTextOf(i));

function parseDesired(): KubeObject[] {
  return yamlTexts.map((text) => readBlockYaml(text)![0] as KubeObject);
}

/** What the loader keeps per manifest (manifestRecordOf, the loader's own code): the normalized JSON. */
function desiredRecords(docs: KubeObject[]): string[] {
  const out: string[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const record = manifestRecordOf(docs[i]!, `bench-${i}.yaml`);
    if (!record.normalized)
      throw new Error(`bench object ${i} is not a valid built-in manifest: ${JSON.stringify(record.builtInProblems)}`);
    out[i] = record.json;
  }
  return out;
}

function liveVerdicts(desired: KubeObject[], live: KubeObject[]): ObjectDrift[] {
  const out: ObjectDrift[] = new Array(desired.length);
  for (let i = 0; i < desired.length; i++)
    out[i] = detectObjectDrift(desired[i]!, live[i]!, {
      consumeInputs: true,
      desiredNormalized: true,
      ignore,
      semantics,
    });
  return out;
}

/** Wall time, and the process's CPU time (user + system, GC threads included): less sensitive to a busy machine. */
function timed<T>(run: () => T): { ms: number; cpuMs: number; result: T } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1e3, result };
}

const records = desiredRecords(parseDesired());
const verdicts = liveVerdicts(
  records.map((r) => JSON.parse(r) as KubeObject),
  liveTexts.map((t) => JSON.parse(t) as KubeObject),
);
const drifted = verdicts.filter((v) => v.differences.length + v.ignored.length + v.informational.length > 0);
if (drifted.length > 0)
  throw new Error(`${drifted.length} pairs not in sync, e.g. ${JSON.stringify(drifted[0]).slice(0, 2000)}`);
const digest = createHash('sha256').update(records.join('\n')).update(JSON.stringify(verdicts)).digest('hex');

const desiredMs: number[] = [];
const liveMs: number[] = [];
const desiredCpuMs: number[] = [];
const liveCpuMs: number[] = [];
for (let round = 0; round < rounds; round++) {
  const docs = parseDesired();
  const d = timed(() => desiredRecords(docs));
  desiredMs.push(d.ms);
  desiredCpuMs.push(d.cpuMs);
  const desired = records.map((r) => JSON.parse(r) as KubeObject);
  const live = liveTexts.map((t) => JSON.parse(t) as KubeObject);
  const l = timed(() => liveVerdicts(desired, live));
  liveMs.push(l.ms);
  liveCpuMs.push(l.cpuMs);
}
const all = (ms: number[]) => ms.map((m) => m.toFixed(0)).join(', ');
process.stdout.write(
  `${objects} objects, ${rounds} rounds; desired wall (ms): ${all(desiredMs)}; live wall (ms): ${all(liveMs)}\n` +
    `median CPU time (ms): desired ${median(desiredCpuMs).toFixed(0)}, live ${median(liveCpuMs).toFixed(0)}\n`,
);
process.stdout.write(
  `drift-cpu desired_ms=${median(desiredMs).toFixed(0)} live_ms=${median(liveMs).toFixed(0)} digest=${digest.slice(0, 12)}\n`,
);
