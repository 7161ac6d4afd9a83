import { describe, expect, it } from 'vitest';
import { describeReleaseTeamState, readAnnouncement, readEnhancementLabels, releaseTeamState, type ReleaseTeamFacts } from './release-team';

// The release team's states as the sig-release enhancements handbook defines them, from the labels,
// milestone and status comments of an enhancement issue, the exceptions files, kep.yaml and PRR.

const schedule = {
  version: '1.37',
  prrFreeze: new Date('2026-06-10T12:00:00Z'),
  enhancementsFreeze: new Date('2026-06-17T12:00:00Z'),
  codeFreeze: new Date('2026-07-23T12:00:00Z'),
  releaseOn: new Date('2026-08-26T00:00:00Z'),
};
const kep = {
  status: 'implementable', stage: 'beta', latestMilestone: '1.37', alphaMilestone: '1.36', betaMilestone: '1.37', stableMilestone: null,
  deprecatedMilestone: null, disabledMilestone: null, removedMilestone: null,
};
const prr = { approvals: [{ stage: 'alpha', approver: 'deads2k' }, { stage: 'beta', approver: 'deads2k' }] };
const record = (fields: Partial<NonNullable<ReleaseTeamFacts['record']>> = {}) => ({
  optedIn: true, tracked: null, stages: ['beta'], announced: null, announcedAt: null, lastSeenAt: new Date('2026-06-01T00:00:00Z'), leftAt: null, leftTo: null, leftLabels: [], ...fields,
});
const facts = (fields: Partial<ReleaseTeamFacts> = {}): ReleaseTeamFacts => ({
  release: '1.37', schedule, today: new Date('2026-06-05T00:00:00Z'), enhancementIssue: 4960, mirror: { since: new Date('2026-05-01T00:00:00Z') },
  issue: { state: 'open', labels: ['sig/node', 'stage/beta', 'lead-opted-in'], milestone: '1.37' }, record: record(), exceptions: [], kep, prr, ...fields,
});
const state = (fields: Partial<ReleaseTeamFacts> = {}) => {
  const view = releaseTeamState(facts(fields));
  return `${describeReleaseTeamState(view)}: ${view.reasons.join('; ')}`;
};

describe('reading an enhancement issue', () => {
  it('reads the release team’s labels', () => {
    expect(readEnhancementLabels(['sig/node', 'sig/scheduling', 'stage/beta', 'lead-opted-in', 'tracked/yes', 'kind/feature'])).toEqual({
      optedIn: true, tracked: 'yes', stages: ['beta'], sigs: ['sig-node', 'sig-scheduling'],
    });
    expect(readEnhancementLabels(['tracked/yes', 'tracked/no']).tracked).toBe('no');
    expect(readEnhancementLabels(['tracked/out-of-tree']).tracked).toBe('out-of-tree');
  });

  it('reads the status a release-team comment announces, and the release it speaks for', () => {
    expect(readAnnouncement('Hello @a 👋, v1.37 Enhancements team here.\n\nThe status of this enhancement is marked as `At risk for enhancements freeze`. Please keep the issue description up-to-date.')).toEqual({
      status: 'at risk for enhancements freeze', release: '1.37',
    });
    expect(readAnnouncement('Hey again @a 👋, v1.36 Enhancements Shadow here,\nThis enhancement is now marked as `Tracked for code freeze`!\n/label tracked/yes')).toEqual({ status: 'tracked for code freeze', release: '1.36' });
    expect(readAnnouncement('With all the requirements fulfilled, this enhancement is now marked as tracked for the upcoming enhancements freeze 🚀')).toEqual({ status: 'tracked for enhancements freeze', release: null });
    expect(readAnnouncement('The status of this enhancement is marked as `At Risk For Enhancement Freeze`.')?.status).toBe('at risk for enhancements freeze');
    expect(readAnnouncement('/milestone v1.37\n/label lead-opted-in')).toBeNull();
  });
});

