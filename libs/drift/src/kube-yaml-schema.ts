// YAML as Kubernetes tools read it. kubectl, Argo CD and the API server's YAML endpoints decode YAML with
// sigs.k8s.io/yaml, which resolves plain scalars by YAML 1.1 rules (go-yaml v2): `yes`/`no`/`on`/`off`/
// `y`/`n` (any case form) are booleans, `0644` is octal (420), `0b101` binary, `1_000` an integer. A YAML 1.2
// reader would keep `honorLabels: yes` a string and `defaultMode: 0644` the number 644 and then report drift
// that is not there. Timestamps stay strings (Kubernetes decodes into JSON, which has no dates).
import { CORE_SCHEMA, Type } from 'js-yaml';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);

// Every plain scalar of every manifest passes through these resolvers (a 50,000-object drift run reads
// millions): each first rules out by length or first character what cannot match, before any lookup or regex.
const BOOLEAN_FIRST = new Set(['y', 'Y', 'n', 'N', 'o', 'O', 't', 'T', 'f', 'F']);

const yaml11Boolean = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null && data.length <= 5 && BOOLEAN_FIRST.has(data.charAt(0)) && (TRUE.has(data) || FALSE.has(data)),
  construct: (data: string) => TRUE.has(data),
  predicate: (object: unknown) => typeof object === 'boolean',
  represent: (object: object) => ((object as unknown as boolean) ? 'true' : 'false'),
});

// Go's strconv.ParseInt(s, 0, 64) after go-yaml v2 removed underscores: 0x hex, 0b binary, 0o or a leading 0
// octal, otherwise decimal. `08` is not an integer there (it then reads as the float 8, as the core schema does).
const INTEGER = /^[-+]?(?:0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|0|[1-9][0-9]*)$/;

function parseInteger(data: string): number {
  const text = data.replace(/_/g, '');
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '');
  if (digits.startsWith('0b')) return sign * parseInt(digits.slice(2), 2);
  if (digits.startsWith('0x')) return sign * parseInt(digits.slice(2), 16);
  if (digits.startsWith('0o')) return sign * parseInt(digits.slice(2), 8);
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits.slice(1), 8);
  return sign * parseInt(digits, 10);
}

const yaml11Integer = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    if (data === null || data.length === 0) return false;
    const first = data.charCodeAt(0);
    // A digit, `+` or `-`: anything else is not an integer.
    if (!((first >= 48 && first <= 57) || first === 43 || first === 45)) return false;
    const text = data.replace(/_/g, '');
    return text !== '' && !text.startsWith('_') && INTEGER.test(text) && Number.isSafeInteger(parseInteger(text));
  },
  construct: parseInteger,
  predicate: (object: unknown) => typeof object === 'number' && Number.isInteger(object),
  represent: (object: object) => String(object),
});

/** js-yaml schema reading scalars as sigs.k8s.io/yaml does (YAML 1.1 booleans and integers). */
export const KUBE_YAML_SCHEMA = CORE_SCHEMA.extend({ implicit: [yaml11Boolean, yaml11Integer] });
