// Sentinel error classes in the spirit of containerd's errdefs: callers branch on the
// class (isNotFound, ...) while the message names what was wrong and where.

export type ErrorCode = 'not_found' | 'already_exists' | 'invalid_argument' | 'failed_precondition' | 'unavailable';

export class RuntimeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = `RuntimeError(${code})`;
  }
}

const make = (code: ErrorCode) => (message: string, cause?: unknown) =>
  new RuntimeError(code, message, cause === undefined ? undefined : { cause });

export const notFound = make('not_found');
export const alreadyExists = make('already_exists');
export const invalidArgument = make('invalid_argument');
export const failedPrecondition = make('failed_precondition');
export const unavailable = make('unavailable');

export function codeOf(err: unknown): ErrorCode | undefined {
  return err instanceof RuntimeError ? err.code : undefined;
}

const is = (code: ErrorCode) => (err: unknown) => codeOf(err) === code;
export const isNotFound = is('not_found');
export const isAlreadyExists = is('already_exists');
export const isInvalidArgument = is('invalid_argument');
export const isFailedPrecondition = is('failed_precondition');
export const isUnavailable = is('unavailable');

// Errors cross the shim process boundary as plain objects; this keeps their class.
export interface SerializedError {
  code?: ErrorCode;
  message: string;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof RuntimeError) return { code: err.code, message: err.message };
  return { message: err instanceof Error ? err.message : String(err) };
}

export function deserializeError(e: SerializedError): Error {
  return e.code ? new RuntimeError(e.code, e.message) : new Error(e.message);
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
