// Which line a reviewer edits for a finding on a rendered object. When the finding's message names a value
// that came from configuration (an image reference, a replica bound), the environments/ line of that value;
// otherwise the line where the area declared the object (the innermost apps/ frame: `new HardenedDeployment(…)`
// with the props the area chose, rather than the library line inside the construct, which stays related); the
// rendered file only when the source map does not know the object. The other places stay as related locations, the rendered file always among them.
import { parseSourceLocation } from './object-source';
import type { ConfigSource, ObjectSource } from './object-source';

export interface FileLine {
  readonly file: string;
  readonly line: number;
}

export interface RelatedLocation extends FileLine {
  /** What the location is, for the reader: `rendered object`, `construct`, `also feeds the value`, `caller`. */
  readonly role: string;
}

export interface FindingLocation {
  /** The line to edit. */
  readonly primary: FileLine;
  /** What the primary location is: `configuration images.api-gateway`, `construct core-services/…`, `rendered object`. */
  readonly primaryRole: string;
  readonly related: readonly RelatedLocation[];
}

const lastKey = (field: string): string =>
  field
    .replace(/\[\d+\]$/, '')
    .split('.')
    .pop() ?? field;

/** The configuration value a message is about: a string value it quotes, else a number next to its field's name. */
export function configNamedBy(source: ObjectSource | undefined, message: string): ConfigSource | undefined {
  const config = source?.config ?? [];
  const quoted = config.find((entry) => typeof entry.value === 'string' && message.includes(entry.value));
  if (quoted) return quoted;
  return config.find(
    (entry) =>
      typeof entry.value === 'number' &&
      message.includes(lastKey(entry.field)) &&
      new RegExp(`(^|[^0-9.])${entry.value}($|[^0-9.])`).test(message),
  );
}

/** Where the area declared the object: the innermost apps/ frame, else the creating line (a library's own object). */
export function declarationOf(source: ObjectSource | undefined): string | undefined {
  const frames = [source?.source, ...(source?.callers ?? [])].filter((frame): frame is string => frame !== undefined);
  return frames.find((frame) => frame.startsWith('apps/')) ?? frames[0];
}

export function locateFinding(source: ObjectSource | undefined, message: string, rendered: FileLine): FindingLocation {
  const renderedRelated: RelatedLocation = { ...rendered, role: 'rendered object' };
  const declaration = declarationOf(source);
  const created = declaration !== undefined ? parseSourceLocation(declaration) : undefined;
  // The other frames of the creating call chain: the library line inside the construct, outer callers.
  const callers = [source?.source, ...(source?.callers ?? [])]
    .filter((frame): frame is string => frame !== undefined && frame !== declaration)
    .map(parseSourceLocation)
    .filter((location): location is FileLine => location !== undefined)
    .map((location) => ({ ...location, role: 'call chain' }));
  const config = configNamedBy(source, message);
  const configLine = config !== undefined ? parseSourceLocation(config.source) : undefined;
  if (config && configLine) {
    const also = (config.alsoFrom ?? [])
      .map(parseSourceLocation)
      .filter((location): location is FileLine => location !== undefined)
      .map((location) => ({ ...location, role: `also feeds ${config.setting}` }));
    return {
      primary: configLine,
      primaryRole: `configuration ${config.setting}`,
      related: [
        renderedRelated,
        ...also,
        ...(created ? [{ ...created, role: `construct ${source!.construct}` }] : []),
        ...callers,
      ],
    };
  }
  if (created) {
    return { primary: created, primaryRole: `construct ${source!.construct}`, related: [renderedRelated, ...callers] };
  }
  return { primary: rendered, primaryRole: 'rendered object', related: [] };
}

/** One line for people: `environments/images/prod.yaml:3 (images.api-gateway; construct core-services/…)`. */
export function describeSource(source: ObjectSource, message = ''): string {
  const config = configNamedBy(source, message);
  const declaration = declarationOf(source);
  const where = config?.source ?? declaration ?? 'unknown source';
  const what = [config ? config.setting : undefined, `construct ${source.construct}`, config ? declaration : undefined]
    .filter((part): part is string => part !== undefined)
    .join('; ');
  return `${where} (${what})`;
}
