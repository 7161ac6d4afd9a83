import { ZodError } from 'zod';

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

/** An error as every HTTP answer and form states it: status, code, a message naming the field, and details. */
export interface ErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** "milestones.RC.planned.date: Invalid input; note: Too big…": each problem named by its field path. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/**
 * The one mapping from errors to their answer, as containerd maps errdefs once: a GovernanceError
 * keeps its code, a zod validation error is invalid_argument naming its fields; anything else is a
 * bug (null: let it surface as a 500).
 */
export function describeError(error: unknown): ErrorAnswer | null {
  if (error instanceof GovernanceError) return { status: HTTP_STATUS[error.code], code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof ZodError) return { status: 400, code: 'invalid_argument', message: describeZodError(error), details: { fields: error.issues.map((issue) => issue.path.join('.')) } };
  return null;
}
