// A git command that failed, or a ref git does not know. Tools map these to their own exit codes
// (usage error for an unknown ref: the caller named it).

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export class UnknownRefError extends GitError {
  constructor(
    readonly ref: string,
    readonly repository: string,
  ) {
    super(
      `unknown git ref "${ref}"; fix: pass a branch, tag or SHA that exists in ${repository} ` +
        '(in CI check out the full history: actions/checkout with fetch-depth: 0)',
    );
    this.name = 'UnknownRefError';
  }
}