describe('releaseTeamState', () => {
  it('opted in with every requirement Shepherd can see: waiting for the team', () => {
    expect(state()).toBe("opted in: lead-opted-in in the v1.37 milestone; waiting for the release team's tracked/yes");
  });

  it('at risk for enhancements freeze: a requirement is missing, or the freeze passed without tracked/yes', () => {
    const view = releaseTeamState(facts({ prr: { approvals: [{ stage: 'alpha', approver: 'deads2k' }] }, kep: { ...kep, latestMilestone: '1.36' } }));
    expect(view).toMatchObject({ state: 'AT_RISK', freeze: 'enhancements', stage: 'beta' });
    expect(view.missing).toEqual(['kep.yaml latest-milestone is 1.36, not 1.37', 'no PRR approval for beta (keps/prod-readiness)']);
    expect(state({ today: new Date('2026-06-20T00:00:00Z') })).toBe(
      'at risk for enhancements freeze: lead-opted-in, but not tracked/yes after the enhancements freeze (2026-06-17): removal, or an exception, follows',
    );
    expect(state({ record: record({ announced: 'at risk for enhancements freeze', announcedAt: new Date('2026-06-02T00:00:00Z') }) })).toBe(
      'at risk for enhancements freeze: the release team announced "at risk for enhancements freeze" (2026-06-02)',
    );
  });

  it('tracked, and at risk for code freeze when the team says so before the freeze', () => {
    const tracked = { state: 'open', labels: ['sig/node', 'stage/beta', 'lead-opted-in', 'tracked/yes'], milestone: '1.37' };
    expect(state({ issue: tracked, today: new Date('2026-07-01T00:00:00Z') })).toBe('tracked: kubernetes/enhancements#4960 is tracked/yes in the v1.37 milestone (past enhancements freeze)');
    const atRisk = record({ tracked: 'yes', announced: 'at risk for code freeze', announcedAt: new Date('2026-07-09T00:00:00Z') });
    expect(state({ issue: tracked, record: atRisk, today: new Date('2026-07-10T00:00:00Z') })).toBe(
      'at risk for code freeze: the release team announced "at risk for code freeze" (2026-07-09); kubernetes/enhancements#4960 is tracked/yes',
    );
    expect(state({ issue: { ...tracked, labels: ['sig/node', 'lead-opted-in', 'tracked/out-of-tree'] } })).toMatch(/^tracked \(out of tree\): /);
  });

  it('removed from the milestone: tracked/no, a cleared milestone, or a rejected exception', () => {
    expect(state({ issue: { state: 'open', labels: ['sig/node', 'lead-opted-in', 'tracked/no'], milestone: '1.37' } })).toBe('removed from the milestone: kubernetes/enhancements#4960 is labelled tracked/no in the v1.37 milestone');
    const left = record({ tracked: 'no', leftAt: new Date('2026-06-18T03:00:00Z'), leftLabels: ['sig/node', 'tracked/no'] });
    expect(state({ issue: { state: 'open', labels: ['sig/node', 'tracked/no'], milestone: null }, record: left })).toBe(
      'removed from the milestone: kubernetes/enhancements#4960 left the v1.37 milestone with tracked/no (2026-06-18)',
    );
    expect(state({ exceptions: [{ freeze: 'enhancementFreeze', status: 'rejected', dateReviewed: '2026-06-20' }] })).toBe(
      'removed from the milestone: enhancements freeze exception rejected on 2026-06-20 (sig-release exceptions for 1.37)',
    );
  });

  it('deferred: moved to a later milestone', () => {
    const moved = record({ leftAt: new Date('2026-06-12T00:00:00Z'), leftTo: 'v1.38' });
    expect(state({ issue: { state: 'open', labels: ['sig/node'], milestone: '1.38' }, record: moved })).toBe('deferred: kubernetes/enhancements#4960 moved to the v1.38 milestone (2026-06-12)');
  });

  it('with an exception', () => {
    const view = releaseTeamState(facts({ exceptions: [{ freeze: 'enhancementFreeze', status: 'rejected', dateReviewed: null }, { freeze: 'codeFreeze', status: 'approved', dateReviewed: '2026-07-25' }] }));
    expect(describeReleaseTeamState(view)).toBe('exception approved (code freeze)');
  });

  it('after the release, what the team said stands although the cleanup cleared the milestone', () => {
    const cleaned = record({ tracked: 'yes', leftAt: new Date('2026-09-02T00:00:00Z') });
    expect(state({ issue: { state: 'open', labels: ['sig/node'], milestone: null }, record: cleaned, today: new Date('2026-09-10T00:00:00Z') })).toBe(
      'tracked: tracked/yes when 1.37 was released; the milestone was cleared after the release (2026-09-02)',
    );
  });

  it('not opted in, or unknown when Shepherd cannot know', () => {
    expect(state({ issue: { state: 'open', labels: ['sig/node', 'stage/beta'], milestone: '1.37' }, record: record({ optedIn: false }) })).toBe(
      'not opted in: kubernetes/enhancements#4960 is in the v1.37 milestone without lead-opted-in: its SIG lead has not opted it in',
    );
    expect(state({ issue: { state: 'open', labels: ['sig/node'], milestone: null }, record: null })).toBe('not opted in: kubernetes/enhancements#4960 is in no milestone, without lead-opted-in');
    expect(state({ mirror: null, issue: null, record: null })).toMatch(/^unknown: kubernetes\/enhancements issues are not mirrored yet/);
    expect(state({ issue: { state: 'open', labels: [], milestone: null }, record: null, mirror: { since: new Date('2026-09-01T00:00:00Z') } })).toBe(
      'unknown: 1.37 was released (2026-08-26) before Shepherd mirrored enhancement issues (2026-09-01)',
    );
    expect(state({ enhancementIssue: null, record: null, issue: null })).toBe('unknown: a 0000 KEP has no enhancement issue to opt in');
  });
});
