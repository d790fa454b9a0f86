// Checks a manifest from git against its kind's OpenAPI semantics the way the API server would decode it:
// a value of the wrong type (a boolean where a string belongs, as YAML 1.1 reads an unquoted `yes`; a
// number where a string belongs), a string of digits where a built-in kind's int-or-string belongs
// (`targetPort: "8080"` is neither a port number nor a port name), an unparsable quantity, or a field the
// kind does not have.
// Such an object never applies, so comparing it would report a lie; the drift run fails naming the field.
import { describeRef, groupOf, isBuiltInGroup, refOf } from '@go-coffee/kube-objects';
import { DesiredStateError } from './desired-state-error';
import { canonicalQuantity } from './quantity';
import type { FieldSemantics, SemanticsIndex } from './openapi-semantics';

export interface SchemaProblem {
  /** Readable path, e.g. `spec.ports[0].targetPort`. */
  readonly path: string;
  readonly message: string;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean')
    return `the boolean ${value} (YAML 1.1, as kubectl and Argo CD read it, turns an unquoted yes/no/on/off/y/n into a boolean; quote it if it is text)`;
  if (typeof value === 'number') return `the number ${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function join(path: string, field: string): string {
  const step = SIMPLE_KEY.test(field) ? `.${field}` : `[${JSON.stringify(field)}]`;
  return `${path}${step}`.replace(/^\./, '');
}

interface CheckContext {
  readonly semantics: SemanticsIndex;
  /**
   * Built-in kinds decode int-or-string into Go's IntOrString and validate a string as a name or percentage;
   * custom resources only check the structural type, so "8080" is valid there.
   */
  readonly builtIn: boolean;
  readonly out: SchemaProblem[];
  /**
   * Where the walk is: field names and list indexes from the root, pushed and popped as it descends, so a
   * valid object (the common case, tens of thousands per run) allocates no path at all.
   */
  readonly at: (string | number)[];
}

/** The readable path of where the walk is, built only when a problem is reported. */
function pathOf(at: readonly (string | number)[]): string {
  let path = '';
  for (const step of at) path = typeof step === 'number' ? `${path}[${step}]` : join(path, step);
  return path;
}

function report(ctx: CheckContext, message: string): void {
  ctx.out.push({ path: pathOf(ctx.at), message });
}

function check(value: unknown, sem: FieldSemantics, ctx: CheckContext): void {
  const { semantics } = ctx;
  if (value === null || value === undefined) return;
  switch (sem.t) {
    case undefined:
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') report(ctx, `expected a string, got ${describeValue(value)}`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        report(ctx, `expected an integer, got ${describeValue(value)}`);
      return;
    case 'number':
      if (typeof value !== 'number') report(ctx, `expected a number, got ${describeValue(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(ctx, `expected true or false, got ${describeValue(value)}`);
      return;
    case 'int-or-string':
      if (typeof value === 'number') {
        if (!Number.isInteger(value)) report(ctx, `expected an integer or a name, got ${describeValue(value)}`);
      } else if (typeof value === 'string') {
        if (ctx.builtIn && /^\d+$/.test(value))
          report(
            ctx,
            `the string ${JSON.stringify(value)} is neither a number nor a name/percentage: the API server rejects it; write ${value} without quotes`,
          );
      } else report(ctx, `expected an integer or a string, got ${describeValue(value)}`);
      return;
    case 'quantity':
      if ((typeof value !== 'string' && typeof value !== 'number') || canonicalQuantity(value) === undefined)
        report(ctx, `expected a quantity such as 500m or 1Gi, got ${describeValue(value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        report(ctx, `expected a list, got ${describeValue(value)}`);
        return;
      }
      {
        const item = semantics.item(sem);
        if (item)
          for (let i = 0; i < value.length; i++) {
            ctx.at.push(i);
            check(value[i], item, ctx);
            ctx.at.pop();
          }
      }
      return;
    case 'map':
    case 'object':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        report(ctx, `expected an object, got ${describeValue(value)}`);
        return;
      }
      {
        // semantics.child(sem, k) per key, with the lookups per object hoisted out of the loop.
        const props = sem.t === 'object' && sem.p ? semantics.propertiesOf(sem) : undefined;
        const values = sem.t === 'map' ? semantics.resolve(sem.v) : undefined;
        for (const k in value) {
          const child = props !== undefined ? props[k] : values;
          ctx.at.push(k);
          if (child) check((value as Record<string, unknown>)[k], child, ctx);
          else if (sem.t === 'object')
            report(ctx, 'unknown field: the kind has no such field (misspelt or misplaced?)');
          ctx.at.pop();
        }
      }
      return;
  }
}

/** Problems of `object` against its kind's schema; [] when valid or when the kind has no known schema. */
export function validateAgainstSchema(object: Record<string, unknown>, semantics: SemanticsIndex): SchemaProblem[] {
  const apiVersion = String(object.apiVersion ?? '');
  const root = semantics.forKind(apiVersion, String(object.kind ?? ''));
  if (!root) return [];
  const out: SchemaProblem[] = [];
  check(object, root, { semantics, builtIn: isBuiltInGroup(groupOf(apiVersion)), out, at: [] });
  return out;
}

/**
 * Throws DesiredStateError listing (up to 20 of) the fields in `manifests` the API server would reject,
 * each as `<file>: <Kind namespace/name>: <field>: <why>`.
 */
export function assertAcceptedByApiServer(
  manifests: readonly {
    readonly object: Record<string, unknown>;
    readonly source: string;
    /** Built-in kinds: the loader's verdict against the recorded built-in schemas (desired-manifest.ts). */
    readonly outline?: {
      readonly skeleton: Record<string, unknown>;
      readonly builtInProblems?: readonly SchemaProblem[];
    };
  }[],
  semantics: SemanticsIndex,
): void {
  const invalid: string[] = [];
  for (const manifest of manifests) {
    const checked = manifest.outline?.builtInProblems;
    const object = checked ? manifest.outline!.skeleton : manifest.object;
    for (const problem of checked ?? validateAgainstSchema(object, semantics))
      invalid.push(`${manifest.source}: ${describeRef(refOf(object))}: ${problem.path}: ${problem.message}`);
  }
  if (invalid.length === 0) return;
  const shown = invalid.slice(0, 20);
  const more = invalid.length > shown.length ? `\n  … and ${invalid.length - shown.length} more` : '';
  throw new DesiredStateError(
    `${invalid.length} field(s) in git the API server would reject (fix them in the source and re-render):\n  ${shown.join('\n  ')}${more}`,
  );
}
