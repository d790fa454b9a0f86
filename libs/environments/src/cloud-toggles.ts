// Which clouds render, decided the way the platform guide's scripts decide it: ENABLE_AWS / ENABLE_GCP /
// ENABLE_AZURE environment variables, overridden by --enable-<cloud> / --disable-<cloud> flags, both over
// the `enabled` setting in the environment files.
import type { Cloud } from './cluster-context';
import { EnvironmentConfigError } from './environment-config-error';
import type { ConfigIssue } from './environment-config-error';

export type CloudToggles = Partial<Record<Cloud, boolean>>;

const CLOUD_LIST: readonly Cloud[] = ['aws', 'gcp', 'azure'];
const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'off']);

export interface ParsedCloudToggles {
  readonly toggles: CloudToggles;
  /** Arguments that were not cloud toggles, in their original order. */
  readonly rest: readonly string[];
}

/** Reads ENABLE_<CLOUD> from `env` and --enable-/--disable-<cloud> from `argv`; flags win. Throws EnvironmentConfigError. */
export function parseCloudToggles(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedCloudToggles {
  const issues: ConfigIssue[] = [];
  const toggles: Record<string, boolean> = {};
  for (const cloud of CLOUD_LIST) {
    const variable = `ENABLE_${cloud.toUpperCase()}`;
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const value = raw.trim().toLowerCase();
    if (TRUE_VALUES.has(value)) toggles[cloud] = true;
    else if (FALSE_VALUES.has(value)) toggles[cloud] = false;
    else
      issues.push({
        source: `env ${variable}`,
        field: '',
        problem: `"${raw}" is not a boolean`,
        fix: `set ${variable}=true or ${variable}=false, or unset it`,
      });
  }
  const fromFlags: Record<string, { value: boolean; flag: string }> = {};
  const rest: string[] = [];
  for (const arg of argv) {
    const match = /^--(enable|disable)-([a-z]+)$/.exec(arg);
    if (!match) {
      rest.push(arg);
      continue;
    }
    const [, verb, cloud] = match as unknown as [string, 'enable' | 'disable', string];
    if (!CLOUD_LIST.includes(cloud as Cloud)) {
      issues.push({
        source: `flag ${arg}`,
        field: '',
        problem: `unknown cloud "${cloud}"`,
        fix: `use --${verb}-aws, --${verb}-gcp or --${verb}-azure`,
      });
      continue;
    }
    const value = verb === 'enable';
    const earlier = fromFlags[cloud];
    if (earlier && earlier.value !== value) {
      issues.push({
        source: `flag ${arg}`,
        field: '',
        problem: `contradicts ${earlier.flag}`,
        fix: `pass only one of --enable-${cloud} and --disable-${cloud}`,
      });
      continue;
    }
    fromFlags[cloud] = { value, flag: arg };
    toggles[cloud] = value;
  }
  if (issues.length > 0) throw new EnvironmentConfigError(issues);
  return { toggles: toggles as CloudToggles, rest };
}
