import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsOnLine, runWhere } from './where-cli';

const root = resolve(import.meta.dirname, '../../..');
const deployment = 'gitops/prod-aws-us-east-1/core-services/deployment-go-coffee-api-gateway.yaml';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const lines = (text: string) => text.replace(/\n$/, '').split('\n');
  const code = runWhere(argv, {
    cwd: root,
    stdout: (text) => out.push(...lines(text)),
    stderr: (text) => err.push(...lines(text)),
  });
  return { code, out, err };
}

describe('where', () => {
  it('names the images file line for the image line of a rendered Deployment', () => {
    const text = readFileSync(resolve(root, deployment), 'utf8');
    const line = text.split('\n').findIndex((row) => row.trim().startsWith('image:')) + 1;
    const { code, out } = run([`${deployment}:${line}`]);
    expect(code).toBe(0);
    const imagesLine = readFileSync(resolve(root, 'environments/images/prod.yaml'), 'utf8')
      .split('\n')
      .findIndex((row) => row.startsWith('api-gateway:'));
    expect(out[0]).toBe(
      `spec.template.spec.containers[0].image: edit environments/images/prod.yaml:${imagesLine + 1} (images.api-gateway)`,
    );
    expect(out).toContain('  object       apps/v1 Deployment go-coffee/api-gateway');
    expect(out.some((row) => /^ {2}created at {3}libs\/workload-constructs\/src\/.+\.ts:\d+$/.test(row))).toBe(true);
  });

  it('exits 1 and says how to fix it for a file the source map does not know', () => {
    const { code, err } = run(['gitops/prod-aws-us-east-1/core-services/no-such-object.yaml']);
    expect(code).toBe(1);
    expect(err[0]).toContain('is not in gitops-source-map/; fix:');
  });

  it('exits 2 without exactly one argument', () => {
    expect(run([]).code).toBe(2);
  });

  it('finds the field paths of the scalars on a line', () => {
    expect(fieldsOnLine('a:\n  b:\n    - c: 1\n      "x.y": 2\n', 4)).toStrictEqual(['a.b[0]["x.y"]']);
  });
});
