import { describe, expect, it } from 'vitest';
import { computeLifecycle, type MilestoneFacts } from '../lifecycle/compute-lifecycle';
import type { CycleSummary } from '../releases/get-releases';
import { adviseUpgrades } from './advise-upgrades';

const TODAY = '2026-11-28';

function cycle(name: string, dates: { ga: string; happened?: boolean; eol?: string; lts?: boolean }): CycleSummary {
  const [major, minor] = name.split('.').map(Number);
  const milestones: MilestoneFacts[] = [
    { kind: 'GA', plannedOn: dates.ga, plannedPrecision: 'DAY', tentative: !dates.happened, actualOn: dates.happened ? dates.ga : null },
    ...(dates.eol ? [{ kind: 'EOL' as const, plannedOn: dates.eol, plannedPrecision: 'DAY' as const, tentative: false, actualOn: null }] : []),
  ];
  const lifecycle = computeLifecycle({ milestones, publishedPhase: null, isLts: dates.lts ?? false, today: TODAY });
  return { name, major, minor, link: null, publishedStatus: null, lifecycle, owners: [], latestRelease: null, extendedSupportNote: null, extendedSupportKubernetes: [] };
}

// Newest first, as getProjectReleases lists them; 2.4 went GA after the 2.3 LTS and is still active.
const cycles = [
  cycle('2.5', { ga: '2026-08-26' }),
  cycle('2.4', { ga: '2026-07-01', happened: true, eol: '2027-03-01' }),
  cycle('2.3', { ga: '2026-04-30', happened: true, eol: '2028-04-30', lts: true }),
  cycle('2.2', { ga: '2025-11-05', happened: true, eol: '2026-11-06' }),
  cycle('2.1', { ga: '2025-05-07', happened: true, eol: '2026-07-03' }),
  cycle('1.7', { ga: '2023-03-10', happened: true, eol: '2026-09-30', lts: true }),
];

describe('adviseUpgrades', () => {
  const { recommended, newest, advice, upcoming } = adviseUpgrades({ ltsUpgradeLine: ['1.7', '2.3'] }, cycles, TODAY);

  it('recommends the newest LTS in active support, and names a newer release', () => {
    expect(recommended?.name).toBe('2.3');
    expect(newest?.name).toBe('2.4');
  });

  it('tells the users of a release newer than the recommended LTS to stay, not to "downgrade"', () => {
    expect(advice.get('2.4')).toEqual({ kind: 'stay', text: 'Stay on 2.4: it is newer than the 2.3 LTS, and going back is not supported; upgrade to 2.5 when it is released', path: [] });
    expect(advice.get('2.4')!.text).not.toMatch(/downgrade/);
  });

  it('routes older releases through supported upgrades, LTS to next LTS directly', () => {
    expect(advice.get('2.3')).toMatchObject({ kind: 'recommended', text: 'Recommended' });
    expect(advice.get('2.2')).toMatchObject({ kind: 'upgrade', text: 'Upgrade to 2.3', path: ['2.2', '2.3'] });
    expect(advice.get('2.1')).toMatchObject({ kind: 'upgrade', text: 'Upgrade to 2.3 via 2.2', path: ['2.1', '2.2', '2.3'] });
    expect(advice.get('1.7')).toMatchObject({ kind: 'upgrade', text: 'Upgrade to 2.3 (LTS to next LTS)' });
    expect(advice.has('2.5')).toBe(false);
  });

  it('lists what comes next with how late its GA is', () => {
    expect(upcoming.map((entry) => [entry.cycle.name, entry.overdueDays])).toEqual([['2.5', 94]]);
  });

  it('has nothing to recommend when no release is in active support', () => {
    const ended = adviseUpgrades({ ltsUpgradeLine: [] }, [cycle('1.0', { ga: '2020-01-01', happened: true, eol: '2021-01-01' })], TODAY);
    expect(ended.recommended).toBeNull();
    expect(ended.advice.get('1.0')).toMatchObject({ kind: 'none' });
  });
});
