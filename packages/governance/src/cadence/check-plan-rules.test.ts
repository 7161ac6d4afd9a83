import { describe, expect, it } from 'vitest';
import { type CyclePlan, checkPlanRules, formatWeeks } from './check-plan-rules';
import { dayDate, monthDate } from './dates';
import { POLICIES } from './test-fixtures';

const people = (...specs: [string, number][]) => specs.map(([login, n]) => ({ login, priorReleasesOwned: n }));
const committers = [{ login: 'containerd/committers', isTeam: true }];

// The real table as of 2026-08-22, with actual pre-release dates where known.
const REAL_PLAN: CyclePlan[] = [
  { cycle: '1.6', isLts: false, ga: { actual: '2022-02-15' }, eol: dayDate('2025-08-23') },
  { cycle: '1.7', isLts: true, ga: { actual: '2023-03-10' }, beta: { actual: '2023-01-13' }, rc: { actual: '2023-02-22' }, eol: monthDate(2026, 9), ltsOwners: people(['samuelkarp', 5], ['chrishenzie', 3]) },
  { cycle: '2.0', isLts: true, ga: { actual: '2024-11-05' }, eol: monthDate(2027, 3), ltsOwners: people(['samuelkarp', 5], ['chrishenzie', 3]) },
  { cycle: '2.1', isLts: false, ga: { actual: '2025-05-07' }, beta: { actual: '2025-03-24' }, rc: { actual: '2025-04-24' }, eol: dayDate('2026-07-03') },
  { cycle: '2.2', isLts: false, ga: { actual: '2025-11-05' }, eol: dayDate('2026-11-06') },
  { cycle: '2.3', isLts: true, ga: { actual: '2026-04-30' }, beta: { actual: '2026-03-12' }, rc: { actual: '2026-04-14' }, eol: dayDate('2028-04-30') },
  { cycle: '2.4', isLts: false, ga: { planned: '2026-08-26' }, eol: dayDate('2027-04-26', true) },
];

const codes = (ws: { code: string; cycle: string; severity: string }[]) => ws.map((w) => `${w.cycle} ${w.code} ${w.severity}`);

describe('checkPlanRules on the real plan', () => {
  const warnings = checkPlanRules({ cycles: REAL_PLAN, policies: POLICIES, today: '2026-08-22' });

  it('finds only the late betas and the late 2.1 RC, as warnings', () => {
    expect(codes(warnings)).toEqual([
      '2.1 BETA_OUTSIDE_WINDOW warning',
      '2.1 RC_OUTSIDE_WINDOW warning',
      '2.3 BETA_OUTSIDE_WINDOW warning',
    ]);
  });

  it('names the release and the numbers', () => {
    expect(warnings[0].message).toBe(
      '2.1: beta was on March 24, 2025, 6.3 weeks (44 days) before GA (May 7, 2025); policy v1 "6-month era" requires 8–10 weeks',
    );
    expect(warnings[2].message).toContain('7 weeks before GA (April 30, 2026); policy v2 "4-month cadence" requires 8–10 weeks');
  });

  it('marks breaches of dates that already happened as past (history, for the adherence report)', () => {
    expect(warnings.every((warning) => warning.past === true)).toBe(true);
  });
});

describe('lead windows', () => {
  it('treats a planned date outside the window as an error', () => {
    const ws = checkPlanRules({
      cycles: [{ cycle: '2.4', isLts: false, ga: { planned: '2026-08-26' }, beta: { planned: '2026-07-08' }, rc: { planned: '2026-08-12' } }],
      policies: POLICIES,
    });
    expect(codes(ws)).toEqual(['2.4 BETA_OUTSIDE_WINDOW error']);
    expect(ws[0].message).toContain('is planned for July 8, 2026, 7 weeks before GA');
  });
  it('prefers actual dates over planned ones and accepts the window edges', () => {
    const ws = checkPlanRules({
      cycles: [{ cycle: '2.4', isLts: false, ga: { planned: '2026-08-26' }, beta: { planned: '2026-07-08', actual: '2026-06-17' }, rc: { actual: '2026-08-12' } }],
      policies: POLICIES,
    });
    expect(ws).toEqual([]);
  });
});

describe('LTS rules', () => {
  it('flags an LTS with one owner: an error under v1, a warning with the ownerless EOL under v2', () => {
    const ws = checkPlanRules({
      cycles: [
        { cycle: '1.7', isLts: true, ga: { actual: '2023-03-10' }, ltsOwners: people(['samuelkarp', 5]) },
        { cycle: '2.3', isLts: true, ga: { actual: '2026-04-30' }, ltsOwners: committers },
      ],
      policies: POLICIES,
    });
    expect(codes(ws)).toEqual(['1.7 LTS_TOO_FEW_OWNERS error', '2.3 LTS_TOO_FEW_OWNERS warning']);
    expect(ws[0].message).toBe('1.7: LTS has 1 individual owner, policy v1 "6-month era" requires at least 2');
    // The owner the release table names is a team: the message says why it does not count.
    expect(ws[1].message).toContain('LTS has no individual owner (@containerd/committers is a team: teams do not count, the policy asks for named maintainers)');
    expect(ws[1].message).toContain('on June 30, 2027');
  });

  it('flags two LTS in one calendar year and an LTS outside the LTS month', () => {
    const ws = checkPlanRules({
      cycles: [
        { cycle: '2.6', isLts: true, ga: { planned: '2027-04-28' } },
        { cycle: '2.7', isLts: true, ga: { planned: '2027-08-25' } },
      ],
      policies: POLICIES,
    });
    expect(codes(ws)).toEqual(['2.7 LTS_OUTSIDE_LTS_MONTH warning', '2.7 LTS_TWO_IN_ONE_YEAR error']);
    expect(ws[1].message).toBe('2.7: 2 LTS releases with GA in 2027 (2.6, 2.7); one LTS per year is allowed');
  });

  it('allows several LTS in a year under "any" designation', () => {
    const ws = checkPlanRules({
      cycles: [
        { cycle: '1.8', isLts: true, ga: { planned: '2023-05-31' } },
        { cycle: '1.9', isLts: true, ga: { planned: '2023-11-29' } },
      ],
      policies: POLICIES,
    });
    expect(ws).toEqual([]);
  });
});

