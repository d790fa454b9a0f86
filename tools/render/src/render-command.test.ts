import { ApiObject } from 'cdk8s';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RenderArea } from '@go-coffee/render-kit';
import { runRenderCommand } from './render-command';
import { loadLayout } from './load-areas';

const workspaceLayout = await loadLayout(resolve(import.meta.dirname, '../../..'));

const repoRoot = resolve(import.meta.dirname, '../../..');
let root: string;
let out: string[];
let err: string[];
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'render-cmd-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  cpSync(join(repoRoot, 'environments'), join(root, 'environments'), { recursive: true });
  out = [];
  err = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const platform: RenderArea = {
  ...workspaceLayout.area('platform'),
  render: (chart, ctx) =>
    new ApiObject(chart, 'ns', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'go-coffee', labels: { cloud: ctx.cloud } },
    }),
};
const run = (argv: string[], env: Record<string, string> = {}, areas: RenderArea[] = [platform]): number =>
  runRenderCommand(
    areas,
    argv,
    {
      workspaceRoot: root,
      cwd: root,
      env,
      stdout: (text) => out.push(...lines(text)),
      stderr: (text) => err.push(...lines(text)),
    },
    workspaceLayout,
  );

describe('render command', () => {
  it('renders every enabled cluster, then --check passes (exit 0)', () => {
    expect(run([])).toBe(0);
    expect(existsSync(join(root, 'gitops/prod-gcp-us-central1/platform/namespace-go-coffee.yaml'))).toBe(true);
    expect(existsSync(join(root, 'gitops/prod-azure-eastus'))).toBe(false);
    expect(run(['--check'])).toBe(0);
  });

  it('exits 1 and lists stale and extra files when the tree was edited by hand', () => {
    run([]);
    writeFileSync(join(root, 'gitops/dev-aws-us-east-1/platform/namespace-go-coffee.yaml'), 'edited\n');
    writeFileSync(join(root, 'gitops/dev-aws-us-east-1/platform/hand-made.yaml'), 'x\n');
    out = [];
    expect(run(['--check'])).toBe(1);
    expect(out).toStrictEqual([
      'stale gitops/dev-aws-us-east-1/platform/namespace-go-coffee.yaml',
      'extra gitops/dev-aws-us-east-1/platform/hand-made.yaml',
    ]);
  });

  it('renders one cluster with --env and --cluster and leaves the others untouched', () => {
    expect(run(['--env', 'prod', '--cluster', 'prod-aws-us-west-2'])).toBe(0);
    expect(existsSync(join(root, 'gitops/prod-aws-us-west-2/platform'))).toBe(true);
    expect(existsSync(join(root, 'gitops/prod-aws-us-east-1'))).toBe(false);
  });

  it('adds the Azure cluster with --enable-azure and removes it again when Azure is disabled', () => {
    expect(run(['--enable-azure'])).toBe(0);
    expect(readFileSync(join(root, 'gitops/prod-azure-eastus/platform/namespace-go-coffee.yaml'), 'utf8')).toContain(
      'cloud: azure',
    );
    expect(run([], { ENABLE_AZURE: 'false' })).toBe(0);
    expect(existsSync(join(root, 'gitops/prod-azure-eastus'))).toBe(false);
  });

  it('exits 2 and writes nothing when an environment file is invalid', () => {
    writeFileSync(
      join(root, 'environments/images/dev.yaml'),
      readFileSync(join(root, 'environments/images/dev.yaml'), 'utf8').replace(
        'producer: 1.5.0-rc.2',
        'producer: latest',
      ),
    );
    expect(run([])).toBe(2);
    expect(err.join('\n')).toContain('environments/images/dev.yaml:7:11 producer: must not be "latest"');
    expect(existsSync(join(root, 'gitops'))).toBe(false);
  });

  it('exits 2 when an environment asks for manual sync of an Application that does not exist', () => {
    writeFileSync(
      join(root, 'environments/prod.yaml'),
      readFileSync(join(root, 'environments/prod.yaml'), 'utf8').replace('web3-payment]', 'web3]'),
    );
    expect(run([])).toBe(2);
    expect(err.join('\n')).toContain('environments/prod.yaml sync.manual: unknown Application "web3"');
  });

  it('reads --env and --cluster given inline (--env=prod) as well as separately', () => {
    expect(run(['--env=prod', '--cluster=prod-aws-us-west-2'])).toBe(0);
    expect(existsSync(join(root, 'gitops/prod-aws-us-west-2/platform'))).toBe(true);
    expect(existsSync(join(root, 'gitops/prod-aws-us-east-1'))).toBe(false);
  });

  it('exits 2 on an unknown flag, names it and the flags there are, and writes nothing', () => {
    expect(run(['--chekc'])).toBe(2);
    // The problem is node:util parseArgs' own sentence, whose wording after the flag varies by Node version.
    expect(err[0]).toBe('invalid environment configuration (1 problem); nothing was written:');
    expect(err[1]).toMatch(/^ {2}command line: Unknown option '--chekc'/);
    expect(err.slice(2)).toStrictEqual([
      '    fix: use --env <dev|staging|prod>, --cluster <name>, --check, --enable-<cloud>, --disable-<cloud>',
    ]);
    expect(existsSync(join(root, 'gitops'))).toBe(false);
  });

  it('exits 2 when --env has no value and when an argument is not a flag', () => {
    expect(run(['--env'])).toBe(2);
    expect(err.join('\n')).toContain("command line: Option '--env <value>' argument missing");
    err = [];
    expect(run(['prod'])).toBe(2);
    expect(err.join('\n')).toContain("command line: Unexpected argument 'prod'");
    expect(run(['--env', 'qa'])).toBe(2);
    expect(err.join('\n')).toContain('command line: unknown environment "qa"');
  });

  it('exits 2 on an unknown cloud toggle', () => {
    expect(run(['--enable-ibm'])).toBe(2);
    expect(err.join('\n')).toContain('flag --enable-ibm: unknown cloud "ibm"');
  });

  it('exits 2 for a disabled cluster and says how to enable it', () => {
    expect(run(['--cluster', 'prod-azure-eastus'])).toBe(2);
    expect(err.join('\n')).toContain('enable its cloud (e.g. --enable-azure or ENABLE_AZURE=true)');
  });

  it('exits 3 and writes nothing when an area renders a Secret with data', () => {
    const leaky: RenderArea = {
      ...workspaceLayout.area('core-services'),
      render: (chart) =>
        new ApiObject(chart, 's', {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 's', namespace: 'go-coffee' },
          data: { a: 'Yg==' },
        }),
    };
    expect(run([], {}, [platform, leaky])).toBe(3);
    expect(existsSync(join(root, 'gitops'))).toBe(false);
  });

  describe("with the cluster's shared applications folder", () => {
    const core: RenderArea = {
      ...workspaceLayout.area('core-services'),
      render: (chart) => {
        new ApiObject(chart, 'api', {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'go-coffee' },
        });
        new ApiObject(chart, 'hpa', {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'api', namespace: 'go-coffee' },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } },
        });
      },
    };
    const folder = () => join(root, 'gitops/dev-aws-us-east-1/applications');

    it('lets one area render its own child Applications, complete, without any other area', () => {
      expect(run(['--env', 'dev'], {}, [core])).toBe(0);
      expect(existsSync(join(root, 'gitops/dev-aws-us-east-1/platform'))).toBe(false);
      expect(readdirSync(folder()).sort()).toStrictEqual([
        'application-argocd-core-services.yaml',
        'application-argocd-web3-payment.yaml',
      ]);
      expect(readFileSync(join(folder(), 'application-argocd-core-services.yaml'), 'utf8')).toContain(
        '  ignoreDifferences:\n    - group: apps\n      jsonPointers:\n        - /spec/replicas\n      kind: Deployment\n      name: api\n      namespace: go-coffee\n',
      );
    });

    it("checks only the area's own files there: stale ones, and extra ones for the platform area", () => {
      expect(run(['--env', 'dev'], {}, [core])).toBe(0);
      expect(run(['--env', 'dev'], {}, [platform])).toBe(0);
      writeFileSync(join(folder(), 'application-argocd-web3-payment.yaml'), 'edited\n');
      writeFileSync(join(folder(), 'application-argocd-hand-made.yaml'), 'x\n');
      out = [];
      expect(run(['--env', 'dev', '--check'], {}, [core])).toBe(1);
      expect(out).toStrictEqual(['stale gitops/dev-aws-us-east-1/applications/application-argocd-web3-payment.yaml']);
      out = [];
      expect(run(['--env', 'dev', '--check'], {}, [platform])).toBe(1);
      expect(out).toStrictEqual(['extra gitops/dev-aws-us-east-1/applications/application-argocd-hand-made.yaml']);
      expect(run(['--env', 'dev'], {}, [platform])).toBe(0);
      expect(existsSync(join(folder(), 'application-argocd-hand-made.yaml'))).toBe(false);
      expect(existsSync(join(folder(), 'application-argocd-core-services.yaml'))).toBe(true);
    });
  });
});
