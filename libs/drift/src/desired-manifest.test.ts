import { describe, expect, it } from 'vitest';
import { CompactManifest, manifestRecordsOf } from './desired-manifest';
import { normalizeObject } from './normalize-object';
import { builtInSemantics } from './built-in-semantics';
import { readBlockYaml } from './read-block-yaml';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  annotations:
    argocd.argoproj.io/tracking-id: core:apps/Deployment:shop/api
    note: kept
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: api:1, resources: {limits: {memory: 0.5Gi}}}]
`;

describe('manifests as the drift engine holds them', () => {
  it('normalizes a valid built-in manifest where it is parsed, and outlines what is read before comparing', () => {
    const [record] = manifestRecordsOf(deployment, 'core/deployment-shop-api.yaml');
    const manifest = new CompactManifest(record!);
    expect(manifest.outline.normalized).toBe(true);
    expect(manifest.outline.builtInProblems).toEqual([]);
    expect(manifest.outline.skeleton).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'api',
        namespace: 'shop',
        annotations: { 'argocd.argoproj.io/tracking-id': 'core:apps/Deployment:shop/api' },
      },
    });
    const raw = manifestRecordsOf(deployment, 'x')[0]!;
    expect(manifest.object).toEqual(normalizeObject(JSON.parse(raw.json) as never, { semantics: builtInSemantics() }));
    // Defaults filled, quantities canonical: what the comparison needs, done once.
    expect(JSON.stringify(manifest.object)).toContain('"memory":"512Mi"');
    expect(JSON.stringify(manifest.object)).toContain('"revisionHistoryLimit":10');
  });

  it('gives a fresh object on every read, so comparing in place never changes the next read', () => {
    const manifest = new CompactManifest(manifestRecordsOf(deployment, 'x')[0]!);
    const first = manifest.object;
    (first.metadata as Record<string, unknown>).name = 'changed';
    expect(manifest.object.metadata?.name).toBe('api');
  });

  it('keeps an invalid built-in manifest as written, with its problems, and a custom resource unvalidated', () => {
    const [invalid] = manifestRecordsOf(
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec: {ports: [{port: 80, targetPort: "8080"}]}\n',
      'svc.yaml',
    );
    expect(invalid!.normalized).toBeUndefined();
    expect(invalid!.builtInProblems).toEqual([expect.objectContaining({ path: 'spec.ports[0].targetPort' })]);
    expect(JSON.parse(invalid!.json).spec.ports[0].targetPort).toBe('8080');
    const [custom] = manifestRecordsOf(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: yes}\n',
      'widget.yaml',
    );
    expect(custom).toMatchObject({ source: 'widget.yaml' });
    expect(custom!.builtInProblems).toBeUndefined();
    expect(JSON.parse(custom!.json).spec.size).toBe(true);
  });

  it('refuses .inf and .nan (JSON has no such number) and List items that are not objects', () => {
    expect(() =>
      manifestRecordsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: .NaN}\n', 'c.yaml'),
    ).toThrow('c.yaml: data.a is .inf or .nan');
    expect(() => manifestRecordsOf('apiVersion: v1\nkind: List\nitems: [3]\n', 'l.yaml')).toThrow(
      'l.yaml: a List item is not a Kubernetes object',
    );
    // The word alone in text is no number.
    expect(
      manifestRecordsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: ".inf"}\n', 'c.yaml'),
    ).toHaveLength(1);
  });

  it('reads block YAML on the fast reader with the same checks, and leaves errors to js-yaml', () => {
    const block = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n';
    expect(readBlockYaml(block)).toBeDefined();
    expect(manifestRecordsOf(block, 'l.yaml')).toMatchObject([
      { source: 'l.yaml', skeleton: { metadata: { name: 'c' } } },
    ]);
    expect(() => manifestRecordsOf('apiVersion: v1\nkind: List\nitems:\n- 3\n', 'l.yaml')).toThrow(
      'l.yaml: a List item is not a Kubernetes object',
    );
    const nan = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: .NaN\n';
    expect(readBlockYaml(nan)).toBeDefined();
    expect(() => manifestRecordsOf(nan, 'c.yaml')).toThrow('c.yaml: data.a is .inf or .nan');
    // A duplicate key: the fast reader refuses it, js-yaml words the error.
    expect(() => manifestRecordsOf('kind: A\nkind: B\n', 'd.yaml')).toThrow(
      /^d\.yaml: not valid YAML: duplicated mapping key/,
    );
  });
});
