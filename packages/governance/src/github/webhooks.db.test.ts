import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookFixture } from '../../../../test/fakes/github/webhooks';
import type { Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { applyQueuedDeliveries } from './apply-webhook-deliveries';
import { onReleaseCandidateTagged } from './map-tags';
import { receiveWebhook, verifyWebhookSignature, type WebhookRequest } from './receive-webhook';
import { ensureGithubRepository } from './sync-repository';

const SECRET = 'webhook-test-secret';
let db: Database;
let counter = 0;

beforeAll(async () => {
  db = await openTestDatabase('migrated');
  await db.prisma.project.create({ data: { slug: 'hello', name: 'Hello', repository: 'Codertocat/Hello-World' } });
  await ensureGithubRepository(db.prisma, 'hello');
});
afterAll(() => db.close());

async function signed(event: string, body: string, deliveryId = `delivery-${++counter}`): Promise<WebhookRequest> {
  return { rawBody: body, signature: await sign(SECRET, body), event, deliveryId, contentType: 'application/json' };
}
const deliveries = () => db.prisma.githubWebhookDelivery.count();

describe('webhook verification', () => {
  it("matches GitHub's documented test vector", async () => {
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await verifyWebhookSignature("It's a Secret to Everybody", 'Hello, World!', expected)).toBe(true);
    expect(await verifyWebhookSignature("It's a Secret to Everybody", 'Hello, World?', expected)).toBe(false);
  });

  it('rejects unsigned, forged and re-serialized deliveries with 401 and stores nothing', async () => {
    const body = webhookFixture('issues', 'opened');
    const before = await deliveries();
    const unsigned = await receiveWebhook(db.prisma, SECRET, { ...(await signed('issues', body)), signature: null });
    const forged = await receiveWebhook(db.prisma, SECRET, { ...(await signed('issues', body)), signature: await sign('another secret', body) });
    // Same JSON, other bytes: the signature covers the raw body, not its meaning.
    const reserialized = await receiveWebhook(db.prisma, SECRET, { ...(await signed('issues', body)), rawBody: JSON.stringify(JSON.parse(body)) });
    const truncated = await receiveWebhook(db.prisma, SECRET, { ...(await signed('issues', body)), signature: 'sha256=757107ea' });
    expect([unsigned.status, forged.status, reserialized.status, truncated.status]).toEqual([401, 401, 401, 401]);
    expect(await deliveries()).toBe(before);
    expect((await receiveWebhook(db.prisma, null, await signed('issues', body))).status).toBe(503);
  });
});

