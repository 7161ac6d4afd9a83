import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FakeGithub } from '../../../../test/fakes/github/server';
import { seedRepository } from '../../../../test/fakes/github/seed';
import type { Database } from '../db';
import type { GithubConfig } from '../github/github-config';
import { openTestDatabase } from './test-database';

// The set-up the GitHub sync suites share: one migrated database per file, a fresh fake GitHub per
// test (on a clock the test may move), and projects whose repositories the fake serves.

export interface SyncFixture {
  db: Database;
  fake: FakeGithub;
  config: GithubConfig;
  /** A new project named after a new fake repository seeded with `shape`. */
  project(shape: Parameters<typeof seedRepository>[2]): Promise<{ slug: string; repo: ReturnType<typeof seedRepository> }>;
  /** Replaces the fake by one on `now` (GitHub's clock, moved by hand). */
  restartFake(now: () => number): Promise<void>;
}

export function useSyncFixture(): SyncFixture {
  let slugCounter = 0;
  const fixture = {} as SyncFixture;
  const startFake = async (now?: () => number) => {
    fixture.fake = new FakeGithub(now ? { now } : {});
    await fixture.fake.start();
    fixture.config = { apiUrl: fixture.fake.url, auth: { kind: 'token', token: 'test-token' }, webhookSecret: null };
  };
  beforeAll(async () => {
    fixture.db = await openTestDatabase('migrated');
  });
  afterAll(async () => {
    await fixture.db.close();
  });
  beforeEach(() => startFake());
  afterEach(() => fixture.fake.close());
  fixture.restartFake = async (now) => {
    await fixture.fake.close();
    await startFake(now);
  };
  fixture.project = async (shape) => {
    slugCounter += 1;
    const slug = `hello${slugCounter}`;
    const fullName = `octo/${slug}`;
    await fixture.db.prisma.project.create({ data: { slug, name: slug, repository: fullName } });
    return { slug, repo: seedRepository(fixture.fake, fullName, shape) };
  };
  return fixture;
}
