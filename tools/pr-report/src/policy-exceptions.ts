// Who owns each waived violation and until when. policy-check reports an exception the conftest way
// (`data.<namespace>.exception[_][_] == "<rule>"` on a file); the owner, reason and expiry live in the
// exception entries of policies/data.yaml, matched here on policy namespace, rule and object.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PolicyFinding } from '@go-coffee/policy-baseline';
import { refOf } from '@go-coffee/kube-objects';
import { parseObjects, type GitopsSnapshot } from './gitops-snapshot';

export interface ExceptionEntry {
  readonly policy: string;
  readonly rules: readonly string[];
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly owner: string;
  readonly reason: string;
  readonly expires: string;
}

export interface ExceptedFinding {
  readonly finding: PolicyFinding;
  readonly rule: string;
  readonly owner: string;
  readonly expires: string;
  readonly reason: string;
}

/** The exception entries of `<root>/policies/data.yaml` (none when the file or the key is absent). */
export function readExceptionEntries(root: string): ExceptionEntry[] {
  const file = join(root, 'policies', 'data.yaml');
  if (!existsSync(file)) return [];
  const data = parse(readFileSync(file, 'utf8')) as { exceptions?: unknown } | null;
  return Array.isArray(data?.exceptions) ? (data.exceptions as ExceptionEntry[]) : [];
}

const EXCEPTION_MESSAGE = /^data\.(.+)\.exception\[_\]\[_\] == "(.+)"$/;

/** Attaches owner, expiry and reason to each exception finding; unmatched ones say so instead of guessing. */
export function describeExceptions(
  findings: readonly PolicyFinding[],
  entries: readonly ExceptionEntry[],
  snapshot: GitopsSnapshot,
): ExceptedFinding[] {
  return findings
    .filter((finding) => finding.kind === 'exception')
    .map((finding) => {
      const [, namespace = finding.namespace, rule = finding.msg] = EXCEPTION_MESSAGE.exec(finding.msg) ?? [];
      const text = snapshot.get(finding.file)?.text;
      const objects = text === undefined ? [] : parseObjects(text).map(refOf);
      const entry = entries.find(
        (candidate) =>
          candidate.policy === namespace &&
          Array.isArray(candidate.rules) &&
          candidate.rules.includes(rule) &&
          objects.some(
            (object) =>
              object.kind === candidate.kind &&
              object.name === candidate.name &&
              object.namespace === (candidate.namespace ?? ''),
          ),
      );
      return {
        finding,
        rule: `${namespace}.${rule}`,
        owner: entry?.owner ?? 'unknown (no matching entry in policies/data.yaml)',
        expires: entry?.expires ?? 'unknown',
        reason: entry?.reason ?? '',
      };
    });
}
