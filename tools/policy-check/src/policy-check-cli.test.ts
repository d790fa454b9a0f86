// The CLI end to end on real WASM built by real OPA: planted violations, conftest exit codes, output
// formats, exceptions with owner and expiry, and every fail-closed path with its own exit code.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolPath, workspaceRoot } from '@go-coffee/toolchain';
import { buildPolicyBundle } from './build-policy-bundle';
import { runAreaPolicyCheck } from './area-policy-check';
import { runCli } from './policy-check-cli';
import { normalizeResults, type ConftestJsonResult } from '../test-support/conftest-runner';
import { loadPolicyBundle } from './policy-bundle';
import { EXIT } from './policy-check-error';

const root = workspaceRoot();
const work = mkdtempSync(join(tmpdir(), 'policy-check-cli-'));
const bundle = join(work, 'bundle', 'bundle.tar.gz');
const exceptionBundle = join(work, 'exception-bundle', 'bundle.tar.gz');
// 2030-06-01: after the expired exception's date, before the active one's.
const now = () => Date.UTC(2030, 5, 1);

const goodDeployment = readFileSync(
  join(root, 'policies/main/resources/samples/requests-limits-probes/allowed.yaml'),
  'utf8',
);

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'tree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// Runs are independent of the repository's conftest.toml unless a test says otherwise.
function cli(args: string[], cwd = work) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now,
    cwd,
  });
  return { code, stdout, stderr };
}

const check = (...args: string[]) => cli(['--bundle', bundle, '--all-namespaces', ...args]);
const checkNamespaces = (...args: string[]) => cli(['--bundle', bundle, ...args]);

