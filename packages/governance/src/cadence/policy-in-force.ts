import { GovernanceError } from '../errors';
import type { IsoDate } from './dates';
import { compareCycles } from './parse-versions';
import type { ReleasePolicy } from './policy-rules';

/** Oldest first; equal dates fall back to the policy version so the order is total. */
export function sortPolicies(policies: readonly ReleasePolicy[]): ReleasePolicy[] {
  return [...policies].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.version - b.version,
  );
}

/**
 * The policy governing a release: the latest one effective on its planned GA date. When the cycle
 * is given, a policy whose `firstCycle` is later is skipped, so a slipped 2.2 GA stays under the
 * old rules rather than being judged by a policy written for 2.3 onwards.
 */
export function policyInForce(
  policies: readonly ReleasePolicy[],
  gaDate: IsoDate,
  cycle?: string,
): ReleasePolicy | null {
  let found: ReleasePolicy | null = null;
  for (const p of sortPolicies(policies)) {
    if (p.effectiveFrom > gaDate) break;
    if (cycle && p.firstCycle && compareCycles(cycle, p.firstCycle) < 0) continue;
    found = p;
  }
  return found;
}

export function requirePolicyInForce(
  policies: readonly ReleasePolicy[],
  gaDate: IsoDate,
  cycle?: string,
): ReleasePolicy {
  const p = policyInForce(policies, gaDate, cycle);
  if (!p) {
    const what = cycle ? `release ${cycle} (GA ${gaDate})` : `GA ${gaDate}`;
    throw new GovernanceError('failed_precondition', `No release policy is in force for ${what}`, { gaDate, cycle });
  }
  return p;
}
