import { verify } from '@octokit/webhooks-methods';
import type { Prisma, PrismaClient } from '../db';

export interface WebhookRequest {
  rawBody: string;
  signature: string | null; // X-Hub-Signature-256
  event: string | null; // X-GitHub-Event
  deliveryId: string | null; // X-GitHub-Delivery
  contentType: string | null;
}

export interface WebhookAnswer {
  status: 202 | 200 | 400 | 401 | 503;
  body: { message: string; delivery?: string };
  queued: boolean;
}

/** Constant-time check of `sha256=<hex HMAC of the raw body>` (@octokit/webhooks-methods). */
export async function verifyWebhookSignature(secret: string, rawBody: string, signature: string | null): Promise<boolean> {
  if (!signature || !rawBody) return false;
  return verify(secret, rawBody, signature);
}

/**
 * Receives one delivery: verifies the signature over the raw body before anything else, then
 * records it once per X-GitHub-Delivery (a redelivery finds the row and changes nothing) and
 * leaves the work to the queue, so GitHub gets its answer at once.
 */
export async function receiveWebhook(prisma: PrismaClient, secret: string | null, request: WebhookRequest): Promise<WebhookAnswer> {
  if (!secret) return { status: 503, body: { message: 'Webhooks are off: GITHUB_WEBHOOK_SECRET is not set' }, queued: false };
  if (!(await verifyWebhookSignature(secret, request.rawBody, request.signature))) {
    return { status: 401, body: { message: 'X-Hub-Signature-256 is missing or does not match the body' }, queued: false };
  }
  if (!request.event || !request.deliveryId) return { status: 400, body: { message: 'X-GitHub-Event and X-GitHub-Delivery are required' }, queued: false };
  let payload: Record<string, unknown>;
  try {
    // A hook configured as application/x-www-form-urlencoded sends the JSON in a `payload` field.
    const json = request.contentType?.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.rawBody).get('payload') ?? '' : request.rawBody;
    payload = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { status: 400, body: { message: 'the body is not JSON' }, queued: false };
  }
  const repository = (payload.repository as { full_name?: string } | undefined)?.full_name ?? null;
  const created = await prisma.githubWebhookDelivery.createMany({
    data: [{ deliveryId: request.deliveryId, event: request.event, action: typeof payload.action === 'string' ? payload.action : null, repository, payload: payload as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (created.count === 0) return { status: 200, body: { message: 'already received', delivery: request.deliveryId }, queued: false };
  return { status: 202, body: { message: 'queued', delivery: request.deliveryId }, queued: true };
}
