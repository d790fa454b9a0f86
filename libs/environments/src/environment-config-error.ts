// Configuration errors as values: every problem names where it is (file and line, or the variable or
// flag), which field, what is wrong and how to fix it. Callers print `format()` and exit with EXIT_CODE.

export interface ConfigIssue {
  /** Workspace-relative file (with :line:col when known), `env ENABLE_AZURE` or `flag --enable-aws`. */
  readonly source: string;
  /** Dotted field path inside the source, e.g. `clusters[1].cloud`; empty for the whole source. */
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
}

export class EnvironmentConfigError extends Error {
  /** Exit code of every command that stops on invalid configuration. */
  static readonly EXIT_CODE = 2;
  readonly exitCode = EnvironmentConfigError.EXIT_CODE;

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = 'EnvironmentConfigError';
  }
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map(
    (issue) => `  ${issue.source}${issue.field ? ` ${issue.field}` : ''}: ${issue.problem}\n    fix: ${issue.fix}`,
  );
  return `invalid environment configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}); nothing was written:\n${lines.join('\n')}`;
}
