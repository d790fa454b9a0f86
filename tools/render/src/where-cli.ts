// The `where` command (entry: where.ts), `npm run where -- <gitops file>[:line]`: where a rendered object comes from, for people: the construct and the
// apps/ or libs/ line that created it, and the environments/ line of each configuration value in it. With a line,
// the value on that line of the rendered file first. Reads gitops-source-map/ (written by npm run render).
// Exit codes: 0 found; 1 the file is not in the source map (not rendered, or the map is stale: run npm run
// render); 2 usage error or an unreadable source map.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, LineCounter } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { childFieldPath, SourceMapError, SourceMapIndex } from '@go-coffee/source-map';
import type { ObjectSource } from '@go-coffee/source-map';
import type { CliIo } from '@go-coffee/cli';

/** Field paths (as the source map writes them) of the scalars on `line` of a rendered file. */
export function fieldsOnLine(text: string, line: number): string[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const found: string[] = [];
  const visit = (node: YamlNode | null | undefined, field: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        visit(pair.value as YamlNode, childFieldPath(field, String(pair.key.value)));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item as YamlNode, childFieldPath(field, index)));
    } else if (isScalar(node) && node.range && lines.linePos(node.range[0]).line === line) {
      found.push(field);
    }
  };
  visit(document.contents as YamlNode, '');
  return found;
}

function describe(path: string, source: ObjectSource, fields: readonly string[]): string[] {
  const out: string[] = [];
  const onLine = (source.config ?? []).filter((config) => fields.includes(config.field));
  for (const config of onLine) out.push(`${config.field}: edit ${config.source} (${config.setting})`);
  if (fields.length > 0 && onLine.length === 0 && source.source)
    out.push(`${fields.join(', ')}: set by ${source.source}`);
  out.push(path, `  object       ${source.object}`, `  construct    ${source.construct}`);
  if (source.source) out.push(`  created at   ${source.source}`);
  (source.callers ?? []).forEach((caller, index) =>
    out.push(`  ${index === 0 ? 'called from ' : '            '} ${caller}`),
  );
  for (const config of source.config ?? []) {
    const also = config.alsoFrom?.length ? `; also ${config.alsoFrom.join(', ')}` : '';
    out.push(`  config       ${config.field} = ${config.value} <- ${config.source} (${config.setting}${also})`);
  }
  return out;
}

export function runWhere(argv: readonly string[], io: Pick<CliIo, 'cwd' | 'stdout' | 'stderr'>): number {
  if (argv.length !== 1 || argv[0]!.startsWith('-')) {
    io.stderr(
      'usage: npm run where -- <gitops file>[:line]   e.g. gitops/dev-aws-us-east-1/core-services/deployment-go-coffee-api-gateway.yaml:40\n',
    );
    return 2;
  }
  const match = /^(.*?)(?::(\d+))?$/.exec(argv[0]!)!;
  const file = match[1]!;
  const line = match[2] === undefined ? undefined : Number(match[2]);
  let source: ObjectSource | undefined;
  try {
    source = new SourceMapIndex(io.cwd).lookup(file);
  } catch (error) {
    if (!(error instanceof SourceMapError)) throw error;
    io.stderr(`where: ${error.message}\n`);
    return 2;
  }
  if (!source) {
    io.stderr(
      `where: ${file} is not in gitops-source-map/; fix: pass a file under gitops/<cluster>/, and run npm run render if it is new\n`,
    );
    return 1;
  }
  let fields: string[] = [];
  if (line !== undefined) {
    try {
      fields = fieldsOnLine(readFileSync(resolve(io.cwd, file), 'utf8'), line);
    } catch (error) {
      io.stderr(`where: cannot read ${file} (${(error as Error).message}); fix: pass a rendered file that exists\n`);
      return 2;
    }
  }
  for (const text of describe(file, source, fields)) io.stdout(`${text}\n`);
  return 0;
}
