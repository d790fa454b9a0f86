import { describe, expect, it } from 'vitest';
import { AreaLayout, AreaLayoutError } from './application-layout';
import type { AreaDeclaration } from './render-area';

const platform: AreaDeclaration = {
  name: 'platform',
  namespace: 'argocd',
  syncWave: -3,
  applications: ['root', 'argo-cd'],
};
const core: AreaDeclaration = {
  name: 'core-services',
  namespace: 'go-coffee',
  syncWave: 0,
  carveOuts: [{ application: 'web3-payment', fileGlob: '*web3-payment-service*' }],
};
const layout = new AreaLayout([core, platform]);

describe('AreaLayout', () => {
  it('derives who owns each file from the declarations: carve-outs, area folders and the root', () => {
    expect([
      layout.applicationForFile('core-services', 'deployment-go-coffee-web3-payment-service.yaml'),
      layout.applicationForFile('core-services', 'deployment-go-coffee-api-gateway.yaml'),
      layout.applicationForFile('applications', 'application-argocd-core-services.yaml'),
    ]).toStrictEqual(['web3-payment', 'core-services', 'root']);
  });

  it('names the area that writes each app-of-apps file, the root area answering for strays', () => {
    expect(
      [
        'application-argocd-web3-payment.yaml',
        'application-argocd-argo-cd.yaml',
        'application-argocd-core-services.yaml',
        'application-argocd-hand-made.yaml',
      ].map((file) => layout.areaForApplicationFile(file)),
    ).toStrictEqual(['core-services', 'platform', 'core-services', 'platform']);
    expect(new AreaLayout([core]).areaForApplicationFile('application-argocd-hand-made.yaml')).toBeUndefined();
  });

  it("gives each Application its area's project and namespace", () => {
    expect(['root', 'argo-cd', 'web3-payment'].map((app) => layout.projectForApplication(app))).toStrictEqual([
      'platform',
      'platform',
      'core-services',
    ]);
    expect(layout.destinationNamespaceForApplication('web3-payment')).toBe('go-coffee');
  });

  it("gives carve-outs their area's wave and refuses a wave for an undeclared child Application", () => {
    expect(['platform', 'core-services', 'web3-payment'].map((app) => layout.childApplicationWave(app))).toStrictEqual([
      -3, 0, 0,
    ]);
    expect(() => layout.childApplicationWave('loyalty')).toThrow(AreaLayoutError);
    expect(() => layout.childApplicationWave('root')).toThrow(/no area declares it as its own or as a carve-out/);
  });

  it('lists the Applications an environment may hold by hand', () => {
    expect(layout.applicationNames()).toStrictEqual(['root', 'core-services', 'platform', 'web3-payment']);
  });

  it('defaults an AppProject to the area namespace without cluster-scoped rights', () => {
    expect(layout.projectOf('core-services')).toStrictEqual({
      description: 'The core-services area.',
      namespaces: ['go-coffee'],
      clusterScoped: false,
    });
  });

  it('refuses a declaration without an integer wave, naming the file and the fix', () => {
    const noWave = { name: 'loyalty', namespace: 'go-coffee-loyalty' } as unknown as AreaDeclaration;
    expect(() => new AreaLayout([noWave])).toThrow(
      'area "loyalty" (apps/loyalty/src/area.ts): syncWave is missing; declare an integer wave (-3 platform, -2 operators, 0 workloads).',
    );
    expect(() => new AreaLayout([{ ...noWave, syncWave: 0.5 }])).toThrow(/syncWave is 0.5/);
  });

  it('refuses two declarations claiming the same Application', () => {
    const clash: AreaDeclaration = { name: 'web3-payment', namespace: 'web3', syncWave: 0 };
    expect(() => new AreaLayout([core, clash])).toThrow(
      'area "web3-payment" (apps/web3-payment/src/area.ts): the Application "web3-payment" is already declared by area "core-services"; area and Application names must be unique, rename one.',
    );
  });
});
