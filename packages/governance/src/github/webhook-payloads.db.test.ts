import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { MAX_WEBHOOK_BYTES, precheckWebhook, receiveWebhook } from './receive-webhook';

// A signed delivery is not necessarily a well-formed one (a leaked secret, a bug upstream): the
// payload must be a JSON object the database can store, or a 400 that says why — never a 500.

const SECRET = 'payload-test-secret';
let db: Database;
let counter = 0;

beforeAll(async () => {
  db = await openTestDatabase('migrated');
});
afterAll(() => db.close());

const deliver = async (rawBody: string) =>
  receiveWebhook(db.prisma, SECRET, { rawBody, signature: await sign(SECRET, rawBody), event: 'issues', deliveryId: `payload-${++counter}`, contentType: 'application/json' });

describe('signed webhook payloads', () => {
  it.each([
    ['null', 'payload: expected a JSON object, got null'],
    ['[1,2]', 'payload: expected a JSON object, got an array'],
    ['"just a string"', 'payload: expected a JSON object, got string'],
    ['42', 'payload: expected a JSON object, got number'],
    [`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'payload: is nested more than 64 levels deep'],
    ['{"issue":{"title":"a\\u0000b"}}', 'payload.issue.title: contains the NUL character (U+0000), which cannot be stored'],
    ['{"issue":{"body":"\\ud800"}}', 'payload.issue.body: contains a lone UTF-16 surrogate, which is not valid Unicode'],
    ['{"repository":null,"action":"opened"}', null],
  ])('%s → %s', async (body, message) => {
    const before = await db.prisma.githubWebhookDelivery.count();
    const answer = await deliver(body);
    if (message === null) {
      expect(answer.status).toBe(202);
      expect(await db.prisma.githubWebhookDelivery.count()).toBe(before + 1);
    } else {
      expect(answer).toEqual({ status: 400, body: { message }, queued: false });
      expect(await db.prisma.githubWebhookDelivery.count()).toBe(before);
    }
  });

  it('refuses from the headers alone, before any body is read', () => {
    const headers = { signature: 'sha256=00', event: 'issues', deliveryId: 'd', contentType: 'application/json' };
    expect(precheckWebhook(null, headers)?.status).toBe(503);
    expect(precheckWebhook(SECRET, { ...headers, signature: null })?.status).toBe(401);
    expect(precheckWebhook(SECRET, { ...headers, event: null })?.status).toBe(400);
    expect(precheckWebhook(SECRET, { ...headers, contentLength: String(MAX_WEBHOOK_BYTES + 1) })).toMatchObject({ status: 413, body: { message: "the body is larger than GitHub's 25 MB webhook limit" } });
    expect(precheckWebhook(SECRET, { ...headers, contentLength: String(MAX_WEBHOOK_BYTES) })).toBeNull();
  });
});
