// Writes environments/schema/*.schema.json from the zod schemas, so editors validate the YAML files with the
// same rules as the loader. Run: npm run environments:schema (a test fails when the committed files are stale).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentJsonSchemas } from './environment-schema';
import { workspaceRoot } from '@go-coffee/cli';

/** Serialized schema files keyed by file name, exactly as committed. */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentJsonSchemas()).map(([file, schema]) => [file, `${JSON.stringify(schema, null, 2)}\n`]),
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const dir = join(workspaceRoot(process.cwd()), 'environments', 'schema');
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(jsonSchemaFiles())) {
    writeFileSync(join(dir, file), text);
    console.log(`wrote environments/schema/${file}`);
  }
}
