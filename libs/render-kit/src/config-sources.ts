// Finds the configuration values of a cluster (environments/ lines recorded by the loader) in one rendered
// object: an image reference equal to the one an images file pins, a replica bound under its own field name, a
// host under the base domain. Matching the rendered values, not tracing reads, keeps apps free of bookkeeping;
// settings restricted to field names (`keys`) keep a bare number or a short word from matching by chance.
import type { ConfigSetting } from '@go-coffee/environments';
import { childFieldPath, type ConfigSource } from '@go-coffee/source-map';

export interface ConfigMatcher {
  (object: unknown): ConfigSource[];
}

/** `value` inside `text` as a whole domain-like part: `api.dev.go-coffee.com`, `https://dev.go-coffee.com/x`. */
function containsPart(text: string, value: string): boolean {
  let at = text.indexOf(value);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + value.length] ?? '';
    if ((before === '' || before === '.' || before === '/') && (after === '' || after === '/' || after === ':')) {
      return true;
    }
    at = text.indexOf(value, at + 1);
  }
  return false;
}

/** A matcher for one cluster's settings; returns the object's configuration values in field order. */
export function configMatcher(settings: readonly ConfigSetting[]): ConfigMatcher {
  const exact = new Map<string | number, ConfigSetting[]>();
  const within: ConfigSetting[] = [];
  for (const setting of settings) {
    if (setting.within && typeof setting.value === 'string') within.push(setting);
    else exact.set(setting.value, [...(exact.get(setting.value) ?? []), setting]);
  }
  return (object) => {
    if (settings.length === 0) return [];
    const found: ConfigSource[] = [];
    const add = (field: string, value: string | number, setting: ConfigSetting) =>
      found.push({
        field,
        setting: setting.setting,
        value,
        source: setting.source,
        ...(setting.alsoFrom?.length ? { alsoFrom: setting.alsoFrom } : {}),
      });
    // The walk keeps the keys from the root on a stack and builds a field path only for a match: every value
    // of every object is visited, and a fleet renders tens of thousands of objects.
    const at: (string | number)[] = [];
    const fieldPath = () => at.reduce<string>((path, key) => childFieldPath(path, key), '');
    const visit = (value: unknown, key: string | number): void => {
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          at.push(index);
          visit(value[index], key);
          at.pop();
        }
        return;
      }
      if (value !== null && typeof value === 'object') {
        for (const childKey in value) {
          at.push(childKey);
          visit((value as Record<string, unknown>)[childKey], childKey);
          at.pop();
        }
        return;
      }
      if (typeof value !== 'string' && typeof value !== 'number') return;
      for (const setting of exact.get(value) ?? []) {
        if (setting.keys === undefined || (typeof key === 'string' && setting.keys.includes(key))) {
          add(fieldPath(), value, setting);
        }
      }
      if (typeof value === 'string') {
        for (const setting of within) {
          if (containsPart(value, setting.value as string)) add(fieldPath(), value, setting);
        }
      }
    };
    visit(object, '');
    return found;
  };
}
