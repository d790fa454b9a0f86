import { describe, expect, it } from 'vitest';
import type { GitopsSnapshot, ManifestFile } from './gitops-snapshot';
import { REPORT_MARKER, renderMarkdown } from './report-markdown';
import { buildReportModel, environmentOf, type SideInfo } from './report-model';

function snapshot(files: Record<string, string>): GitopsSnapshot {
  return new Map(
    Object.entries(files).map(([path, text]): [string, ManifestFile] => {
      const [, cluster = '', area = ''] = path.split('/');
      return [path, { path, cluster, area, text }];
    }),
  );
}
const cm = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: go-coffee\ndata:\n  v: "${value}"\n`;
const side = (ref: string, files: Record<string, string>, over: Partial<SideInfo> = {}): SideInfo => ({
  ref,
  commit: `${ref}000000000`,
  tree: 'rendered',
  snapshot: snapshot(files),
  exceptions: [],
  ...over,
});

describe('environmentOf', () => {
  it('takes the longest environment name the cluster folder starts with', () => {
    expect(environmentOf('prod-aws-us-east-1', ['dev', 'prod', 'prod-eu'])).toBe('prod');
    expect(environmentOf('prod-eu-gcp-x', ['dev', 'prod', 'prod-eu'])).toBe('prod-eu');
    expect(environmentOf('lab-1', ['dev'])).toBe('other');
  });
});

describe('renderMarkdown', () => {
  const many = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`gitops/prod-a/core/configmap-${i}.yaml`, cm(`cm-${i}`, 'x'.repeat(400))]),
  );
  const changed = Object.fromEntries(
    Object.entries(many).map(([path, text]) => [path, text.replace(/x+/, 'y'.repeat(400))]),
  );

  it('starts with the sticky-comment marker and lists environments in dev, staging, prod order', () => {
    const model = buildReportModel(
      side('base', {
        'gitops/prod-a/core/configmap-a.yaml': cm('a', '1'),
        'gitops/dev-a/core/configmap-a.yaml': cm('a', '1'),
      }),
      side('head', {
        'gitops/prod-a/core/configmap-a.yaml': cm('a', '2'),
        'gitops/dev-a/core/configmap-a.yaml': cm('a', '2'),
      }),
      ['dev', 'prod'],
    );
    const text = renderMarkdown(model);
    expect(text.startsWith(`${REPORT_MARKER}\n`)).toBe(true);
    expect(text.indexOf('### dev')).toBeLessThan(text.indexOf('### prod'));
    expect(text).toContain('- **changed** `v1 ConfigMap go-coffee/a` — core');
  });

  it('reports policy findings from policy-check JSON as new, fixed and still failing', () => {
    const failure = (msg: string) => ({ msg, metadata: { query: 'data.main.images.deny_registry' } });
    const file = 'gitops/prod-a/core/configmap-a.yaml';
    const model = buildReportModel(
      side(
        'base',
        { [file]: cm('a', '1') },
        { policy: [{ filename: file, namespace: 'main.images', failures: [failure('old'), failure('kept')] }] },
      ),
      side(
        'head',
        { [file]: cm('a', '1') },
        { policy: [{ filename: file, namespace: 'main.images', failures: [failure('kept'), failure('new')] }] },
      ),
      ['prod'],
    );
    const policy = model.clusters[0]!.policy;
    expect([policy.introduced, policy.fixed, policy.persisting].map((list) => list.map((f) => f.msg))).toStrictEqual([
      ['new'],
      ['old'],
      ['kept'],
    ]);
    expect(renderMarkdown(model)).toContain('**Policy** — 1 new · 1 fixed · 1 still failing · 0 excepted');
  });

  it('fits a comment limit by leaving out diffs, and says so', () => {
    const model = buildReportModel(side('base', many), side('head', changed), ['prod']);
    const full = renderMarkdown(model);
    const cut = renderMarkdown(model, { maxChars: 12000 });
    expect(full.length).toBeGreaterThan(12000);
    expect(cut.length).toBeLessThanOrEqual(12000);
    expect(cut).toContain('diff left out to fit the comment');
    expect(cut).toContain('- **changed** `v1 ConfigMap go-coffee/cm-39` — core');
  });

  it('never prints a Secret value in a diff', () => {
    const secret = (value: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: go-coffee\ndata:\n  token: ${value}\n`;
    const model = buildReportModel(
      side('base', { 'gitops/prod-a/core/secret-s.yaml': secret('b2xkLXRva2Vu') }),
      side('head', { 'gitops/prod-a/core/secret-s.yaml': secret('bmV3LXRva2Vu') }),
      ['prod'],
    );
    const text = renderMarkdown(model);
    expect(text).not.toMatch(/b2xkLXRva2Vu|bmV3LXRva2Vu/);
    expect(text).toContain('-  token: <masked>\n+  token: <masked:changed>');
  });
});