beforeAll(() => {
  buildPolicyBundle({ outDir: join(work, 'bundle') });
  const policies = join(work, 'policies');
  cpSync(join(root, 'policies'), policies, { recursive: true });
  const exceptions = [
    {
      policy: 'main.pod_security',
      rules: ['privileged'],
      kind: 'Deployment',
      namespace: 'go-coffee',
      name: 'api-gateway',
      owner: 'team-core',
      reason: 'eBPF probe during incident 42',
      expires: '2031-01-01',
    },
    {
      policy: 'main.images',
      rules: ['latest'],
      kind: 'Deployment',
      namespace: 'go-coffee',
      name: 'api-gateway',
      owner: 'team-core',
      reason: 'hotfix',
      expires: '2030-01-01',
    },
  ];
  const data = readFileSync(join(policies, 'data.yaml'), 'utf8').replace(
    /^exceptions: \[\]$/m,
    `exceptions: ${JSON.stringify(exceptions)}`,
  );
  writeFileSync(join(policies, 'data.yaml'), data);
  buildPolicyBundle({ policyDir: policies, outDir: join(work, 'exception-bundle') });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('policy-check CLI', () => {
  it('passes a compliant object with exit 0 and a conftest summary', () => {
    const dir = tree({ 'c1/core/deployment.yaml': goodDeployment });
    const result = checkNamespaces('-n', 'main.*', dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('\n46 tests, 46 passed, 0 warnings, 0 failures, 0 exceptions\n');
    expect(result.code).toBe(EXIT.ok);
  });

  it('runs cross-document policies over the combined set', () => {
    const dir = tree({ 'c1/core/deployment.yaml': goodDeployment });
    const { stdout, code } = check(dir);
    expect(stdout).toContain(
      `FAIL - Combined - combined.network_policies - ${dir}/c1: namespace go-coffee runs workloads but has no default-deny NetworkPolicy`,
    );
    expect(stdout).toContain(
      `FAIL - Combined - combined.disruption_budgets - apps/v1 Deployment go-coffee/api-gateway in ${dir}/c1: 2 replicas`,
    );
    expect(code).toBe(EXIT.failures);
  });

  it('names file, object and fix for a planted privileged container, :latest image and Secret with data', () => {
    const privileged = goodDeployment.replace(
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: false\n            privileged: true',
    );
    const latest = goodDeployment
      .replace('api-gateway:1.4.2', 'api-gateway:latest')
      .replace(/api-gateway$/gm, 'latest-gateway');
    const secret = readFileSync(join(root, 'policies/main/secrets/samples/secret-data/disallowed.yaml'), 'utf8');
    const dir = tree({ 'c/core/a.yaml': privileged, 'c/core/b.yaml': latest, 'c/core/c.yaml': secret });
    const { stdout, code } = checkNamespaces('-n', 'main.*', dir);
    expect(code).toBe(EXIT.failures);
    expect(stdout).toContain(
      `FAIL - ${dir}/c/core/a.yaml - main.pod_security - apps/v1 Deployment go-coffee/api-gateway: container api-gateway is privileged; fix: remove securityContext.privileged or set it to false`,
    );
    expect(stdout).toContain(
      `FAIL - ${dir}/c/core/b.yaml - main.images - apps/v1 Deployment go-coffee/latest-gateway: container latest-gateway uses the mutable tag latest`,
    );
    expect(stdout).toContain(
      `FAIL - ${dir}/c/core/c.yaml - main.secrets - v1 Secret go-coffee/user-gateway-jwt: Secret carries stringData in git; fix:`,
    );
  });

  it('uses conftest exit codes with --fail-on-warn: 1 for warnings only, 2 for failures', () => {
    const noProbes = goodDeployment.replace(/ {10}livenessProbe:\n.*\n {10}readinessProbe:\n.*\n/, '');
    const dir = tree({ 'c/core/a.yaml': noProbes });
    expect(checkNamespaces('-n', 'main.*', dir).code).toBe(EXIT.ok);
    expect(checkNamespaces('-n', 'main.*', '--fail-on-warn', dir).code).toBe(1);
    expect(check('--fail-on-warn', dir).code).toBe(2);
  });

  it('reports the YAML line of each object in sarif and github output', () => {
    const privileged = goodDeployment.replace(
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: false\n            privileged: true',
    );
    const dir = tree({
      'c/core/two.yaml': `${readFileSync(join(root, 'policies/main/services/samples/load-balancer/allowed.yaml'), 'utf8')}---\n${privileged}`,
    });
    const sarif = JSON.parse(checkNamespaces('-n', 'main.pod_security', '-o', 'sarif', dir).stdout) as {
      runs: {
        tool: { driver: { rules: unknown[] } };
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    const location = sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation;
    // The rule carries its METADATA: a report can say which Pod Security control and profile it is.
    expect(sarif.runs[0]!.tool.driver.rules).toContainEqual({
      id: 'main.pod_security.deny_privileged',
      shortDescription: { text: 'Privileged Containers' },
      defaultConfiguration: { level: 'error' },
      properties: { pss_level: 'baseline', pss_control: 'Privileged Containers' },
    });
    expect(sarif.runs[0]!.results[0]!.ruleId).toBe('main.pod_security.deny_privileged');
    expect(location).toStrictEqual({ artifactLocation: { uri: `${dir}/c/core/two.yaml` }, region: { startLine: 19 } });
    expect(checkNamespaces('-n', 'main.pod_security', '-o', 'github', dir).stdout).toContain(
      `::error file=${dir}/c/core/two.yaml,line=19::`,
    );
  });

  it('waives a rule with an active exception, counts it, and fails an expired one', () => {
    const both = goodDeployment
      .replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n            privileged: true')
      .replace('api-gateway:1.4.2', 'api-gateway:latest');
    const dir = tree({ 'c/core/a.yaml': both });
    const { stdout, code } = cli(['--bundle', exceptionBundle, '--all-namespaces', dir]);
    expect(stdout).toContain(
      'EXCP - ' + `${dir}/c/core/a.yaml - main.pod_security - data.main.pod_security.exception[_][_] == "privileged"`,
    );
    expect(stdout).not.toContain('is privileged');
    expect(stdout).toContain('uses the mutable tag latest');
    expect(stdout).toContain(
      'FAIL - Combined - combined.exceptions - exception for Deployment go-coffee/api-gateway (main.images: latest) owned by team-core expired on 2030-01-01',
    );
    expect(stdout).toMatch(/, 1 exception\n$/);
    expect(code).toBe(EXIT.failures);
  });
});

describe('policy-check fails closed', () => {
  it('exits 3 when the selected namespaces hold no policies', () => {
    const dir = tree({ 'a.yaml': goodDeployment });
    const result = cli(['--bundle', bundle, dir]);
    expect(result.code).toBe(EXIT.noPolicies);
    expect(result.stderr).toContain('no deny/violation/warn rules in namespace(s) main');
    expect(result.stdout).toBe('');
  });

  it('exits 4 when there are no input files', () => {
    const dir = tree({ 'README.md': '# not yaml\n' });
    const result = check(dir);
    expect(result.code).toBe(EXIT.noInputFiles);
    expect(result.stderr).toContain(`no .yaml, .yml or .json files under ${dir}`);
  });

  it('exits 5 naming file and line for malformed YAML', () => {
    const dir = tree({ 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nkind: Secret\n' });
    const result = check(dir);
    expect(result.code).toBe(EXIT.malformedYaml);
    expect(result.stderr).toContain(`${dir}/bad.yaml:3: malformed YAML: Map keys must be unique`);
  });

  it('exits 6 for a missing or corrupt bundle', () => {
    const dir = tree({ 'a.yaml': goodDeployment });
    expect(cli(['--bundle', join(work, 'nope.tar.gz'), '--all-namespaces', dir]).stderr).toContain(
      'nope.tar.gz: policy bundle not found; fix: run `npx nx run policies:build`',
    );
    const corrupt = join(work, 'corrupt.tar.gz');
    writeFileSync(corrupt, 'not a bundle');
    const result = cli(['--bundle', corrupt, '--all-namespaces', dir]);
    expect(result.code).toBe(EXIT.badBundle);
    expect(result.stderr).toContain('corrupt.tar.gz: not a readable OPA bundle');
  });

  it('exits 8 when two documents are the same object', () => {
    const dir = tree({ 'c/core/a.yaml': goodDeployment, 'c/core/b.yaml': goodDeployment });
    const result = check(dir);
    expect(result.code).toBe(EXIT.duplicateIdentity);
    expect(result.stderr).toContain(
      `${dir}/c/core/b.yaml:1: apps/v1 Deployment go-coffee/api-gateway is also defined at ${dir}/c/core/a.yaml:1`,
    );
  });

  it('exits 10 on an unknown output format', () => {
    expect(check('-o', 'table', '.').code).toBe(EXIT.usage);
  });
});

describe('conftest.toml: one configuration for bare conftest and bare policy-check', () => {
  const privileged = goodDeployment.replace(
    'allowPrivilegeEscalation: false',
    'allowPrivilegeEscalation: false\n            privileged: true',
  );

  it('bare policy-check reads the repository conftest.toml: 0 on the committed tree, 1 on a planted violation', () => {
    // GIVEN the repository's conftest.toml (all namespaces) and no selection flag
    const clean = cli(['--bundle', bundle, 'gitops'], root);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(EXIT.ok);
    expect(clean.stdout).toMatch(/, 0 failures, 0 exceptions\n$/);
    // WHEN a copy of one cluster gets a privileged container THEN the same bare command fails on it
    const copy = mkdtempSync(join(work, 'gitops-'));
    cpSync(join(root, 'gitops', 'dev-aws-us-east-1'), join(copy, 'dev-aws-us-east-1'), { recursive: true });
    const target = join(copy, 'dev-aws-us-east-1', 'core-services', 'deployment-go-coffee-api-gateway.yaml');
    writeFileSync(target, readFileSync(target, 'utf8').replace('privileged: false', 'privileged: true'));
    const planted = cli(['--bundle', bundle, copy], root);
    expect(planted.stdout).toContain(
      `FAIL - ${target} - main.pod_security - apps/v1 Deployment go-coffee/api-gateway: container api-gateway is privileged`,
    );
    expect(planted.code).toBe(EXIT.failures);
  });

  it('bare conftest and bare policy-check agree on the per-document results', () => {
    const dir = tree({ 'c/core/a.yaml': privileged, 'c/core/b.yaml': goodDeployment.replace(/api-gateway$/gm, 'b') });
    const theirs = spawnSync(toolPath('conftest'), ['test', '--no-color', '-o', 'json', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    const ours = cli(['--bundle', bundle, '-o', 'json', dir], root);
    const perDocument = (json: string) =>
      normalizeResults(
        (JSON.parse(json) as ConftestJsonResult[]).filter(
          (result) => result.namespace.startsWith('main.') && !result.namespace.endsWith('_test'),
        ),
      );
    expect(perDocument(ours.stdout)).toStrictEqual(perDocument(theirs.stdout));
    expect(ours.stdout).toContain('is privileged');
    expect(ours.code).toBe(theirs.status);
  });

  it('lets flags override the file, and refuses keys policy-check does not honour', () => {
    const dir = tree({ 'c/core/a.yaml': privileged });
    const configured = mkdtempSync(join(work, 'config-'));
    writeFileSync(join(configured, 'conftest.toml'), 'namespace = ["main.secrets"]\noutput = "json"\n');
    const fromFile = cli(['--bundle', bundle, dir], configured);
    expect(JSON.parse(fromFile.stdout)).toStrictEqual([
      { filename: `${dir}/c/core/a.yaml`, namespace: 'main.secrets', successes: 1 },
    ]);
    expect(fromFile.code).toBe(EXIT.ok);
    const overridden = cli(['--bundle', bundle, '-n', 'main.pod_security', '-o', 'stdout', dir], configured);
    expect(overridden.stdout).toContain(
      'main.pod_security - apps/v1 Deployment go-coffee/api-gateway: container api-gateway is privileged',
    );
    expect(overridden.code).toBe(EXIT.failures);
    writeFileSync(join(configured, 'conftest.toml'), 'combine = true\n');
    expect(cli(['--bundle', bundle, dir], configured)).toStrictEqual({
      code: EXIT.usage,
      stdout: '',
      stderr: `policy-check: ${configured}/conftest.toml: key combine is not supported by policy-check (it honours policy, data, namespace, all-namespaces, fail-on-warn, output); fix: correct conftest.toml (see tools/policy-check/README.md)\n`,
    });
    writeFileSync(join(configured, 'conftest.toml'), 'namespace = [\n');
    expect(cli(['--bundle', bundle, dir], configured).code).toBe(EXIT.usage);
  });

  it('builds a bundle whose data is exactly the data files conftest.toml names', () => {
    const data = loadPolicyBundle(bundle).data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toStrictEqual(['exceptions', 'platform']);
  });
});

describe('policy-check refuses what is not plain rendered YAML or JSON, naming file and line', () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
  const nested = (depth: number) =>
    `a:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}b:\n`).join('')}`;
  const bomb = [
    'a0: &a0 [x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`),
  ].join('\n');
  // [file, content, exit code, message after "<dir>/<file>"]
  const cases: [string, string | Buffer, number, string][] = [
    [
      'helm.yaml',
      `${configMap}  namespace: {{ .Release.Namespace }}\n`,
      EXIT.notPlainInput,
      ':5: unrendered template syntax ({{ … }}); fix: check the rendered output',
    ],
    [
      'control.yaml',
      `{{- if .Values.enabled }}\n${configMap}{{- end }}\n`,
      EXIT.notPlainInput,
      ':1: unrendered template syntax ({{ … }})',
    ],
    [
      'packed.yaml',
      gzipSync(configMap),
      EXIT.notPlainInput,
      ':1: gzip-compressed content, not YAML or JSON; fix: pass the rendered files, not an archive',
    ],
    [
      'binary.yaml',
      Buffer.concat([Buffer.from(configMap), Buffer.from([0x00, 0x01])]),
      EXIT.notPlainInput,
      ':5: binary content (control byte 0x00), not YAML or JSON',
    ],
    [
      'latin1.yaml',
      Buffer.concat([Buffer.from(`${configMap}data:\n  k: `), Buffer.from([0xe9, 0x0a])]),
      EXIT.notPlainInput,
      ':6: invalid UTF-8; fix: re-encode the file as UTF-8',
    ],
    [
      'empty.json',
      '',
      EXIT.malformedYaml,
      ':1: empty JSON document; fix: write the object into the file, or delete it',
    ],
    ['blank.json', ' \n', EXIT.malformedYaml, ':1: empty JSON document'],
    ['yaml-in.json', configMap, EXIT.malformedYaml, ':1: malformed JSON: '],
    ['duplicate.yaml', `${configMap}metadata: {}\n`, EXIT.malformedYaml, ':5: malformed YAML: Map keys must be unique'],
    [
      'deep.yaml',
      `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
      EXIT.malformedYaml,
      ':1: nested more than 200 levels deep; fix: flatten the document',
    ],
    ['nested.yaml', nested(3000), EXIT.malformedYaml, ':201: nested more than 200 levels deep'],
    ['bomb.yaml', bomb, EXIT.malformedYaml, ':1: YAML aliases expand more than 100 times (an alias bomb)'],
  ];

  it.each(cases)('%s: exit %i, one line on stderr, nothing on stdout', (file, content, code, message) => {
    const dir = mkdtempSync(join(work, 'refuse-'));
    writeFileSync(join(dir, file), content);
    writeFileSync(join(dir, 'good.yaml'), goodDeployment);
    const result = check(dir);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`policy-check: ${dir}/${file}${message}`);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.code).toBe(code);
  });

  it('refuses dangling links and link loops as input errors (exit 4), never as policy failures', () => {
    const dir = mkdtempSync(join(work, 'links-'));
    mkdirSync(join(dir, 'c', 'core'), { recursive: true });
    writeFileSync(join(dir, 'c', 'core', 'good.yaml'), goodDeployment);
    symlinkSync('nowhere.yaml', join(dir, 'c', 'core', 'dangling.yaml'));
    expect(check(dir)).toStrictEqual({
      code: EXIT.noInputFiles,
      stdout: '',
      stderr: `policy-check: ${dir}/c/core/dangling.yaml: dangling symbolic link to nowhere.yaml; fix: point the link at a file, or remove it\n`,
    });
    rmSync(join(dir, 'c', 'core', 'dangling.yaml'));
    symlinkSync('loop-b.yaml', join(dir, 'c', 'core', 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'c', 'core', 'loop-b.yaml'));
    expect(check(dir).stderr).toBe(
      `policy-check: ${dir}/c/core/loop-a.yaml: symbolic link loop; fix: point the link at a file or directory, or remove it\n`,
    );
    rmSync(join(dir, 'c', 'core', 'loop-a.yaml'));
    rmSync(join(dir, 'c', 'core', 'loop-b.yaml'));
    symlinkSync('../..', join(dir, 'c', 'core', 'up'));
    const loop = check(dir);
    expect(loop.stderr).toBe(
      `policy-check: ${dir}/c/core/up: symbolic link loop (leads back to a directory above it); fix: remove the link\n`,
    );
    expect(loop.code).toBe(EXIT.noInputFiles);
  });

  it('refuses a FIFO without opening it, so it never blocks; the bin prints no Node warning', () => {
    // GIVEN a directory with a FIFO named like YAML and a template that parses to a mapping used as a key
    // (the yaml library would warn on stderr about stringifying it)
    const dir = mkdtempSync(join(work, 'fifo-'));
    writeFileSync(join(dir, 'a.yaml'), `${configMap}  labels: {{ include "labels" . }}\n`);
    const fifo = join(dir, 'b.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const bin = (path: string) =>
      spawnSync(
        process.execPath,
        [join(root, 'tools/policy-check/bin/policy-check.mjs'), '--bundle', bundle, '--all-namespaces', path],
        { encoding: 'utf8', timeout: 60_000 },
      );
    // WHEN the gate runs on each THEN one line names the file, and the run ends with the input exit codes
    const template = bin(join(dir, 'a.yaml'));
    expect(template.stderr).toBe(
      `policy-check: ${dir}/a.yaml:5: unrendered template syntax ({{ … }}); fix: check the rendered output (helm template, npm run render), not the template\n`,
    );
    expect(template.status).toBe(EXIT.notPlainInput);
    const walked = bin(dir);
    expect(walked.stderr).toBe(
      `policy-check: ${dir}/b.yaml: a FIFO, not a regular file; fix: pass rendered YAML or JSON files\n`,
    );
    expect(walked.status).toBe(EXIT.noInputFiles);
    expect(bin(fifo).status).toBe(EXIT.noInputFiles);
  });

  it('matches conftest, which refuses the same template, compressed, non-UTF-8 and empty JSON files', () => {
    const dir = mkdtempSync(join(work, 'conftest-refuses-'));
    const files: Record<string, string | Buffer> = {
      'helm.yaml': `${configMap}  namespace: {{ .Release.Namespace }}\n`,
      'packed.yaml': gzipSync(configMap),
      'latin1.yaml': Buffer.concat([Buffer.from(`${configMap}data:\n  k: `), Buffer.from([0xe9, 0x0a])]),
      'empty.json': '',
    };
    for (const [file, content] of Object.entries(files)) {
      writeFileSync(join(dir, file), content);
      const run = spawnSync(
        toolPath('conftest'),
        ['test', '--no-color', '-p', join(root, 'policies/main/secrets'), join(dir, file)],
        { encoding: 'utf8' },
      );
      expect(run.stderr, file).toContain('parse configurations');
      expect(run.stdout, file).not.toContain('passed');
      expect(check(join(dir, file)).code, file).toBeGreaterThan(EXIT.failuresWithFailOnWarn);
    }
  });
});

describe('policy-check --baseline (ratchet), run as CI runs it: the bin, in a git checkout', () => {
  const privileged = goodDeployment.replace(
    'allowPrivilegeEscalation: false',
    'allowPrivilegeEscalation: false\n            privileged: true',
  );
  const privilegedLine =
    'main.pod_security - apps/v1 Deployment go-coffee/api-gateway: container api-gateway is privileged';

  /** A repository whose base commit (branch main) holds gitops/c1/core/deployment.yaml with `text`. */
  function repository(text: string): string {
    const repo = mkdtempSync(join(work, 'repo-'));
    mkdirSync(join(repo, 'gitops', 'c1', 'core'), { recursive: true });
    writeFileSync(join(repo, 'gitops', 'c1', 'core', 'deployment.yaml'), text);
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '-A'],
      ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base'],
    ]) {
      const git = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
      if (git.status !== 0) throw new Error(`git ${args.join(' ')}: ${git.stderr}`);
    }
    return repo;
  }

  function ratchet(repo: string, ref: string) {
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'tools/policy-check/bin/policy-check.mjs'),
        '--bundle',
        bundle,
        '--all-namespaces',
        '--baseline',
        ref,
        'gitops',
      ],
      { cwd: repo, encoding: 'utf8' },
    );
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('exits 1 on a violation the change plants, reporting only that one', () => {
    // GIVEN a base whose only findings are cross-document ones (no default-deny policy, no PDB)
    const repo = repository(goodDeployment);
    // WHEN the change makes the container privileged
    writeFileSync(join(repo, 'gitops', 'c1', 'core', 'deployment.yaml'), privileged);
    const result = ratchet(repo, 'main');
    // THEN only the new violation is reported and fails the gate
    expect(result.stdout).toContain(`FAIL - gitops/c1/core/deployment.yaml - ${privilegedLine}`);
    expect(result.stdout).not.toContain('default-deny');
    expect(result.stdout).toContain(', 1 failure, 0 exceptions\n');
    expect(result.stderr).toMatch(
      /^policy-check: ratchet against main \([0-9a-f]{12}\): 1 new failure, 0 new warnings, 2 pre-existing ignored, 0 fixed\n$/,
    );
    expect(result.code).toBe(EXIT.failures);
  });

  it('exits 0 when the same violations, cross-document ones included, already exist at the base ref', () => {
    const repo = repository(privileged);
    // An unrelated edit moves every line: findings match on file, policy, rule and message, not line.
    writeFileSync(join(repo, 'gitops', 'c1', 'core', 'deployment.yaml'), `# moved\n${privileged}`);
    appendFileSync(join(repo, 'gitops', 'c1', 'core', 'deployment.yaml'), '\n');
    const result = ratchet(repo, 'main');
    expect(result.stderr).toMatch(/: 0 new failures, 0 new warnings, 3 pre-existing ignored, 0 fixed\n$/);
    expect(result.stdout).not.toContain('FAIL');
    expect(result.stdout).toMatch(/, 0 failures, 0 exceptions\n$/);
    expect(result.code).toBe(EXIT.ok);
    // The same tree without the ratchet fails: the pass above is the ratchet's doing.
    const plain = spawnSync(
      process.execPath,
      [join(root, 'tools/policy-check/bin/policy-check.mjs'), '--bundle', bundle, '--all-namespaces', 'gitops'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(plain.status).toBe(EXIT.failures);
  });

  it('exits with the usage code, naming the ref and the fix, when the ref is unknown', () => {
    const repo = repository(goodDeployment);
    const result = ratchet(repo, 'no-such-ref');
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain('policy-check: --baseline: unknown git ref "no-such-ref"');
    expect(result.stderr).toContain('fetch-depth: 0');
    expect(result.stdout).toBe('');
  });
});

describe("a render app's Nx policy target (area-policy-check)", () => {
  function area(args: string[], gitopsDir: string) {
    let stdout = '';
    let stderr = '';
    const code = runAreaPolicyCheck(args, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      now,
      gitopsDir,
    });
    return { code, stdout, stderr };
  }

  it('checks, whole and with every namespace, each cluster folder that holds the area and no other', () => {
    const gitops = tree({
      'c1/core/deployment.yaml': goodDeployment,
      'c1/platform/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: go-coffee\n',
      'c2/platform/deployment.yaml': goodDeployment,
    });
    const rel = relative(process.cwd(), gitops);
    const result = area(['core', '--bundle', bundle], gitops);
    expect(result.stderr).toBe(`policy-check: core renders into ${rel}/c1; checking those clusters whole\n`);
    // Cross-document results come from the combined set of c1 (both areas), nothing from c2.
    expect(result.stdout).toContain(`FAIL - Combined - combined.network_policies - ${rel}/c1: namespace go-coffee`);
    expect(result.stdout).toContain(`${rel}/c1/platform/configmap.yaml - main.labels`);
    expect(result.stdout).not.toContain(`${rel}/c2`);
    expect(result.code).toBe(EXIT.failures);
  });

  it('fails closed when no cluster folder holds the area, and on a missing area name', () => {
    const gitops = tree({ 'c1/core/deployment.yaml': goodDeployment });
    const missing = area(['payments', '--bundle', bundle], gitops);
    expect(missing.code).toBe(EXIT.noInputFiles);
    expect(missing.stderr).toContain('holds payments/; fix: render it');
    expect(missing.stdout).toBe('');
    expect(area([], gitops).code).toBe(EXIT.usage);
  });
});
