// Sentinel error classes in the spirit of containerd's errdefs: callers branch on the
// class (isNotFound, ...) while the message names what was wrong and where.

export type ErrorCode =
  | 'not_found'
  | 'already_exists'
  | 'invalid_argument'
  | 'failed_precondition'
  | 'unavailable'
  | 'permission_denied'
  | 'resource_exhausted'
  | 'internal'
  | 'unknown';

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
export const permissionDenied = make('permission_denied');
export const resourceExhausted = make('resource_exhausted');
export const internal = make('internal');

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

// System errors (errno) by the errdefs class a caller can act on.
const ERRNO_CODES: Record<string, ErrorCode> = {
  ENOENT: 'not_found',
  EEXIST: 'already_exists',
  ENOTEMPTY: 'failed_precondition',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
  EROFS: 'permission_denied',
  EISDIR: 'invalid_argument',
  ENOTDIR: 'invalid_argument',
  EINVAL: 'invalid_argument',
  ENAMETOOLONG: 'invalid_argument',
  ELOOP: 'invalid_argument',
  ENOSPC: 'resource_exhausted',
  EDQUOT: 'resource_exhausted',
  EMFILE: 'resource_exhausted',
  ENFILE: 'resource_exhausted',
  ENOMEM: 'resource_exhausted',
  EBUSY: 'unavailable',
  EAGAIN: 'unavailable',
};

// Any error as a RuntimeError: errno errors keep Node's message (it names the path) under the
// matching class; what nothing classifies is "unknown", never bare.
export function toRuntimeError(err: unknown): RuntimeError {
  if (err instanceof RuntimeError) return err;
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  const code = (typeof errno === 'string' && ERRNO_CODES[errno]) || (typeof errno === 'string' && errno.startsWith('ERR_') ? 'internal' : 'unknown');
  return new RuntimeError(code, messageOf(err), { cause: err });
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
