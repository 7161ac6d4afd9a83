import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';

// Webhook deliveries as GitHub sends them: the exact body bytes signed with HMAC-SHA256
// (X-Hub-Signature-256), the event and a delivery GUID that a redelivery keeps.

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'github', 'webhooks');

/** A recorded payload from test/fixtures/github/webhooks/<event>/<name>.json, as raw text. */
export function webhookFixture(event: string, name: string): string {
  return fs.readFileSync(path.join(FIXTURES, event, `${name}.json`), 'utf8');
}

export interface Delivery {
  event: string;
  body: string;
  deliveryId?: string;
  /** The secret to sign with; null sends no signature at all. */
  secret: string | null;
}

export async function deliveryHeaders(delivery: Delivery): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/fake',
    'x-github-event': delivery.event,
    'x-github-delivery': delivery.deliveryId ?? randomUUID(),
    'x-github-hook-id': '1',
  };
  if (delivery.secret !== null) headers['x-hub-signature-256'] = await sign(delivery.secret, delivery.body);
  return headers;
}

/** POSTs a delivery to `url` and returns the answer. */
export async function deliverWebhook(url: string, delivery: Delivery): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const headers = await deliveryHeaders(delivery);
  const response = await fetch(url, { method: 'POST', headers, body: delivery.body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers };
}
