import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { importReleasesMd } from '../releases/import-releases-md';
import { openTestDatabase } from '../testing/test-database';
import { getReleasePlan } from './get-release-plan';
import { groupPlanWarnings } from './group-plan-warnings';
import { checkUpgrade, generateReleasesMd, getSchedule, queryKubernetesMatrix, whatIfPolicies } from './planning-queries';

const TODAY = '2026-11-28';

describe('planning containerd from its real data', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  it('schedules the next releases from the 4-month policy after 2.3', async () => {
    const schedule = await getSchedule(db.prisma, 'containerd', TODAY, '4');
    expect(schedule.lastGa).toMatchObject({ cycle: '2.3', isLts: true, ga: { date: '2026-04-30' }, eol: { date: '2028-04-30' } });
    expect(schedule.releases.map((r) => [r.cycle, r.ga.date, r.isLts, r.eol.date, r.policyVersion])).toEqual([
      ['2.4', '2026-08-26', false, '2027-04-26', 2],
      ['2.5', '2026-12-30', false, '2027-08-30', 2],
      ['2.6', '2027-04-28', true, '2029-04-28', 2],
      ['2.7', '2027-08-25', false, '2028-04-25', 2],
    ]);
    expect(schedule.releases[0]).toMatchObject({ betaWindow: { start: '2026-06-17', end: '2026-07-01' }, rcWindow: { start: '2026-07-29', end: '2026-08-12' } });
  });

  it('warns about what breaks the policy today, and not before it happens', async () => {
    const codes = async (today: string) => (await getReleasePlan(db.prisma, 'containerd', today)).warnings.map((w) => `${w.cycle} ${w.code}`);
    const now = await codes(TODAY);
    expect(now).toContain('2.4 MILESTONE_OVERDUE');
    expect(now).toContain('2.3 BETA_OUTSIDE_WINDOW'); // beta 6.3 weeks before GA
    expect(now).toContain('2.3 LTS_TOO_FEW_OWNERS'); // a team is not two volunteer owners
    expect(now).toContain('2.4 RELEASE_OWNERS_TOO_FEW');
    expect(await codes('2026-08-20')).not.toContain('2.4 MILESTONE_OVERDUE');
  });

  it('groups what needs doing by release, urgent first, and keeps broken rules of past dates for the adherence report', async () => {
    const plan = await getReleasePlan(db.prisma, 'containerd', TODAY);
    const { groups, history } = groupPlanWarnings(plan);
    expect(groups[0]).toMatchObject({ cycle: '2.4', stage: 'in progress', urgent: true });
    expect(groups[0].warnings.map((warning) => warning.severity)).toEqual([...groups[0].warnings.map((warning) => warning.severity)].sort());
    expect(groups.find((group) => group.cycle === '2.3')?.warnings.map((warning) => warning.code)).toEqual(['LTS_TOO_FEW_OWNERS']);
    // 2.0's and 2.3's betas (2023, 2026) started outside the window: history, not a to-do.
    expect(history.map((warning) => `${warning.cycle} ${warning.code}`)).toEqual(expect.arrayContaining(['2.3 BETA_OUTSIDE_WINDOW', '2.0 BETA_OUTSIDE_WINDOW']));
    expect(groups.flatMap((group) => group.warnings).some((warning) => warning.past)).toBe(false);
  });

  it('names the policy in force today, not the newest one saved', async () => {
    const plan = await getReleasePlan(db.prisma, 'containerd', TODAY);
    expect(plan.policyToday?.version).toBe(2);
    const later = { ...plan.data.policies.find((policy) => policy.version === 2)!, version: 3, name: 'far future', effectiveFrom: '2030-01-01', firstCycle: null };
    const { policyInForce } = await import('../cadence/policy-in-force');
    expect(policyInForce([...plan.data.policies, later], TODAY)?.version).toBe(2);
    expect(plan.laterPolicies).toEqual([]);
  });

  it('answers upgrade questions on the LTS line, naming bad parameters', async () => {
    await expect(checkUpgrade(db.prisma, 'containerd', TODAY, '1.7', '2.3')).resolves.toMatchObject({ allowed: true, rule: 'lts-to-next-lts', path: ['1.7', '2.3'] });
    await expect(checkUpgrade(db.prisma, 'containerd', TODAY, '2.0', '2.2')).resolves.toMatchObject({ allowed: false, path: ['2.0', '2.1', '2.2'] });
    await expect(checkUpgrade(db.prisma, 'containerd', TODAY, '2.0', '2.1')).resolves.toMatchObject({ allowed: true, rule: 'sequential' });
    await expect(checkUpgrade(db.prisma, 'containerd', TODAY, '2.0', 'two')).rejects.toThrow('parameter "to" ("two"): must be a release cycle such as 2.3');
    await expect(checkUpgrade(db.prisma, 'containerd', TODAY, '3.1', '2.3')).rejects.toThrow('parameter "from": containerd has no release cycle 3.1');
  });

  it('answers Kubernetes matrix questions with minimum patches', async () => {
    const forKubernetes = await queryKubernetesMatrix(db.prisma, 'containerd', TODAY, { kubernetes: '1.35' });
    expect(forKubernetes).toMatchObject({ criVersion: 'v1', entries: [{ cycle: '2.2', minimumVersion: '2.2.0' }, { cycle: '2.1', minimumVersion: '2.1.5' }, { cycle: '1.7', minimumVersion: '1.7.28' }] });
    const forRuntime = await queryKubernetesMatrix(db.prisma, 'containerd', TODAY, { runtime: '2.1.4' });
    expect((forRuntime as { kubernetes: { kubernetesVersion: string }[] }).kubernetes.map((k) => k.kubernetesVersion)).toEqual(['1.32', '1.33', '1.34']);
    await expect(queryKubernetesMatrix(db.prisma, 'containerd', TODAY, { kubernetes: '1.29' })).rejects.toThrow(/Kubernetes 1\.29 is not in containerd's support matrix \(it lists 1\.32, 1\.33, 1\.34, 1\.35, 1\.36\)/);
    await expect(queryKubernetesMatrix(db.prisma, 'containerd', TODAY, { runtime: 'latest' })).rejects.toThrow('parameter "runtime" ("latest")');
  });

  it('flags removals that are not right after an LTS and lists what each release may remove', async () => {
    const { deprecations } = await getReleasePlan(db.prisma, 'containerd', TODAY);
    expect(deprecations.findings.find((f) => f.component === 'NRI v0.1.0 plugin support')).toMatchObject({ code: 'REMOVAL_NOT_AFTER_LTS', cycle: '2.3' });
    const windows = Object.fromEntries(deprecations.windows.map((w) => [w.cycle, w.mayRemove]));
    expect(windows).toMatchObject({ '2.4': true, '2.5': false, '2.6': false, '2.7': true });
  });

  it('previews a policy change without saving it', async () => {
    const { policies } = await getSchedule(db.prisma, 'containerd', TODAY);
    const v2 = policies.find((p) => p.version === 2)!;
    const candidate = policies.map((p) => (p.version === 2 ? { ...v2, rules: { ...v2.rules, cadence: { months: [4, 7, 10] } } } : p));
    const result = await whatIfPolicies(db.prisma, 'containerd', TODAY, { policies: candidate });
    expect(result.candidate.releases[0]).toMatchObject({ cycle: '2.4', ga: { date: '2026-07-29' } });
    expect(result.diff.find((d) => d.cycle === '2.4')?.fields.map((f) => f.field)).toContain('ga');
    expect((await getSchedule(db.prisma, 'containerd', TODAY)).releases[0].ga.date).toBe('2026-08-26');
    await expect(whatIfPolicies(db.prisma, 'containerd', TODAY, { policies: [{ ...v2, rules: { ...v2.rules, betaLeadWeeks: { min: 10, max: 'eight' } } }] })).rejects.toThrow(
      /^body\.policies\.0\.rules\.betaLeadWeeks\.max: /,
    );
  });

  it('generates a RELEASES.md block that imports back without changing a date or an owner', async () => {
    const markdown = await generateReleasesMd(db.prisma, 'containerd', TODAY);
    expect(markdown).toMatch(/\| \[2\.3\]\(https:\/\/github\.com\/containerd\/containerd\/releases\/tag\/v2\.3\.4\)\s+\| LTS\s+\| April 30, 2026\s+\| April 30, 2028\s+\| @containerd\/committers\s+\|/);
    expect(markdown).toMatch(/\| \[1\.7\]\([^)]+\)\s+\| End of Life\s+\| March 10, 2023\s+\| September 2026\*\s+\|/);
    expect(markdown).toMatch(/\| 1\.36\s+\| 2\.3\.0\+, 2\.2\.0\+\s+\| v1\s+\|/);
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown, source: 'generated.md', dryRun: true });
    // Only the statuses move: the generated table says what is true today ("End of Life" for 2.2).
    // The block leaves out the older Kubernetes table, which a real import refuses to drop silently.
    expect(report.removals).toEqual(['the whole older Kubernetes table (7 rows)']);
    expect(report.changes.filter((line) => !/: status |^older Kubernetes table: removed /.test(line))).toEqual([]);
    expect(report.changes).toContain('2.2: status Active → End of Life');
  });
});
