import { describe, expect, it } from 'vitest';
import { SemanticsIndex, compileOpenApiSemantics, type OpenApiV3Document } from './openapi-semantics';
import { builtInSemantics, recordedBuiltInSemantics } from './built-in-semantics';
import { validateAgainstSchema } from './validate-against-schema';

const ref = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }] });

/** The shapes /openapi/v3 uses, reduced to a peer with two selectors and a list merged by key. */
const document: OpenApiV3Document = {
  components: {
    schemas: {
      'io.k8s.api.demo.v1.Thing': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: 'demo.example.com', version: 'v1', kind: 'Thing' }],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          spec: { ...ref('io.k8s.api.demo.v1.ThingSpec'), default: {} },
        },
      },
      'io.k8s.api.demo.v1.ThingList': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: 'demo.example.com', version: 'v1', kind: 'ThingList' }],
        properties: { items: { type: 'array', items: ref('io.k8s.api.demo.v1.Thing') } },
      },
      'io.k8s.api.demo.v1.ThingSpec': {
        type: 'object',
        properties: {
          selector: ref('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'),
          ports: {
            type: 'array',
            items: { ...ref('io.k8s.api.demo.v1.Port'), default: {} },
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['port', 'protocol'],
          },
          env: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-merge-key': 'name' },
          limits: { type: 'object', additionalProperties: ref('io.k8s.apimachinery.pkg.api.resource.Quantity') },
          paused: { type: 'boolean' },
          claim: ref('io.k8s.api.demo.v1.EmbeddedClaim'),
        },
      },
      'io.k8s.api.demo.v1.Port': {
        type: 'object',
        properties: {
          port: { type: 'integer' },
          protocol: { type: 'string', default: 'TCP' },
          targetPort: ref('io.k8s.apimachinery.pkg.util.intstr.IntOrString'),
        },
      },
      'io.k8s.api.demo.v1.EmbeddedClaim': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Claim' }],
        properties: { status: { type: 'object' }, size: { type: 'string' } },
      },
      'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': {
        type: 'object',
        properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string', default: '' } } },
      },
      'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    },
  },
};

describe('OpenAPI semantics', () => {
  const recorded = compileOpenApiSemantics([document], 'test');
  const index = new SemanticsIndex([recorded]);
  const spec = index.child(index.forKind('demo.example.com/v1', 'Thing'), 'spec');

  it('maps kinds (without *List) to short schema names', () => {
    expect(recorded.kinds).toStrictEqual({
      'demo.example.com/v1/Thing': 'demo.v1.Thing',
      '/v1/Claim': 'demo.v1.EmbeddedClaim',
    });
  });

  it('knows list merge keys, quantities, int-or-string, selectors, embedded resources and defaults', () => {
    const ports = index.child(spec, 'ports');
    expect(ports?.k).toStrictEqual(['port', 'protocol']);
    expect(index.child(spec, 'env')?.k).toStrictEqual(['name']);
    const port = index.item(ports);
    expect(index.child(port, 'targetPort')?.t).toBe('int-or-string');
    expect(index.child(port, 'protocol')?.d).toBe('TCP');
    expect(index.child(index.child(spec, 'limits'), 'cpu')?.t).toBe('quantity');
    expect(index.child(spec, 'selector')?.e).toBe(1);
    expect(index.child(spec, 'claim')?.r).toBe(1);
    // A zero default (`{}`, '') is how an omitted field reads anyway: not recorded.
    expect(index.resolve(recorded.schemas['demo.v1.Thing']?.p?.spec)?.d).toBeUndefined();
  });

  it('names each field the API server would reject, with the reason', () => {
    const problems = validateAgainstSchema(
      {
        apiVersion: 'demo.example.com/v1',
        kind: 'Thing',
        spec: {
          ports: [
            { port: '80', targetPort: '8080' },
            { port: 81, targetPort: 'http' },
          ],
          paused: 'yes',
          limits: { cpu: 'lots' },
          colour: 'blue',
          claim: { size: true },
        },
      },
      index,
    ).map((p) => `${p.path}: ${p.message.split(';')[0]}`);
    expect(problems).toStrictEqual([
      'spec.ports[0].port: expected an integer, got the string "80"',
      'spec.paused: expected true or false, got the string "yes"',
      'spec.limits.cpu: expected a quantity such as 500m or 1Gi, got the string "lots"',
      'spec.colour: unknown field: the kind has no such field (misspelt or misplaced?)',
      'spec.claim.size: expected a string, got the boolean true (YAML 1.1, as kubectl and Argo CD read it, turns an unquoted yes/no/on/off/y/n into a boolean',
    ]);
  });

  it('reports a field named after an Object.prototype member as unknown, as the API server does', () => {
    // A schema's properties are its own: `constructor` or `toString` once read Object.prototype's member, a
    // truthy non-schema, and the field passed unchecked although the API server rejects it.
    const index = builtInSemantics();
    const problems = validateAgainstSchema(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x', namespace: 'n', constructor: 'a', toString: 'b' },
        hasOwnProperty: { x: 1 },
      },
      index,
    ).map((p) => `${p.path}: ${p.message.split(' (')[0]}`);
    expect(problems).toStrictEqual([
      'metadata.constructor: unknown field: the kind has no such field',
      'metadata.toString: unknown field: the kind has no such field',
      'hasOwnProperty: unknown field: the kind has no such field',
    ]);
    const configMap = index.forKind('v1', 'ConfigMap')!;
    for (const key of ['constructor', 'toString', 'valueOf', '__proto__'])
      expect(index.child(configMap, key), key).toBeUndefined();
  });

  it('rejects a digit string in a built-in int-or-string (targetPort "8080"), not in a custom resource', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'n' },
      spec: {
        ports: [
          { port: 80, targetPort: '8080' },
          { port: 81, targetPort: 'http' },
        ],
      },
    };
    expect(validateAgainstSchema(service, builtInSemantics()).map((p) => p.path)).toStrictEqual([
      'spec.ports[0].targetPort',
    ]);
    const custom = {
      apiVersion: 'demo.example.com/v1',
      kind: 'Thing',
      spec: { ports: [{ port: 80, targetPort: '8080' }] },
    };
    expect(validateAgainstSchema(custom, index)).toStrictEqual([]);
  });
});

describe('SemanticsIndex.propertiesOf', () => {
  it('reads what child() reads, for every property of every recorded object schema and for keys it lacks', () => {
    const index = builtInSemantics();
    const recorded = recordedBuiltInSemantics();
    let compared = 0;
    for (const name of Object.keys(recorded.schemas)) {
      const sem = index.resolve(name);
      if (sem?.t !== 'object' || !sem.p) continue;
      const props = index.propertiesOf(sem);
      for (const key of [...Object.keys(sem.p), 'noSuchField', 'constructor', 'toString']) {
        expect(props[key], `${name}.${key}`).toBe(index.child(sem, key));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
