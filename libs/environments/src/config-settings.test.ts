import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSettingsOf } from './config-settings';
import { loadEnvironment } from './load-environment';
import { testClusterContext } from '../test-support';

const root = resolve(import.meta.dirname, '../../..');
const lineText = (location: string): string => {
  const [file, line] = location.split(':') as [string, string];
  return readFileSync(resolve(root, file), 'utf8').split('\n')[Number(line) - 1]!;
};

describe('configSettingsOf', () => {
  const [cluster] = loadEnvironment('prod', { workspaceRoot: root }).clusters;
  const settings = configSettingsOf(cluster!);
  const byName = (name: string) => settings.find((setting) => setting.setting === name)!;

  it('puts every image on the line of the images file that pins its tag, the registry line beside it', () => {
    const image = byName('images.api-gateway');
    expect(image.value).toBe(`${cluster!.images['api-gateway'].repository}:${cluster!.images['api-gateway'].tag}`);
    expect(image.source).toMatch(/^environments\/images\/prod\.yaml:\d+$/);
    expect(lineText(image.source)).toBe(`api-gateway: ${cluster!.images['api-gateway'].tag}`);
    expect(lineText(image.alsoFrom![0]!)).toBe('imageRegistry: ghcr.io/go-coffee');
  });

  it("puts the replica bounds on the environment's choice of sizing profile, the profile's number beside it", () => {
    const max = byName('sizing.maxReplicas');
    expect(max).toMatchObject({ value: cluster!.sizing.maxReplicas, keys: ['maxReplicas'] });
    expect(max.source).toMatch(/^environments\/prod\.yaml:\d+$/);
    expect(lineText(max.source)).toBe('sizing: large');
    expect(lineText(max.alsoFrom![0]!).trim()).toBe(`maxReplicas: ${cluster!.sizing.maxReplicas}`);
  });

  it('finds a value in the file that states it: defaults unless the environment overrides it', () => {
    expect(lineText(byName('ingress.baseDomain').source)).toBe('baseDomain: go-coffee.com');
    expect(byName('ingress.baseDomain').source).toMatch(/^environments\/prod\.yaml:/);
    expect(lineText(byName('gitops.repoURL').source).trim()).toBe(`repoURL: ${cluster!.gitops.repoURL}`);
  });

  it('leaves out values an option overrides, and knows nothing of contexts it did not load', () => {
    const [mirrored] = loadEnvironment('prod', {
      workspaceRoot: root,
      sources: { gitopsRepoURL: 'git://127.0.0.1/x.git' },
    }).clusters;
    expect(configSettingsOf(mirrored!).some((setting) => setting.setting === 'gitops.repoURL')).toBe(false);
    expect(configSettingsOf(testClusterContext())).toStrictEqual([]);
  });
});
