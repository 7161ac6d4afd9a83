// One error vocabulary for the whole domain, mapped once to HTTP status codes by the web app.
export type ErrorCode =
  | 'not_found'
  | 'already_exists'
  | 'invalid_argument'
  | 'failed_precondition'
  | 'conflict'
  | 'permission_denied'
  | 'unauthenticated'
  | 'payload_too_large'
  | 'resource_exhausted'
  | 'unavailable';

export class GovernanceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'GovernanceError';
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  already_exists: 409,
  invalid_argument: 400,
  failed_precondition: 412,
  conflict: 409,
  permission_denied: 403,
  unauthenticated: 401,
  payload_too_large: 413,
  resource_exhausted: 429,
  unavailable: 503,
};

export const notFound = (message: string, details?: Record<string, unknown>) =>
  new GovernanceError('not_found', message, details);
export const invalidArgument = (message: string, details?: Record<string, unknown>) =>
  new GovernanceError('invalid_argument', message, details);
export const failedPrecondition = (message: string, details?: Record<string, unknown>) =>
  new GovernanceError('failed_precondition', message, details);
export const unavailable = (message: string, details?: Record<string, unknown>) =>
  new GovernanceError('unavailable', message, details);
