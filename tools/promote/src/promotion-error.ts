// The one error of promote: a message a person can act on and the exit code it maps to.

export class PromotionError extends Error {
  constructor(
    message: string,
    /** 1 refused · 2 usage (unknown service, environment or ref; branch exists) · 3 render or policy tool failed. */
    readonly exitCode: 1 | 2 | 3,
  ) {
    super(message);
    this.name = 'PromotionError';
  }
}
