import { describe, expect, it } from 'vitest';
import { ImageVersionsError, readImageTags, setImageTags } from './image-versions-file';

const FILE = `# yaml-language-server: $schema=../schema/images.schema.json
# Image tag per service in prod.

api-gateway: 1.3.2 # pinned after INC-42
# payments move only with a change ticket
web3-payment-service: 1.3.2
kitchen-service: '1.3.2'
`;

describe('setImageTags', () => {
  it('changes only the tag, keeping every comment, blank line, order and quoting style', () => {
    const edited = setImageTags(
      FILE,
      'prod.yaml',
      new Map([
        ['api-gateway', '1.4.0'],
        ['kitchen-service', '1.4.0'],
      ]),
    );
    expect(edited).toBe(
      FILE.replace('api-gateway: 1.3.2', 'api-gateway: 1.4.0').replace(
        "kitchen-service: '1.3.2'",
        "kitchen-service: '1.4.0'",
      ),
    );
  });

  it('refuses a service the file does not list, naming the fix', () => {
    expect(() => setImageTags(FILE, 'prod.yaml', new Map([['brewer', '1.0.0']]))).toThrow(
      new ImageVersionsError('prod.yaml: no entry for brewer; fix: add "brewer: <tag>" to the file first'),
    );
  });
});

describe('readImageTags', () => {
  it('reads service to tag', () => {
    expect([...readImageTags(FILE, 'prod.yaml')]).toStrictEqual([
      ['api-gateway', '1.3.2'],
      ['web3-payment-service', '1.3.2'],
      ['kitchen-service', '1.3.2'],
    ]);
  });
});
