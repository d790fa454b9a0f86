import { describe, expect, it } from 'vitest';
import { changePicture } from './change-picture';
import { managedCluster } from '../test-support/cluster-objects';
import { TRACKING_ID_ANNOTATION } from '@go-coffee/kube-objects';

/** `class <ids> <status>` lines of a Mermaid text, as status → ids. */
function classes(mermaid: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const match of mermaid.matchAll(/^ {2}class (\S+) (\w+)$/gm)) out[match[2]!] = match[1]!.split(',');
  return out;
}

describe('change picture', () => {
  it('shows an image bump as the changed Deployment under its Application, with what it talks to as context', () => {
    // GIVEN a head where only api's image differs
    const picture = changePicture(managedCluster(), managedCluster('ghcr.io/go-coffee/api:1.1.0'));
    // THEN api is changed; its Application, namespace and the workloads it calls are grey context
    expect(picture).toBeDefined();
    expect({ added: picture!.added, changed: picture!.changed, removed: picture!.removed }).toStrictEqual({
      added: 0,
      changed: 1,
      removed: 0,
    });
    expect(classes(picture!.mermaid)).toStrictEqual({
      changed: ['wl_shop_api'],
      context: ['app_core', 'ns_shop', 'wl_shop_pay', 'wl_shop_worker'],
    });
    expect(picture!.mermaid).toContain('app_core --> ns_shop');
    expect(picture!.mermaid).toContain('wl_shop_api["api<br/>Deployment<br/>api: 1.0.0 → 1.1.0"]');
    // AND the other Application deploying into the namespace is left out: it owns nothing that changed
    expect(picture!.mermaid).not.toContain('app_payments -->');
  });

  it('styles an added workload green and a removed one red and dashed, with their arrows', () => {
    const base = managedCluster().filter((object) => object.metadata?.name !== 'worker');
    const head = [...managedCluster().filter((object) => object.metadata?.name !== 'pay')];
    const picture = changePicture(base, head)!;
    const byStatus = classes(picture.mermaid);
    expect(byStatus.added).toContain('wl_shop_worker');
    expect(byStatus.removed).toContain('wl_shop_pay');
    expect(picture.mermaid).toMatch(/wl_shop_api -\.->\|":8083"\| wl_shop_pay/);
    expect(picture.mermaid).toMatch(/linkStyle \d+ stroke:#cf222e/);
    expect(picture.mermaid).toMatch(/linkStyle \d+ stroke:#1a7f37/);
  });

  it('says nothing when the two sides draw the same', () => {
    expect(changePicture(managedCluster(), managedCluster())).toBeUndefined();
  });

  it('marks an Application changed when an object it owns outside any workload changes', () => {
    // GIVEN a ConfigMap of Application core that no workload's name label claims, with a new key on the head
    const owned = (data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'routing',
        namespace: 'shop',
        annotations: { [TRACKING_ID_ANNOTATION]: 'core:/ConfigMap:shop/routing' },
      },
      data,
    });
    const picture = changePicture([...managedCluster(), owned({})], [...managedCluster(), owned({ a: 'b' })]);
    // THEN the Application is the changed node
    expect(classes(picture!.mermaid).changed).toStrictEqual(['app_core']);
  });
});
