// Where each configuration value that reaches rendered objects was written: the loader records, per
// ClusterContext, the environments/<file>.yaml line of every value it copies into the context (image tags,
// replica bounds, domains, classes, identities, Git source). The render's source map matches these values
// in the objects, so a finding can point at the line to edit instead of at the rendered file.
// Kept beside the context (a WeakMap), not in it: ClusterContext stays a plain value and its type unchanged.
import type { ClusterContext } from './cluster-context';

export interface ConfigSetting {
  /** What the value is, in ClusterContext terms: `images.api-gateway`, `sizing.maxReplicas`, `ingress.baseDomain`. */
  readonly setting: string;
  /** The value as rendered objects carry it (an image reference is `<registry>/<service>:<tag>`). */
  readonly value: string | number;
  /** The line to edit: `environments/<file>.yaml:<line>`. */
  readonly source: string;
  /** Other lines that feed the same value (the registry of an image reference). @default none */
  readonly alsoFrom?: readonly string[];
  /** Only object fields named one of these carry it (a bare number means nothing elsewhere). @default any field */
  readonly keys?: readonly string[];
  /** The value may be part of a longer string (a host under the base domain). @default false */
  readonly within?: boolean;
}

const SETTINGS = new WeakMap<ClusterContext, readonly ConfigSetting[]>();

/**
 * The configuration values of a context the loader built, each with the environments/ line it came from; empty
 * for contexts not built by the loader (test contexts, hand-written ones).
 */
export function configSettingsOf(ctx: ClusterContext): readonly ConfigSetting[] {
  return SETTINGS.get(ctx) ?? [];
}

/** Records where a loaded context's values came from (loader only). */
export function recordConfigSettings(ctx: ClusterContext, settings: readonly ConfigSetting[]): void {
  SETTINGS.set(ctx, settings);
}
