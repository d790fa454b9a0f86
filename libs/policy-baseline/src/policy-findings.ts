// Policy results as comparable findings. Both sides of a comparison (a base ref and the change under
// review) are flattened into findings keyed by what a reviewer would call "the same violation": the file
// the object lives in (relative to the repository root), the policy namespace, the rule and the message.
// Line numbers are deliberately not part of the key: an unrelated edit above an object moves its line.

/** One verdict as conftest's JSON (and policy-check's) reports it. */
export interface PolicyVerdict {
  readonly msg: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** One conftest result: a file (or `Combined`) tested against one policy namespace. */
export interface PolicyResultSet {
  readonly filename: string;
  readonly namespace: string;
  readonly successes?: number;
  readonly warnings?: readonly PolicyVerdict[];
  readonly failures?: readonly PolicyVerdict[];
  readonly exceptions?: readonly PolicyVerdict[];
}

export type FindingKind = 'failure' | 'warning' | 'exception';

export interface PolicyFinding {
  readonly kind: FindingKind;
  /** Repository-relative path of the object's file (cross-document rules: the file they name). */
  readonly file: string;
  readonly namespace: string;
  /** The verdict rule's query, e.g. `data.main.pod_security.deny_privileged`; `''` for exceptions. */
  readonly rule: string;
  readonly msg: string;
  /** Identity used to match findings across refs. */
  readonly key: string;
}

/** Maps a result's filename to a repository-relative path (callers know where each side was checked). */
export type FileMapper = (filename: string) => string;

const KIND_ORDER: Record<FindingKind, number> = { failure: 0, warning: 1, exception: 2 };

export function compareFindings(a: PolicyFinding, b: PolicyFinding): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.file.localeCompare(b.file) ||
    a.namespace.localeCompare(b.namespace) ||
    a.rule.localeCompare(b.rule) ||
    a.msg.localeCompare(b.msg)
  );
}

/** Flattens results into sorted findings; duplicates (same key) are kept, each counts once. */
export function flattenFindings(results: readonly PolicyResultSet[], mapFile: FileMapper = (f) => f): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const result of results) {
    const lists: [FindingKind, readonly PolicyVerdict[] | undefined][] = [
      ['failure', result.failures],
      ['warning', result.warnings],
      ['exception', result.exceptions],
    ];
    for (const [kind, verdicts] of lists) {
      for (const verdict of verdicts ?? []) {
        // Cross-document rules report under `Combined` and name the file they are about in metadata.path.
        const named = verdict.metadata?.path;
        const file = mapFile(typeof named === 'string' && result.filename === 'Combined' ? named : result.filename);
        const rule = typeof verdict.metadata?.query === 'string' ? verdict.metadata.query : '';
        const key = JSON.stringify([kind, file, result.namespace, rule, verdict.msg]);
        findings.push({ kind, file, namespace: result.namespace, rule, msg: verdict.msg, key });
      }
    }
  }
  return findings.sort(compareFindings);
}

export interface FindingDelta {
  /** On the head side only. */
  readonly introduced: PolicyFinding[];
  /** On the base side only. */
  readonly resolved: PolicyFinding[];
  /** On both sides. */
  readonly persisting: PolicyFinding[];
}

/**
 * Splits findings into introduced / resolved / persisting. Matching is by key as a multiset, so two
 * identical messages on the base and three on the head make one introduced finding.
 */
export function diffFindings(base: readonly PolicyFinding[], head: readonly PolicyFinding[]): FindingDelta {
  const remaining = new Map<string, number>();
  for (const finding of base) remaining.set(finding.key, (remaining.get(finding.key) ?? 0) + 1);
  const introduced: PolicyFinding[] = [];
  const persisting: PolicyFinding[] = [];
  for (const finding of head) {
    const left = remaining.get(finding.key) ?? 0;
    if (left > 0) {
      remaining.set(finding.key, left - 1);
      persisting.push(finding);
    } else introduced.push(finding);
  }
  const resolved: PolicyFinding[] = [];
  for (const finding of base) {
    const left = remaining.get(finding.key) ?? 0;
    if (left > 0) {
      remaining.set(finding.key, left - 1);
      resolved.push(finding);
    }
  }
  return { introduced, resolved, persisting };
}
