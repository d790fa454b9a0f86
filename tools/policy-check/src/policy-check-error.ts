// Fail-closed errors of policy-check. Each has its own exit code (never 1, which means "policy failures")
// and a message naming the file and the fix, so a broken gate can never look like a passing one.

/** Exit codes, as documented in tools/policy-check/README.md. 0/1 (and 2 with --fail-on-warn) mean what they mean in conftest. */
export const EXIT = {
  ok: 0,
  failures: 1,
  failuresWithFailOnWarn: 2,
  noPolicies: 3,
  noInputFiles: 4,
  malformedYaml: 5,
  badBundle: 6,
  missingBuiltins: 7,
  duplicateIdentity: 8,
  evaluationError: 9,
  usage: 10,
  notPlainInput: 11,
} as const;

export type FailClosedReason = Exclude<keyof typeof EXIT, 'ok' | 'failures' | 'failuresWithFailOnWarn'>;

export class PolicyCheckError extends Error {
  readonly exitCode: number;

  constructor(
    readonly reason: FailClosedReason,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyCheckError';
    this.exitCode = EXIT[reason];
  }
}