describe('release owners', () => {
  const plan = (releaseOwners: CyclePlan['releaseOwners']): CyclePlan => ({
    cycle: '2.4',
    isLts: false,
    ga: { planned: '2026-08-26' },
    beta: { planned: '2026-06-24' },
    releaseOwners,
  });

  it('requires one owner with two prior releases, as an error once the beta started', () => {
    const ws = checkPlanRules({ cycles: [plan(people(['alice', 1], ['bob', 0]))], policies: POLICIES, today: '2026-07-01' });
    expect(codes(ws)).toEqual(['2.4 RELEASE_OWNER_INEXPERIENCED error']);
    expect(ws[0].message).toBe(
      '2.4: no release owner has owned 2 earlier releases (@alice owned 1, @bob owned 0); policy v2 "4-month cadence" requires one',
    );
  });
  it('is a heads-up before the beta', () => {
    const ws = checkPlanRules({ cycles: [plan(people(['alice', 1], ['bob', 0]))], policies: POLICIES, today: '2026-06-01' });
    expect(codes(ws)).toEqual(['2.4 RELEASE_OWNER_INEXPERIENCED warning']);
  });
  it('does not count a team as an owner', () => {
    const ws = checkPlanRules({ cycles: [plan([...committers, ...people(['alice', 3])])], policies: POLICIES, today: '2026-07-01' });
    expect(codes(ws)).toEqual(['2.4 RELEASE_OWNERS_TOO_FEW error']);
    expect(ws[0].message).toContain('1 individual release owner (@containerd/committers is a team: teams do not count');
  });
  it('passes two owners, one experienced, and ignores v1 releases', () => {
    expect(checkPlanRules({ cycles: [plan(people(['alice', 2], ['bob', 0]))], policies: POLICIES })).toEqual([]);
    const v1 = { ...plan(people(['alice', 0])), cycle: '2.2', ga: { actual: '2025-11-05' }, beta: undefined };
    expect(checkPlanRules({ cycles: [v1], policies: POLICIES })).toEqual([]);
  });
});

describe('end of life', () => {
  it('flags an EOL earlier than 8 months after GA under v2', () => {
    const ws = checkPlanRules({
      cycles: [{ cycle: '2.4', isLts: false, ga: { planned: '2026-08-26' }, eol: dayDate('2027-04-01') }],
      policies: POLICIES,
    });
    expect(codes(ws)).toEqual(['2.4 EOL_TOO_EARLY error']);
    expect(ws[0].message).toBe(
      '2.4: end of life April 1, 2027 is earlier than policy v2 "4-month cadence" allows: April 26, 2027 (8 months after GA, GA August 26, 2026)',
    );
  });
  it('uses the next GA for "longer-of" support', () => {
    const ws = checkPlanRules({
      cycles: [
        { cycle: '2.1', isLts: false, ga: { actual: '2025-05-07' }, eol: dayDate('2026-05-20') },
        { cycle: '2.2', isLts: false, ga: { actual: '2025-12-10' } },
      ],
      policies: POLICIES,
    });
    expect(codes(ws)).toEqual(['2.1 EOL_TOO_EARLY error']);
    expect(ws[0].message).toContain('June 10, 2026 (the longer of 12 months after GA and 6 months after the next minor');
  });
  it('reads a month-only EOL as the end of that month', () => {
    const lts = (eol: ReturnType<typeof monthDate>): CyclePlan => ({ cycle: '2.0', isLts: true, ga: { actual: '2024-11-05' }, eol });
    expect(checkPlanRules({ cycles: [lts(monthDate(2026, 11))], policies: POLICIES })).toEqual([]);
    expect(codes(checkPlanRules({ cycles: [lts(monthDate(2026, 10))], policies: POLICIES }))).toEqual(['2.0 EOL_TOO_EARLY error']);
  });
  it('lets an ownerless v2 LTS end after its extended support', () => {
    const ws = checkPlanRules({
      cycles: [{ cycle: '2.3', isLts: true, ga: { actual: '2026-04-30' }, ltsOwners: [], eol: dayDate('2027-06-30') }],
      policies: POLICIES,
    });
    expect(codes(ws)).toEqual(['2.3 LTS_TOO_FEW_OWNERS warning']);
  });
});

describe('formatWeeks', () => {
  it('writes whole weeks plainly and fractions with days', () => {
    expect(formatWeeks(56)).toBe('8 weeks');
    expect(formatWeeks(13)).toBe('1.9 weeks (13 days)');
    expect(formatWeeks(7)).toBe('1 week');
    expect(formatWeeks(0)).toBe('0 weeks');
  });
});

it('reports a cycle no policy covers', () => {
  const ws = checkPlanRules({ cycles: [{ cycle: '1.0', isLts: false, ga: { actual: '2017-12-01' } }], policies: POLICIES });
  expect(codes(ws)).toEqual(['1.0 NO_POLICY warning']);
});
