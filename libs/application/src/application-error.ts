/** What an application error means to the caller; the HTTP layer maps each kind to a status. */
export type ApplicationErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'precondition_failed' | 'invalid';

/**
 * An error of a use case rather than of a rule: the object does not exist (or must not be shown),
 * the caller may not act, or the request conflicts with what is stored. `code` is stable.
 */
export class ApplicationError extends Error {
  constructor(
    readonly kind: ApplicationErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApplicationError';
  }

  static notFound(code: string, message: string, details?: Record<string, unknown>): ApplicationError {
    return new ApplicationError('not_found', code, message, details);
  }

  static forbidden(code: string, message: string, details?: Record<string, unknown>): ApplicationError {
    return new ApplicationError('forbidden', code, message, details);
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>): ApplicationError {
    return new ApplicationError('conflict', code, message, details);
  }

  static invalid(code: string, message: string, details?: Record<string, unknown>): ApplicationError {
    return new ApplicationError('invalid', code, message, details);
  }
}