describe('webhook queue', () => {
  it('queues a delivery once, applies it to the mirror, and a redelivery changes nothing', async () => {
    const request = await signed('issues', webhookFixture('issues', 'opened'));
    const first = await receiveWebhook(db.prisma, SECRET, request);
    expect(first).toMatchObject({ status: 202, queued: true });
    expect(await db.prisma.githubIssue.count()).toBe(0); // answered before any work
    expect(await applyQueuedDeliveries(db.prisma)).toBe(1);
    const issue = await db.prisma.githubIssue.findFirstOrThrow({ where: { number: 1 } });
    expect(issue).toMatchObject({ title: 'Spelling error in the README file', state: 'open', author: 'Codertocat', labels: ['bug'] });

    const again = await receiveWebhook(db.prisma, SECRET, request);
    expect(again).toMatchObject({ status: 200, queued: false });
    expect(await applyQueuedDeliveries(db.prisma)).toBe(0);
    expect(await db.prisma.githubWebhookDelivery.count({ where: { deliveryId: request.deliveryId! } })).toBe(1);
    expect(await db.prisma.githubIssue.findFirstOrThrow({ where: { number: 1 } })).toEqual(issue);
  });

  it('applies milestone, label, release and merged pull request events; ignores repositories it does not mirror', async () => {
    for (const [event, name] of [['milestone', 'created'], ['label', 'created'], ['release', 'published'], ['pull_request', 'closed.merged'], ['issues', 'edited']]) {
      expect((await receiveWebhook(db.prisma, SECRET, await signed(event, webhookFixture(event, name)))).status).toBe(202);
    }
    await applyQueuedDeliveries(db.prisma);
    const rows = await db.prisma.githubWebhookDelivery.findMany({ orderBy: { id: 'asc' }, select: { event: true, status: true } });
    expect(rows.slice(-5).map((row) => `${row.event} ${row.status}`)).toEqual([
      'milestone APPLIED', 'label APPLIED', 'release APPLIED', 'pull_request IGNORED', 'issues APPLIED',
    ]);
    expect(await db.prisma.githubMilestone.findFirstOrThrow()).toMatchObject({ title: 'v1.0', cycleName: '1.0', state: 'open' });
    expect(await db.prisma.githubRelease.findFirstOrThrow()).toMatchObject({ tagName: '0.0.1', draft: false });
    expect(await db.prisma.githubLabel.findFirstOrThrow({ where: { name: ':bug: Bugfix' } })).toMatchObject({ color: 'cb1f00', description: 'Fixes a bug' });
  });

  it('marks issues deleted or transferred by a webhook as gone, with the reason and the new URL, and keeps the rows', async () => {
    const opened = JSON.parse(webhookFixture('issues', 'opened'));
    const deleted = JSON.parse(webhookFixture('issues', 'deleted'));
    const transferred = JSON.parse(webhookFixture('issues', 'transferred'));
    transferred.repository.full_name = 'Codertocat/Hello-World'; // GitHub's example comes from octo-org/octo-repo
    const second = { ...opened, issue: { ...opened.issue, number: 2 } };
    for (const [name, payload] of [['opened', second], ['deleted', { ...deleted, issue: { ...deleted.issue, number: 2 } }], ['transferred', transferred]] as const) {
      expect((await receiveWebhook(db.prisma, SECRET, await signed('issues', JSON.stringify(payload)))).status, name).toBe(202);
    }
    await applyQueuedDeliveries(db.prisma);
    const rows = await db.prisma.githubIssue.findMany({ where: { number: { in: [1, 2] } }, orderBy: { number: 'asc' } });
    expect(rows.map((row) => [row.number, row.goneReason, row.goneStatus, row.movedTo, row.deletedAt !== null])).toEqual([
      [1, 'transferred', null, transferred.changes.new_issue.url, true],
      [2, 'deleted', null, null, true],
    ]);
  });

  it('turns a pushed release-candidate tag into a Release and announces it once', async () => {
    const events: string[] = [];
    const stop = onReleaseCandidateTagged((event) => void events.push(event.tag));
    const repository = await db.prisma.githubRepository.findUniqueOrThrow({ where: { fullName: 'Codertocat/Hello-World' } });
    await db.prisma.githubRepository.update({ where: { id: repository.id }, data: { fullSyncedAt: new Date(Date.now() - 60_000) } });
    const push = JSON.parse(webhookFixture('push', 'payload'));
    const body = JSON.stringify({ ...push, ref: 'refs/tags/v2.4.0-rc.0', deleted: false, created: true, after: 'a'.repeat(40) });
    const request = await signed('push', body);
    await receiveWebhook(db.prisma, SECRET, request);
    await receiveWebhook(db.prisma, SECRET, { ...request }); // redelivered
    await applyQueuedDeliveries(db.prisma);
    stop();
    expect(events).toEqual(['v2.4.0-rc.0']);
    const release = await db.prisma.release.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0' }, include: { cycle: { include: { milestones: true } } } });
    expect(release.cycle.name).toBe('2.4');
    expect(release.cycle.milestones.find((milestone) => milestone.kind === 'RC')?.actualOn).toBeTruthy();
    expect(await db.prisma.qualification.count({ where: { tag: 'v2.4.0-rc.0' } })).toBe(1);
  });
});
