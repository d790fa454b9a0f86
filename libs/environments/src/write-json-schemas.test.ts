import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from './write-json-schemas';

describe('generated JSON Schemas', () => {
  it('match the committed environments/schema files (run npm run environments:schema when this fails)', () => {
    for (const [file, text] of Object.entries(jsonSchemaFiles())) {
      const committed = readFileSync(resolve(import.meta.dirname, '../../../environments/schema', file), 'utf8');
      expect(JSON.parse(committed), file).toStrictEqual(JSON.parse(text));
    }
  });

  it('forbid the image tag latest through the tag pattern', () => {
    const images = JSON.parse(jsonSchemaFiles()['images.schema.json']!) as {
      properties: Record<string, { pattern: string }>;
    };
    expect(new RegExp(images.properties['api-gateway']!.pattern).test('latest')).toBe(false);
    expect(new RegExp(images.properties['api-gateway']!.pattern).test('1.4.2')).toBe(true);
  });
});
