// Validation of the names and durations constructs accept, so a typo fails at render time with the
// construct and the fix named, instead of at `kubectl apply` time (or never, for label values).

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
/** Go-style durations as used by Prometheus Operator and External Secrets: `30s`, `1m30s`, `1h`. */
const DURATION = /^([0-9]+(ms|s|m|h))+$/;

/** Throws unless `value` is an RFC 1123 DNS label (names of Services, Deployments, ports' owners, …). */
export function assertDnsLabel(value: string, what: string): void {
  if (!DNS_LABEL.test(value)) {
    throw new Error(
      `${what} "${value}" is not a valid Kubernetes name: use at most 63 lowercase letters, digits and '-', ` +
        `starting and ending with a letter or digit`,
    );
  }
}

/** Throws unless `value` is an RFC 1123 DNS subdomain (names that may contain dots, such as KafkaTopics). */
export function assertDnsSubdomain(value: string, what: string): void {
  if (!DNS_SUBDOMAIN.test(value) || value.split('.').some((part) => part === '')) {
    throw new Error(
      `${what} "${value}" is not a valid Kubernetes name: use at most 253 lowercase letters, digits, '-' and '.', ` +
        `starting and ending with a letter or digit`,
    );
  }
}

/** Throws unless `value` is a valid label value (63 characters, alphanumerics, '-', '_', '.'). */
export function assertLabelValue(value: string, what: string): void {
  if (!LABEL_VALUE.test(value) || value.length > 63) {
    throw new Error(
      `${what} "${value}" is not a valid label value: use at most 63 letters, digits, '-', '_' and '.', ` +
        `starting and ending with a letter or digit`,
    );
  }
}

/** Throws unless `value` is a Go-style duration such as `30s` or `1h`. */
export function assertDuration(value: string, what: string): void {
  if (!DURATION.test(value)) {
    throw new Error(`${what} "${value}" is not a duration: write it like "30s", "5m" or "1h"`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function assertIntegerInRange(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what} is ${value}: expected an integer from ${min} to ${max}`);
  }
}

/** Seconds in a Go-style duration already checked by assertDuration. */
export function durationSeconds(value: string): number {
  const unitSeconds: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/([0-9]+)(ms|s|m|h)/g)) {
    total += Number(amount) * unitSeconds[unit!]!;
  }
  return total;
}
