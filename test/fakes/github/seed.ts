import type { FakeGithub } from './server';
import { githubTime } from './model';

export interface SeedShape {
  issues: number; // pull requests included: every third item is one
  milestones: number;
  tags: number;
  labels?: number;
  /** Tags that also get a GitHub release (the newest ones). */
  releases?: number;
  maintainers?: string;
}

/**
 * Fills a fake repository deterministically: items created one minute apart ending a day before
 * the fake's now, milestones named like cycles (1.0, 1.1, ...), tags v1.0.0 ... with RCs.
 */
export function seedRepository(fake: FakeGithub, fullName: string, shape: SeedShape) {
  const repo = fake.repository(fullName);
  const labels = shape.labels ?? 20;
  for (let i = 0; i < labels; i += 1) repo.addLabel(i === 0 ? 'kind/feature' : `area/component-${i}`, (0x101010 * (i % 15)).toString(16).padStart(6, '0'));
  for (let i = 0; i < shape.milestones; i += 1) {
    repo.addMilestone({ title: `1.${i}`, state: i < shape.milestones - 2 ? 'closed' : 'open', dueOn: githubTime(Date.UTC(2020, 0, 1) + i * 30 * 86_400_000) });
  }
  const start = fake.now() - 86_400_000 - shape.issues * 60_000;
  for (let i = 0; i < shape.issues; i += 1) {
    const at = githubTime(start + i * 60_000);
    const pullRequest = i % 3 === 2;
    repo.addIssue({
      title: `${pullRequest ? 'Change' : 'Problem'} ${i + 1}`, body: `Body of item ${i + 1}`, pullRequest, state: i % 4 === 0 ? 'open' : 'closed',
      mergedAt: pullRequest && i % 4 !== 0 ? at : null, labels: [repo.labels[i % labels].name],
      milestone: shape.milestones ? (i % shape.milestones) + 1 : null, createdAt: at, updatedAt: at, closedAt: i % 4 === 0 ? null : at,
    });
  }
  const releases = shape.releases ?? 0;
  // Per minor, in tagging order: beta, two RCs, GA and five patches (v1.0.0-beta.0 ... v1.0.5).
  const names: string[] = [];
  for (let minor = 0; names.length < shape.tags; minor += 1) {
    const series = [`v1.${minor}.0-beta.0`, `v1.${minor}.0-rc.0`, `v1.${minor}.0-rc.1`, ...[0, 1, 2, 3, 4, 5].map((patch) => `v1.${minor}.${patch}`)];
    names.push(...series.slice(0, shape.tags - names.length));
  }
  names.forEach((name, index) => repo.addTag(name, { release: index >= names.length - releases, at: start + index * 3_600_000 }));
  if (shape.maintainers) repo.files.set('MAINTAINERS', shape.maintainers);
  return repo;
}
