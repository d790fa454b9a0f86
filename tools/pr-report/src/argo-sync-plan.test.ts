import { describe, expect, it } from 'vitest';
import { covers, globToRegExp, planSync, type ApplicationSpec } from './argo-sync-plan';
import type { GitopsSnapshot, ManifestFile } from './gitops-snapshot';
import { diffSnapshots } from './manifest-delta';

const app = (name: string, path: string, syncPolicy: string, directory = '') =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\nspec:\n  source:\n    path: ${path}\n${directory}  syncPolicy:\n${syncPolicy}`;
const AUTO = '    automated:\n      prune: true\n      selfHeal: true\n';
const MANUAL = '    retry:\n      limit: 5\n';
const cm = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: go-coffee\ndata:\n  v: "${value}"\n`;

function snapshot(files: Record<string, string>): GitopsSnapshot {
  return new Map(
    Object.entries(files).map(([path, text]): [string, ManifestFile] => {
      const [, cluster = '', area = ''] = path.split('/');
      return [path, { path, cluster, area, text }];
    }),
  );
}

const spec = (over: Partial<ApplicationSpec>): ApplicationSpec => ({
  name: 'x',
  path: 'p',
  cluster: 'c',
  sourcePath: 'gitops/c/core-services',
  recurse: false,
  automated: true,
  prune: true,
  ...over,
});

describe('covers', () => {
  it('selects files by include and exclude globs the way a directory source does', () => {
    const web3 = spec({ include: '*web3-payment-service*' });
    const rest = spec({ exclude: '*web3-payment-service*' });
    const file = 'gitops/c/core-services/deployment-go-coffee-web3-payment-service.yaml';
    expect([covers(web3, file), covers(rest, file)]).toStrictEqual([true, false]);
    expect(covers(rest, 'gitops/c/core-services/service-go-coffee-api-gateway.yaml')).toBe(true);
  });

  it('needs recurse for files in sub-folders and matches include against the relative path', () => {
    const root = spec({ sourcePath: 'gitops/c', include: 'platform/application-*.yaml', recurse: true });
    expect(covers(root, 'gitops/c/platform/application-argocd-core-services.yaml')).toBe(true);
    expect(covers(root, 'gitops/c/platform/namespace-go-coffee.yaml')).toBe(false);
    expect(covers(spec({ sourcePath: 'gitops/c' }), 'gitops/c/platform/x.yaml')).toBe(false);
  });

  it("lets the root Application cover exactly the cluster's applications folder", () => {
    const root = spec({ sourcePath: 'gitops/c/applications' });
    expect(covers(root, 'gitops/c/applications/application-argocd-core-services.yaml')).toBe(true);
    expect(covers(root, 'gitops/c/platform/namespace-go-coffee.yaml')).toBe(false);
    expect(covers(root, 'gitops/c/applications/sub/x.yaml')).toBe(false);
  });

  it('expands brace alternatives', () => {
    expect(globToRegExp('{a,b}-*.yaml').test('b-1.yaml')).toBe(true);
    expect(globToRegExp('{a,b}-*.yaml').test('c-1.yaml')).toBe(false);
  });
});

describe('planSync', () => {
  const base = snapshot({
    'gitops/c/applications/application-argocd-core.yaml': app('core', 'gitops/c/core', AUTO),
    'gitops/c/applications/application-argocd-data.yaml': app('data', 'gitops/c/data', MANUAL),
    'gitops/c/core/configmap-a.yaml': cm('a', '1'),
    'gitops/c/core/configmap-b.yaml': cm('b', '1'),
    'gitops/c/data/configmap-d.yaml': cm('d', '1'),
    'gitops/c/data/configmap-e.yaml': cm('e', '1'),
  });

  it('syncs and prunes an automated Application, and leaves removals of a manual one live', () => {
    const head = snapshot({
      'gitops/c/applications/application-argocd-core.yaml': app('core', 'gitops/c/core', AUTO),
      'gitops/c/applications/application-argocd-data.yaml': app('data', 'gitops/c/data', MANUAL),
      'gitops/c/core/configmap-a.yaml': cm('a', '2'),
      'gitops/c/data/configmap-d.yaml': cm('d', '2'),
    });
    const plans = planSync(base, head, diffSnapshots(base, head));
    expect(plans.map((plan) => [plan.name, plan.lifecycle, plan.changed, plan.removed, plan.outcome])).toStrictEqual([
      ['core', 'unchanged', 1, 1, 'syncs automatically; prunes 1 object(s)'],
      [
        'data',
        'unchanged',
        1,
        1,
        'OutOfSync until someone presses Sync; 1 removed object(s) stay live until a manual sync with prune',
      ],
    ]);
  });

  it('reports Applications the change creates or deletes and skips untouched ones', () => {
    const head = snapshot({
      'gitops/c/applications/application-argocd-core.yaml': app('core', 'gitops/c/core', AUTO),
      'gitops/c/applications/application-argocd-obs.yaml': app('obs', 'gitops/c/obs', AUTO),
      'gitops/c/core/configmap-a.yaml': cm('a', '1'),
      'gitops/c/core/configmap-b.yaml': cm('b', '1'),
    });
    const plans = planSync(base, head, diffSnapshots(base, head));
    expect(plans.map((plan) => [plan.name, plan.lifecycle])).toStrictEqual([
      ['data', 'deleted'],
      ['obs', 'created'],
    ]);
  });
});
