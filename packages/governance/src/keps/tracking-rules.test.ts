import { describe, expect, it } from 'vitest';
import { checkTracking, deriveTrackingState, idleSince, matchPullRequest, nextTrackingState, type RuleContext, type TrackingFacts } from './tracking-rules';

const d = (day: string) => new Date(`${day}T00:00:00Z`);

const context: RuleContext = {
  today: d('2026-07-10'),
  idleDays: 14,
  codeFreezeWarningDays: 14,
  kubernetes: new Map([
    ['1.35', { version: '1.35', codeFreeze: new Date('2025-11-07T12:00:00Z'), releaseOn: d('2025-12-17') }],
    ['1.36', { version: '1.36', codeFreeze: new Date('2026-03-19T12:00:00Z'), releaseOn: d('2026-04-22') }],
    ['1.37', { version: '1.37', codeFreeze: new Date('2026-07-23T12:00:00Z'), releaseOn: d('2026-08-26') }],
  ]),
  cycles: new Map([
    ['2.3', { name: '2.3', featureFreeze: d('2026-04-01'), ga: d('2026-04-28') }],
    ['2.4', { name: '2.4', featureFreeze: d('2026-07-20'), ga: d('2026-08-15') }],
  ]),
};

const facts = (over: Partial<TrackingFacts> = {}): TrackingFacts => ({
  kepNumber: '4960',
  state: 'IN_PROGRESS',
  stateOverride: false,
  shepherds: ['samuelkarp'],
  kubernetesRelease: '1.37',
  kubernetesStage: 'beta-gate-on',
  targetCycle: '2.4',
  shipments: [{ stage: 'alpha', cycleName: '2.1' }],
  pullRequests: [],
  issue: { state: 'open', stateReason: null, labels: [] },
  kep: { stage: 'beta', alphaMilestone: '1.33', betaMilestone: '1.37', stableMilestone: null },
  ...over,
});

describe('tracking state', () => {
  it('derives the state from the facts', () => {
    const base = { shepherds: [], targetCycle: null, kubernetesStage: null, shipments: [], pullRequests: [], issue: { state: 'open', stateReason: null, labels: ['kind/feature'] } };
    expect(deriveTrackingState(base)).toBe('UNTRIAGED');
    expect(deriveTrackingState({ ...base, issue: { ...base.issue, labels: ['target/kubernetes/v1.37'] } })).toBe('TRIAGED');
    expect(deriveTrackingState({ ...base, shepherds: ['a'] })).toBe('TRIAGED');
    expect(deriveTrackingState({ ...base, pullRequests: [{ number: 1, title: '', state: 'open', lastActivityAt: d('2026-01-01') }] })).toBe('IN_PROGRESS');
    expect(deriveTrackingState({ ...base, kubernetesStage: 'alpha', shipments: [{ stage: 'alpha', cycleName: '2.2' }] })).toBe('SHIPPED');
    expect(deriveTrackingState({ ...base, issue: { state: 'closed', stateReason: 'completed', labels: [] } })).toBe('DONE');
    expect(deriveTrackingState({ ...base, issue: { state: 'closed', stateReason: 'not_planned', labels: [] } })).toBe('WITHDRAWN');
  });

  it('keeps a state a person set (at risk, deferred, withdrawn) over the derived one', () => {
    expect(nextTrackingState({ state: 'AT_RISK', stateOverride: true }, 'IN_PROGRESS')).toBe('AT_RISK');
    expect(nextTrackingState({ state: 'AT_RISK', stateOverride: false }, 'IN_PROGRESS')).toBe('IN_PROGRESS');
  });
});

