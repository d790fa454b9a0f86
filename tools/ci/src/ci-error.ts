// The one error type of the CI entry points: a message a person can act on and the exit code it maps to.

/** Exit codes of every `npm run ci:*` command. */
export const CI_EXIT = {
  /** The gate holds. */
  pass: 0,
  /** The gate found a problem (stale tree, failing target, new policy violation, drift check broken). */
  failed: 1,
  /** Bad arguments or a checkout the gate cannot judge (unknown ref, wrong commit checked out, dirty tree). */
  usage: 2,
  /** A step ended without a verdict (a tool crashed or is missing). */
  noVerdict: 3,
} as const;

export type CiExitCode = (typeof CI_EXIT)[keyof typeof CI_EXIT];

export class CiError extends Error {
  constructor(
    message: string,
    readonly exitCode: CiExitCode,
  ) {
    super(message);
    this.name = 'CiError';
  }
}
