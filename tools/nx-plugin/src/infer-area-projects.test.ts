import { describe, expect, it } from 'vitest';
import { areaProject, declarationOf } from './infer-area-projects';

describe('areaProject', () => {
  it("caches the area's folder and exactly the Application files its render writes", () => {
    const project = areaProject('apps/core-services', {
      name: 'core-services',
      namespace: 'go-coffee',
      syncWave: 0,
      carveOuts: [{ application: 'web3-payment' }],
    });
    expect(project.targets?.render?.outputs).toStrictEqual([
      '{workspaceRoot}/gitops/*/core-services/**',
      '{workspaceRoot}/gitops-source-map/*/core-services.json',
      '{workspaceRoot}/gitops/*/applications/application-argocd-core-services.yaml',
      '{workspaceRoot}/gitops/*/applications/application-argocd-web3-payment.yaml',
    ]);
    expect(project).toMatchObject({ name: 'core-services', tags: ['type:app', 'scope:render'] });
    expect(Object.keys(project.targets ?? {}).sort()).toStrictEqual(['lint', 'policy', 'render', 'test', 'typecheck']);
  });
});

describe('declarationOf', () => {
  it('refuses a declaration named unlike its folder, naming the file', () => {
    expect(() =>
      declarationOf('apps/loyalty/src/area.ts', { area: { name: 'rewards', namespace: 'x', syncWave: 0 } }),
    ).toThrow('apps/loyalty/src/area.ts declares the area "rewards"; an area is named like its folder, "loyalty".');
  });

  it('refuses a module without exactly one declaration', () => {
    expect(() => declarationOf('apps/loyalty/src/area.ts', { other: 1 })).toThrow(
      'apps/loyalty/src/area.ts exports 0 area declarations (objects with a name and a namespace); export exactly one.',
    );
  });
});
