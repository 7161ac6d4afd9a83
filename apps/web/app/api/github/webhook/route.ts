import { after } from 'next/server';
import { applyQueuedDeliveries } from '@shepherd/governance/github/apply-webhook-deliveries';
import { receiveWebhook } from '@shepherd/governance/github/receive-webhook';
import { prisma } from '@/lib/database';

export const dynamic = 'force-dynamic';

// GitHub webhooks: the signature is checked over the raw body before it is parsed, the delivery
// is stored once per X-GitHub-Delivery, and the mirror is updated after the answer is sent.
export async function POST(request: Request): Promise<Response> {
  const rawBody = await request.text();
  const client = await prisma();
  const answer = await receiveWebhook(client, process.env.GITHUB_WEBHOOK_SECRET?.trim() || null, {
    rawBody,
    signature: request.headers.get('x-hub-signature-256'),
    event: request.headers.get('x-github-event'),
    deliveryId: request.headers.get('x-github-delivery'),
    contentType: request.headers.get('content-type'),
  });
  if (answer.queued) {
    after(async () => {
      await applyQueuedDeliveries(client).catch((error: Error) => console.error(`Shepherd: webhook queue: ${error.message}`));
    });
  }
  return Response.json(answer.body, { status: answer.status });
}
