import { describe, expect, it } from 'vitest';
import { groupJobRuns } from './group-job-runs';

const run = (minute: number, job: string, outcome: string, summary: string | null, error: string | null = null) => ({ job, outcome, summary, error, startedAt: new Date(Date.UTC(2026, 10, 28, 10, minute)) });

describe('groupJobRuns', () => {
  it('folds repeats in a row into one entry with a count and the span they cover', () => {
    const runs = [
      run(50, 'webhooks', 'SUCCEEDED', 'queue empty'),
      run(45, 'webhooks', 'SUCCEEDED', 'queue empty'),
      run(40, 'webhooks', 'SUCCEEDED', 'queue empty'),
      run(35, 'sync', 'SUCCEEDED', 'containerd: 3 requests'),
      run(30, 'webhooks', 'SUCCEEDED', 'queue empty'),
    ];
    const groups = groupJobRuns(runs);
    expect(groups.map((group) => [group.newest.job, group.count, group.newest.startedAt.getUTCMinutes(), group.oldest.startedAt.getUTCMinutes()])).toEqual([
      ['webhooks', 3, 50, 40],
      ['sync', 1, 35, 35],
      ['webhooks', 1, 30, 30],
    ]);
  });

  it('keeps every failure and running run on its own line, and tells different summaries apart', () => {
    const runs = [
      run(50, 'sync', 'FAILED', null, 'rate limited'),
      run(45, 'sync', 'FAILED', null, 'rate limited'),
      run(40, 'sync', 'RUNNING', null),
      run(35, 'sync', 'RUNNING', null),
      run(30, 'sync', 'SUCCEEDED', '1 changed'),
      run(25, 'sync', 'SUCCEEDED', '2 changed'),
    ];
    expect(groupJobRuns(runs).map((group) => group.count)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
