/**
 * Errors that end a command. Handlers throw them; only src/index.ts turns them into a message and an exit code.
 */

/** Exit codes, fixed by the core issue and documented in the README. */
export const EXIT = {
  ok: 0,
  /** Unexpected internal error. */
  internal: 1,
  /** Usage or configuration error. */
  usage: 2,
  /** Findings at or above the --fail-on threshold. */
  findings: 3,
  /** One or more hosts failed collection (and nothing at or above the threshold). */
  hostsFailed: 4,
} as const;

/** Leave with a code; `message`, when given, is printed to stderr. */
export class ExitError extends Error {
  readonly code: number;
  constructor(code: number, message = '', options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ExitError';
    this.code = code;
  }
}

/** A mistake by the user (bad flag, bad config, unreadable file): a plain message and exit code 2, no stack. */
export class UserError extends ExitError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(EXIT.usage, message, options);
    this.name = 'UserError';
  }
}
