// Prometheus durations (`for`, `interval`, retention): units in descending order, each at most once, as the
// Prometheus model parser accepts them. Seconds are returned so callers can compare durations.

const PROMETHEUS_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_SECONDS = [365 * 86_400, 7 * 86_400, 86_400, 3_600, 60, 1, 0.001] as const;

/** Seconds in a Prometheus duration such as `5m` or `1h30m`; throws naming `where` when it is not one. */
export function prometheusDurationSeconds(value: string, where: string): number {
  const match = PROMETHEUS_DURATION.exec(value);
  if (value === '' || match === null) {
    throw new Error(`${where}: "${value}" is not a Prometheus duration; write it like "30s", "5m", "2h" or "1h30m"`);
  }
  return UNIT_SECONDS.reduce((total, unit, index) => total + Number(match[index + 1] ?? 0) * unit, 0);
}
