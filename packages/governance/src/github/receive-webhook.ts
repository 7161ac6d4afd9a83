import { verify } from '@octokit/webhooks-methods';
import type { Prisma, PrismaClient } from '../db';
import { findInputProblem } from '../validation/input-rules';

export interface WebhookHeaders {
  signature: string | null; // X-Hub-Signature-256
  event: string | null; // X-GitHub-Event
  deliveryId: string | null; // X-GitHub-Delivery
  contentType: string | null;
}

export interface WebhookRequest extends WebhookHeaders {
  rawBody: string;
}

export interface WebhookAnswer {
  status: 202 | 200 | 400 | 401 | 413 | 503;
  body: { message: string; delivery?: string };
  queued: boolean;
}

/** GitHub caps webhook payloads at 25 MB; anything larger is not a delivery. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
// Real payloads nest about ten levels (pull_request.head.repo.owner…); jsonb cannot take thousands.
const MAX_PAYLOAD_DEPTH = 64;

const refuse = (status: WebhookAnswer['status'], message: string): WebhookAnswer => ({ status, body: { message }, queued: false });

/** The answer to a body over GitHub's cap, whether declared by Content-Length or found while reading. */
export const WEBHOOK_TOO_LARGE = refuse(413, `the body is larger than GitHub's ${MAX_WEBHOOK_BYTES / 1024 / 1024} MB webhook limit`);

/** Constant-time check of `sha256=<hex HMAC of the raw body>` (@octokit/webhooks-methods). */
export async function verifyWebhookSignature(secret: string, rawBody: string, signature: string | null): Promise<boolean> {
  if (!signature || !rawBody) return false;
  return verify(secret, rawBody, signature);
}

/**
 * What can be refused from the headers alone, before the body is read: webhooks off, no signature,
 * no event or delivery id, a declared length over GitHub's cap. Null when the body is worth reading.
 */
export function precheckWebhook(secret: string | null, headers: WebhookHeaders & { contentLength?: string | null }): WebhookAnswer | null {
  if (!secret) return refuse(503, 'Webhooks are off: GITHUB_WEBHOOK_SECRET is not set');
  if (!headers.signature?.startsWith('sha256=')) return refuse(401, 'X-Hub-Signature-256 is missing or does not match the body');
  if (!headers.event || !headers.deliveryId) return refuse(400, 'X-GitHub-Event and X-GitHub-Delivery are required');
  if (headers.contentLength && Number(headers.contentLength) > MAX_WEBHOOK_BYTES) return WEBHOOK_TOO_LARGE;
  return null;
}

/**
 * Receives one delivery: verifies the signature over the raw body before anything else, checks the
 * payload is a JSON object the database can store, then records it once per X-GitHub-Delivery (a
 * redelivery finds the row and changes nothing) and leaves the work to the queue, so GitHub gets its
 * answer at once.
 */
export async function receiveWebhook(prisma: PrismaClient, secret: string | null, request: WebhookRequest): Promise<WebhookAnswer> {
  const early = precheckWebhook(secret, request);
  if (early) return early;
  if (!(await verifyWebhookSignature(secret!, request.rawBody, request.signature))) return refuse(401, 'X-Hub-Signature-256 is missing or does not match the body');
  let payload: unknown;
  try {
    // A hook configured as application/x-www-form-urlencoded sends the JSON in a `payload` field.
    const json = request.contentType?.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.rawBody).get('payload') ?? '' : request.rawBody;
    payload = JSON.parse(json);
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  // Signed is not the same as well-formed: a secret can leak, and a bug can sign anything.
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return refuse(400, `payload: expected a JSON object, got ${payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload}`);
  }
  const problem = findInputProblem(payload, { root: 'payload', maxDepth: MAX_PAYLOAD_DEPTH });
  if (problem) return refuse(400, `${problem.path.startsWith('payload') ? problem.path : `payload.${problem.path}`}: ${problem.problem}`);
  const fields = payload as Record<string, unknown>;
  const repository = (fields.repository as { full_name?: unknown } | null | undefined)?.full_name;
  const created = await prisma.githubWebhookDelivery.createMany({
    data: [
      {
        deliveryId: request.deliveryId!,
        event: request.event!,
        action: typeof fields.action === 'string' ? fields.action : null,
        repository: typeof repository === 'string' ? repository : null,
        payload: payload as Prisma.InputJsonValue,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) return { status: 200, body: { message: 'already received', delivery: request.deliveryId! }, queued: false };
  return { status: 202, body: { message: 'queued', delivery: request.deliveryId! }, queued: true };
}