describe('warnings', () => {
  const rules = (f: TrackingFacts, c: RuleContext = context) => checkTracking(f, c).map((w) => w.rule);

  it('has none for a healthy KEP', () => {
    expect(checkTracking(facts(), { ...context, today: d('2026-05-01') })).toEqual([]);
  });

  it('warns about an active KEP with no shepherd, but not a done one', () => {
    expect(rules(facts({ shepherds: [] }), { ...context, today: d('2026-05-01') })).toEqual(['no-shepherd']);
    expect(rules(facts({ shepherds: [], state: 'DONE' }))).toEqual([]);
  });

  it('warns when Kubernetes released a stage the runtime has not shipped', () => {
    const [warning] = checkTracking(facts({ shipments: [] }), { ...context, today: d('2026-05-01') });
    expect(warning).toEqual({ rule: 'kubernetes-ahead', message: 'Kubernetes has released alpha; the runtime has shipped nothing yet' });
    const afterBeta = checkTracking(facts(), { ...context, today: d('2026-09-01') }).find((w) => w.rule === 'kubernetes-ahead');
    expect(afterBeta?.message).toBe('Kubernetes has released beta; the runtime has shipped alpha');
    // Releases older than the schedule count as released.
    expect(rules(facts({ shipments: [], kep: { stage: 'stable', alphaMilestone: '1.20', betaMilestone: '1.22', stableMilestone: '1.25' } }), { ...context, today: d('2026-05-01') })).toContain('kubernetes-ahead');
  });

  it('warns when the target runtime release is past feature freeze or already out', () => {
    expect(checkTracking(facts(), { ...context, today: d('2026-07-21') }).find((w) => w.rule === 'past-feature-freeze')?.message).toBe('target runtime release 2.4 is past its feature freeze (2026-07-20)');
    expect(checkTracking(facts({ targetCycle: '2.3' }), context).find((w) => w.rule === 'past-feature-freeze')?.message).toBe('target runtime release 2.3 was released on 2026-04-28');
    expect(rules(facts({ targetCycle: '2.3', state: 'SHIPPED' }))).not.toContain('past-feature-freeze');
  });

  it('warns about PRs idle for N days (configurable) and open PRs near Kubernetes code freeze', () => {
    const pr = { number: 12345, title: 'CRI: stop signals', state: 'open', lastActivityAt: d('2026-06-20') };
    const warnings = checkTracking(facts({ pullRequests: [pr] }), context);
    expect(warnings.map((w) => w.message)).toEqual(['#12345 idle for 20 days', 'Kubernetes 1.37 code freeze in 13 days (2026-07-23) with open runtime PRs #12345']);
    expect(rules(facts({ pullRequests: [pr] }), { ...context, idleDays: 30 })).toEqual(['code-freeze']);
    expect(rules(facts({ pullRequests: [{ ...pr, state: 'merged' }] }), context)).toEqual([]);
    expect(checkTracking(facts({ pullRequests: [pr] }), { ...context, today: d('2026-08-01'), idleDays: 90 }).map((w) => w.message)).toEqual(['target runtime release 2.4 is past its feature freeze (2026-07-20)', 'Kubernetes 1.37 is past code freeze (2026-07-23) with open runtime PRs #12345']);
  });

  it('orders by the oldest open PR', () => {
    const prs = [
      { number: 1, title: '', state: 'open', lastActivityAt: d('2026-06-01') },
      { number: 2, title: '', state: 'open', lastActivityAt: d('2026-05-01') },
      { number: 3, title: '', state: 'merged', lastActivityAt: d('2026-01-01') },
    ];
    expect(idleSince({ pullRequests: prs }, d('2026-07-01'))).toEqual(d('2026-05-01'));
    expect(idleSince({ pullRequests: [] }, d('2026-07-01'))).toEqual(d('2026-07-01'));
  });
});

describe('implementation PRs', () => {
  const tracking = { kepNumber: '4960', issueNumber: 11600, repository: 'containerd/containerd' };
  it('links by a reference to the tracking issue or KEP-NNNN in the title', () => {
    expect(matchPullRequest({ title: 'CRI: add stop signal', body: 'Fixes #11600' }, tracking)).toBe('reference');
    expect(matchPullRequest({ title: 'x', body: 'see https://github.com/containerd/containerd/issues/11600' }, tracking)).toBe('reference');
    expect(matchPullRequest({ title: 'x', body: 'containerd/containerd#11600.' }, tracking)).toBe('reference');
    expect(matchPullRequest({ title: '[KEP-4960] CRI stop signal', body: null }, tracking)).toBe('title');
    expect(matchPullRequest({ title: 'KEP 4960: stop signal', body: null }, tracking)).toBe('title');
    expect(matchPullRequest({ title: 'Fix #116001', body: 'refs #1160 and other/repo#11600' }, tracking)).toBeNull();
    expect(matchPullRequest({ title: 'KEP-49601 something', body: 'mentions KEP-4960 in the body only' }, tracking)).toBeNull();
  });
});
