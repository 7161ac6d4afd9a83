import { ZodError, type ZodType } from 'zod';
import { assertCleanInput, describeError, findUrlProblem, GovernanceError, invalidArgument, type Actor } from '@shepherd/governance';
import type { PrismaClient } from '@shepherd/governance/db/index';
import { prisma } from './database';
import { errorResponse, refuse } from './errors';
import { originFromHeaders } from './http';
import { actorFromRequest } from './session';

// The one wrapper for route handlers that need to know who asks: it resolves the actor (Bearer
// token or session cookie), refuses cross-site cookie-authenticated writes (CSRF), maps domain
// errors to HTTP once, and turns zod errors into messages that name the field. Path and query
// parameters and JSON bodies are checked for text the database cannot store, and bodies are capped
// while they stream. Authorization itself happens in governance (runMutation / authorize), so no
// handler can forget it. Server actions use `actionResult` below; proxy.ts checks their Origin.

/** JSON bodies of the API: the largest real one (a policy list) is a few KiB. */
export const MAX_JSON_BYTES = 128 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteContext<P> {
  request: Request;
  actor: Actor;
  prisma: PrismaClient;
  params: P;
}

type Handler<P> = (context: RouteContext<P>) => Promise<unknown>;

/**
 * A cookie-authenticated write must come from our own pages: `Sec-Fetch-Site: same-origin` (every
 * current browser sends it) or, failing that, an `Origin` equal to ours. Bearer-token requests carry
 * no ambient credential and are exempt.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && origin === originFromHeaders(request.headers);
}

/** Wraps a route handler: `export const PATCH = withActor(async ({ actor, prisma, request, params }) => …)`. */
export function withActor<P = Record<string, never>>(handler: Handler<P>, options: { status?: number } = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const resolved = await actorFromRequest(request);
    if ('invalidToken' in resolved) return refuse('unauthenticated', 'The API token is unknown, revoked or expired (send it as Authorization: Bearer shp_…).');
    if (resolved.via === 'cookie' && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      return refuse('permission_denied', 'Cross-site request refused: send cookie-authenticated writes from Shepherd pages, or use an API token.');
    }
    try {
      const params = await context.params;
      assertCleanParameters(request, params as Record<string, unknown>);
      const result = await handler({ request, actor: resolved.actor, prisma: await prisma(), params });
      if (result instanceof Response) return result;
      return Response.json(result, { status: options.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Path parameters, the rest of the path and the query string: each named by itself when it holds unstorable text. */
export function assertCleanParameters(request: Request, params: Record<string, unknown> = {}): void {
  for (const [name, value] of Object.entries(params)) assertCleanInput(value, { root: name });
  const problem = findUrlProblem(new URL(request.url));
  if (problem) throw invalidArgument(`${problem.path}: ${problem.problem}`, { field: problem.path });
}

/**
 * The body as text, refused with 413 once it passes `limit` bytes: by Content-Length before any
 * byte is read, else while it streams, so a huge body is never held in memory.
 */
export async function readBody(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new GovernanceError('payload_too_large', `body: larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KiB`}`);
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body of at most `limit` bytes whose strings the database can store; `expected` describes it in the error. */
export async function readJson(request: Request, options: { limit?: number; expected?: string } = {}): Promise<unknown> {
  const text = await readBody(request, options.limit ?? MAX_JSON_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GovernanceError('invalid_argument', `body: expected ${options.expected ?? 'a JSON object'}`);
  }
  assertCleanInput(body);
  return body;
}

/** Parses a JSON body with a zod schema; errors name the field. */
export async function parseBody<T>(request: Request, schema: ZodType<T>): Promise<T> {
  return schema.parse(await readJson(request));
}

/** What was typed into a form, by field name (several values for checkbox groups); secrets left out. */
export type FormValues = Record<string, string | string[]>;

/** What a server action answers its form. */
export interface ActionResult {
  ok: boolean;
  /** Success: what changed. Refusal: the problems in plain words (each also under `fieldErrors`). */
  message: string;
  /** A plain message per form field that was refused, by the field's name in the form. */
  fieldErrors?: Record<string, string>;
  /** The input as submitted, so a refused form shows what was typed instead of resetting. */
  values?: FormValues;
  /** A secret shown once (a new API token or password). */
  secret?: string;
}

/** Field names whose values never travel back to the browser. */
const SECRET_FIELDS = /password|secret|token/i;

export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const name of new Set(form.keys())) {
    if (SECRET_FIELDS.test(name) || name.startsWith('$')) continue;
    const all = form.getAll(name).filter((value): value is string => typeof value === 'string');
    if (all.length) values[name] = all.length === 1 ? all[0] : all;
  }
  return values;
}

/** A zod issue as a person reads it, without the schema's vocabulary. */
function plainIssue(issue: ZodError['issues'][number]): string {
  if (issue.code === 'too_big') return issue.origin === 'string' ? `at most ${issue.maximum} characters` : issue.origin === 'array' ? `at most ${issue.maximum} entries` : `at most ${issue.maximum}`;
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : `at least ${issue.minimum} characters`;
    return issue.origin === 'array' ? `at least ${issue.minimum} entries` : `at least ${issue.minimum}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  return issue.message;
}

export interface ActionOptions {
  /**
   * The form field a domain field path belongs to ("milestones.RC.planned.date" → "RC.planned").
   * Default: the longest leading part of the path that is a field of the form.
   */
  fieldOf?: (path: string) => string | null;
}

function defaultFieldOf(form: FormData | undefined) {
  const names = new Set(form ? form.keys() : []);
  return (path: string) => {
    for (let parts = path.split('.'); parts.length; parts = parts.slice(0, -1)) if (names.has(parts.join('.'))) return parts.join('.');
    return null;
  };
}

/**
 * Runs a server action's work and turns domain and validation errors into the form's answer: a
 * plain message per field, and the input as typed. Pass the form so its fields are checked for text
 * the database cannot store before anything runs, and so a refusal can give the input back.
 */
export async function actionResult(run: () => Promise<string | ActionResult>, form?: FormData, options: ActionOptions = {}): Promise<ActionResult> {
  try {
    if (form) for (const [name, value] of form) if (typeof value === 'string') assertCleanInput(value, { root: name });
    const outcome = await run();
    return typeof outcome === 'string' ? { ok: true, message: outcome } : outcome;
  } catch (error) {
    const described = describeError(error);
    if (!described) throw error;
    const fieldOf = options.fieldOf ?? defaultFieldOf(form);
    const fieldErrors: Record<string, string> = {};
    const loose: string[] = [];
    // A problem the form has no field for keeps its path: it is the only way to find it (a JSON textarea).
    const place = (path: string, text: string, unplaced = text) => {
      const name = fieldOf(path);
      if (name) fieldErrors[name] ??= text;
      else loose.push(unplaced);
    };
    if (error instanceof ZodError) for (const issue of error.issues) place(issue.path.join('.'), plainIssue(issue), issue.path.length ? `${issue.path.join('.')}: ${plainIssue(issue)}` : plainIssue(issue));
    else if (typeof described.details?.field === 'string') {
      const path = described.details.field;
      place(path, described.message.startsWith(`${path}: `) ? described.message.slice(path.length + 2) : described.message, described.message);
    } else loose.push(described.message);
    const message = [...loose, ...Object.values(fieldErrors)].join('; ');
    return { ok: false, message, ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}), ...(form ? { values: formValues(form) } : {}) };
  }
}
