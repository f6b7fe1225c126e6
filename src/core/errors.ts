/**
 * Errors with a stable code (for tests, logs and JSON) and an HTTP status. The message is for
 * the log; what a person reads comes from the i18n catalogue keyed by `code`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  /** Extra, safe-to-show details (e.g. field errors); never a dependency's message. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, status: number, message?: string, details?: Record<string, unknown>) {
    super(message ?? code);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super('not_found', 404, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'forbidden') {
    super('forbidden', 403, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'sign-in required') {
    super('unauthenticated', 401, message);
  }
}

/** Bad input that a person can correct; `details.fields` maps field names to message keys. */
export class ValidationError extends AppError {
  constructor(code = 'invalid_input', message?: string, details?: Record<string, unknown>) {
    super(code, 422, message, details);
  }
}

export class ConflictError extends AppError {
  constructor(code = 'conflict', message?: string) {
    super(code, 409, message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('cross_site_request', 403, 'cross-site request refused');
  }
}
