import { describe, expect, it } from 'vitest';
import { parseCloudToggles } from './cloud-toggles';
import { EnvironmentConfigError } from './environment-config-error';

describe('parseCloudToggles', () => {
  it('reads ENABLE_<CLOUD> variables and lets flags override them', () => {
    expect(
      parseCloudToggles(['--env', 'prod', '--enable-aws', '--disable-azure'], {
        ENABLE_AWS: 'false',
        ENABLE_GCP: 'true',
        ENABLE_AZURE: '1',
      }),
    ).toStrictEqual({ toggles: { aws: true, gcp: true, azure: false }, rest: ['--env', 'prod'] });
  });

  it('ignores unset and empty variables', () => {
    expect(parseCloudToggles([], { ENABLE_AZURE: '' })).toStrictEqual({ toggles: {}, rest: [] });
  });

  it('rejects a non-boolean variable, an unknown cloud flag and contradicting flags together', () => {
    let error: unknown;
    try {
      parseCloudToggles(['--enable-ibm', '--enable-gcp', '--disable-gcp'], { ENABLE_AWS: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvironmentConfigError);
    expect((error as EnvironmentConfigError).issues.map((i) => `${i.source}: ${i.fix}`)).toStrictEqual([
      'env ENABLE_AWS: set ENABLE_AWS=true or ENABLE_AWS=false, or unset it',
      'flag --enable-ibm: use --enable-aws, --enable-gcp or --enable-azure',
      'flag --disable-gcp: pass only one of --enable-gcp and --disable-gcp',
    ]);
  });
});
