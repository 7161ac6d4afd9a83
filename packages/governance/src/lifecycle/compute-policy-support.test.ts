import { describe, expect, it } from 'vitest';
import { POLICY_V1, POLICY_V2 } from '../cadence/test-fixtures';
import { computePolicySupport, type PolicySupportCycle } from './compute-policy-support';

// containerd's two real policies applied to GA dates, as Shepherd does for a project without a
// support table: the dates its policy promises, and nothing where no policy or GA is known.

const cycle = (name: string, ga: string | null, extra: Partial<PolicySupportCycle> = {}): PolicySupportCycle => {
  const [major, minor] = name.split('.').map(Number);
  return { name, major, minor, ga: ga ? { date: ga, tentative: false } : null, isLts: false, ltsOwners: 0, ...extra };
};

const dates = (support: ReturnType<typeof computePolicySupport>, name: string) =>
  support.get(name)?.milestones.map((milestone) => `${milestone.kind} ${milestone.plannedOn}${milestone.tentative ? ' (tentative)' : ''}`);

describe('support dates computed from a policy', () => {
  it('takes the later of 12 months after GA and 6 months after the next GA under the 6-month policy', () => {
    // containerd 2.0 (GA 2024-11-05) and 2.1 (GA 2025-05-07): 2.1 + 6 months is later than 2.0 + 12.
    const support = computePolicySupport([cycle('2.0', '2024-11-05'), cycle('2.1', '2025-05-07')], [POLICY_V1, POLICY_V2]);
    expect(dates(support, '2.0')).toEqual(['END_OF_ACTIVE_SUPPORT 2025-11-07', 'EOL 2025-11-07']);
    // No next GA known yet: 12 months after GA is a lower bound, so it is tentative.
    expect(dates(support, '2.1')).toEqual(['END_OF_ACTIVE_SUPPORT 2026-05-07 (tentative)', 'EOL 2026-05-07 (tentative)']);
    expect(support.get('2.0')?.policy).toEqual({ version: 1, name: '6-month era' });
  });

  it('uses the next cycle by version even when the list comes unordered, and a planned GA stays tentative', () => {
    const support = computePolicySupport([cycle('2.1', '2025-05-07'), cycle('1.7', '2023-03-10'), cycle('2.0', '2024-11-05', { ga: { date: '2024-11-05', tentative: true } })], [POLICY_V1]);
    // 1.7's next minor is 2.0 (a major step), whose planned GA is tentative: so is the date it decides.
    expect(dates(support, '1.7')).toEqual(['END_OF_ACTIVE_SUPPORT 2025-05-05 (tentative)', 'EOL 2025-05-05 (tentative)']);
    expect(dates(support, '2.0')).toEqual(['END_OF_ACTIVE_SUPPORT 2025-11-07', 'EOL 2025-11-07']);
  });

  it('applies the 4-month policy from its first cycle on, with LTS and the ownerless-LTS rule', () => {
    const support = computePolicySupport(
      [cycle('2.2', '2026-05-06'), cycle('2.3', '2026-04-30', { isLts: true, ltsOwners: 2 }), cycle('2.4', '2026-08-26', { isLts: true, ltsOwners: 1 })],
      [POLICY_V1, POLICY_V2],
    );
    // 2.2 went GA after v2 took effect, but v2 governs 2.3 onwards: v1's rules apply to it.
    expect(support.get('2.2')?.policy.version).toBe(1);
    expect(dates(support, '2.3')).toEqual(['END_OF_ACTIVE_SUPPORT 2026-12-30', 'EOL 2028-04-30']);
    // One LTS owner is fewer than the two v2 asks: end of life 6 months after active support.
    expect(dates(support, '2.4')).toEqual(['END_OF_ACTIVE_SUPPORT 2027-04-26', 'EOL 2027-10-26']);
  });

  it('computes nothing for a cycle without a GA or released before any policy took effect', () => {
    const support = computePolicySupport([cycle('0.2', '2016-04-14'), cycle('2.5', null)], [POLICY_V1, POLICY_V2]);
    expect(support.size).toBe(0);
  });
});
