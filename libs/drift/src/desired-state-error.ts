/** Git holds something the drift run cannot compare honestly (unreadable, ambiguous or invalid). Exit 2. */
export class DesiredStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesiredStateError';
  }
}
