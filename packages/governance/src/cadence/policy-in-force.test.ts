import { describe, expect, it } from 'vitest';
import { GovernanceError } from '../errors';
import { policyInForce, requirePolicyInForce } from './policy-in-force';
import { POLICIES, POLICY_V1 } from './test-fixtures';

describe('policyInForce', () => {
  it('picks the latest policy effective at the GA, whatever the input order', () => {
    expect(policyInForce(POLICIES, '2025-11-05')?.version).toBe(1);
    expect(policyInForce(POLICIES, '2026-03-31')?.version).toBe(1);
    expect(policyInForce(POLICIES, '2026-04-01')?.version).toBe(2);
    expect(policyInForce([...POLICIES].reverse(), '2026-04-30')?.version).toBe(2);
  });
  it('returns null before the first policy', () => {
    expect(policyInForce(POLICIES, '2017-12-04')).toBeNull();
    expect(() => requirePolicyInForce(POLICIES, '2017-01-01', '1.0')).toThrow(GovernanceError);
  });
  it('never applies a policy to a cycle before its firstCycle', () => {
    // A 2.2 whose GA slipped past April 1, 2026 stays under the 6-month rules.
    expect(policyInForce(POLICIES, '2026-05-15', '2.2')?.version).toBe(1);
    expect(policyInForce(POLICIES, '2026-05-15', '2.3')?.version).toBe(2);
  });
  it('breaks equal effective dates by version', () => {
    const same = { ...POLICY_V1, version: 7, name: 'amended' };
    expect(policyInForce([same, POLICY_V1], '2020-01-01')?.version).toBe(7);
  });
});
