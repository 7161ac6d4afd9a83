import { after } from 'next/server';
import { GovernanceError } from '@shepherd/governance';
import { applyQueuedDeliveries } from '@shepherd/governance/github/apply-webhook-deliveries';
import { MAX_WEBHOOK_BYTES, precheckWebhook, receiveWebhook, WEBHOOK_TOO_LARGE } from '@shepherd/governance/github/receive-webhook';
import { logger } from '@shepherd/governance/observability/logger';
import { metrics } from '@shepherd/governance/observability/metrics';
import { readBody } from '@/lib/authorize';
import { prisma } from '@/lib/database';

export const dynamic = 'force-dynamic';

// GitHub webhooks: what the headers alone can refuse is refused before the body is read (no secret,
// no signature, a declared length over GitHub's 25 MB cap); the body is then read counting bytes
// and refused with 413 past the cap, the signature is checked over the raw body before it is
// parsed, the delivery is stored once per X-GitHub-Delivery, and the mirror is updated after the
// answer is sent.
export async function POST(request: Request): Promise<Response> {
  const secret = process.env.GITHUB_WEBHOOK_SECRET?.trim() || null;
  const headers = {
    signature: request.headers.get('x-hub-signature-256'),
    event: request.headers.get('x-github-event'),
    deliveryId: request.headers.get('x-github-delivery'),
    contentType: request.headers.get('content-type'),
  };
  // The event names only signed deliveries: anyone can send any header, and labels must stay few.
  const count = (status: number) =>
    metrics()
      .webhookDeliveries.labels(status === 202 || status === 200 ? (headers.event ?? 'unknown').slice(0, 40) : 'unverified', status === 202 ? 'queued' : status === 200 ? 'duplicate' : `refused ${status}`)
      .inc();
  const early = precheckWebhook(secret, { ...headers, contentLength: request.headers.get('content-length') });
  if (early) {
    count(early.status);
    return Response.json(early.body, { status: early.status });
  }
  let rawBody: string;
  try {
    rawBody = await readBody(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'payload_too_large') {
      count(WEBHOOK_TOO_LARGE.status);
      return Response.json(WEBHOOK_TOO_LARGE.body, { status: WEBHOOK_TOO_LARGE.status });
    }
    throw error;
  }
  const client = await prisma();
  const answer = await receiveWebhook(client, secret, { ...headers, rawBody });
  count(answer.status);
  if (answer.queued) {
    after(async () => {
      await applyQueuedDeliveries(client).catch((error: Error) => logger().error({ err: error }, 'webhook queue: applying deliveries failed'));
    });
  }
  return Response.json(answer.body, { status: answer.status });
}
