// The policy gate points code scanning at the line a reviewer edits. GIVEN the committed tree and its source map,
// WHEN the registry allow-list no longer holds the project's registry (a planted violation on every container),
// THEN at least 90 % of the SARIF results have their primary location in apps/, libs/ or environments/, on a
// line that exists and is the one to edit: for an image pinned in environments/images/<env>.yaml, the line that
// pins that service's tag in that cluster's environment; for an image the code names, the line where the area
// declares the construct, which holds the image within its props. The rendered file stays a related location.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { buildPolicyBundle } from './build-policy-bundle';
import { runCli } from './policy-check-cli';

const root = workspaceRoot();
const work = mkdtempSync(join(tmpdir(), 'source-locations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  message?: { text: string };
}
interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

let results: SarifResult[] = [];
let github = '';
let json: { filename: string; failures?: { msg: string; source?: { location: string } }[] }[] = [];

const lines = new Map<string, string[]>();
const lineOf = (file: string, line: number): string | undefined => {
  if (!lines.has(file)) {
    lines.set(file, existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8').split('\n') : []);
  }
  return lines.get(file)![line - 1];
};
const where = (location: SarifLocation) => ({
  file: location.physicalLocation.artifactLocation.uri,
  line: location.physicalLocation.region.startLine,
});

beforeAll(() => {
  const policies = join(work, 'policies');
  cpSync(join(root, 'policies'), policies, { recursive: true });
  const data = readFileSync(join(policies, 'data.yaml'), 'utf8');
  const planted = data.replace('    - ghcr.io/go-coffee/\n', '    - registry.example.com/go-coffee/\n');
  expect(planted).not.toBe(data);
  writeFileSync(join(policies, 'data.yaml'), planted);
  buildPolicyBundle({ policyDir: policies, outDir: join(work, 'bundle') });
  const run = (format: string) => {
    let out = '';
    const code = runCli(['-o', format, '-b', join(work, 'bundle', 'bundle.tar.gz'), '--all-namespaces', 'gitops'], {
      cwd: root,
      stdout: (text) => (out += text),
      stderr: () => undefined,
    });
    expect(code).toBe(1);
    return out;
  };
  results = (JSON.parse(run('sarif')) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
  github = run('github');
  json = JSON.parse(run('json')) as typeof json;
}, 600_000);

describe('SARIF of a planted registry violation', () => {
  const registryResults = () => results.filter((result) => result.ruleId === 'main.images.deny_registry');

  it('finds the planted violation on the images of every cluster', () => {
    expect(registryResults().length).toBeGreaterThan(50);
  });

  it('puts at least 90 % of all results on a line of apps/, libs/ or environments/ that exists', () => {
    const inSource = results.filter((result) => {
      const { file, line } = where(result.locations[0]!);
      return /^(apps|libs|environments)\//.test(file) && lineOf(file, line) !== undefined;
    });
    expect(inSource.length / results.length).toBeGreaterThanOrEqual(0.9);
  });

  it('puts each image finding on the line to edit: the pinned tag of its environment, or the creating construct', () => {
    for (const result of registryResults()) {
      const { file, line } = where(result.locations[0]!);
      const text = lineOf(file, line);
      const rendered = where(result.relatedLocations![0]!);
      const image = /uses image (\S+) from a registry/.exec(result.message.text)![1]!;
      const environment = /^gitops\/([a-z]+)-/.exec(rendered.file)![1]!;
      if (file.startsWith('environments/')) {
        const [, service, tag] = /\/([^/:]+):([^/:]+)$/.exec(image)!;
        expect(file, result.message.text).toBe(`environments/images/${environment}.yaml`);
        expect(text, `${file}:${line}`).toBe(`${service}: ${tag}`);
      } else {
        expect(file, result.message.text).toMatch(/^(apps|libs)\/.+\.ts$/);
        expect(text, `${file}:${line}`).toMatch(/\bnew [A-Za-z.]+\(/);
      }
      expect(rendered.file).toMatch(/^gitops\//);
      expect(lineOf(rendered.file, rendered.line), `${rendered.file}:${rendered.line}`).toBeDefined();
      expect(result.relatedLocations![0]!.message!.text).toBe('rendered object');
    }
  });

  it('annotates the same lines with -o github and adds the source to -o json', () => {
    const first = registryResults()[0]!;
    const { file, line } = where(first.locations[0]!);
    expect(github).toContain(`::error file=${file},line=${line}::${first.message.text} (rendered: `);
    const failure = json.flatMap((result) => result.failures ?? []).find((item) => item.msg === first.message.text);
    expect(failure?.source?.location).toBe(`${file}:${line}`);
  });
});
