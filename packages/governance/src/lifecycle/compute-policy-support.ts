import { computeSupportDates } from '../cadence/compute-support';
import { policyInForce } from '../cadence/policy-in-force';
import type { ReleasePolicy } from '../cadence/policy-rules';
import type { MilestoneFacts } from './compute-lifecycle';

// For a project that publishes no support table, the end of active support and the end of life
// of each cycle are what its policy promises from the cycle's GA: the policy in force on that GA,
// applied to the GA date (its x.y.0 tag, or the planned date), the next minor's GA where the
// policy needs it ("6 months after the next minor"), and the LTS flag. These dates are derived,
// never recorded: they follow the tags and the policy, and say which policy they came from.

export interface PolicySupportCycle {
  name: string;
  major: number;
  minor: number;
  /** The GA the lifecycle shows: the day it happened, or the planned (maybe tentative) day. */
  ga: { date: string; tentative: boolean } | null;
  isLts: boolean;
  /** LTS owners on record; an LTS with fewer than the policy asks ends early under some policies. */
  ltsOwners: number;
}

export interface PolicySupport {
  policy: { version: number; name: string };
  /** END_OF_ACTIVE_SUPPORT and EOL as planned milestones (day precision). */
  milestones: MilestoneFacts[];
}

const byVersion = (a: PolicySupportCycle, b: PolicySupportCycle) => a.major - b.major || a.minor - b.minor;

const planned = (kind: 'END_OF_ACTIVE_SUPPORT' | 'EOL', date: { date: string; tentative: boolean }): MilestoneFacts => ({
  kind,
  plannedOn: date.date,
  plannedPrecision: 'DAY',
  tentative: date.tentative,
  actualOn: null,
});

/**
 * Support dates per cycle name. A cycle without a GA date, or released before any policy took
 * effect, gets none: Shepherd does not guess a policy for it.
 */
export function computePolicySupport(cycles: readonly PolicySupportCycle[], policies: readonly ReleasePolicy[]): Map<string, PolicySupport> {
  const ordered = [...cycles].sort(byVersion);
  const result = new Map<string, PolicySupport>();
  ordered.forEach((cycle, index) => {
    if (!cycle.ga) return;
    const policy = policyInForce(policies, cycle.ga.date, cycle.name);
    if (!policy) return;
    const next = ordered.slice(index + 1).find((later) => later.ga)?.ga ?? null;
    const support = computeSupportDates({
      ga: { date: cycle.ga.date, precision: 'day', tentative: cycle.ga.tentative },
      nextGa: next ? { date: next.date, precision: 'day', tentative: next.tentative } : null,
      isLts: cycle.isLts,
      rules: policy.rules,
    });
    const ownerless = cycle.isLts && support.eolWithoutLtsOwners !== null && cycle.ltsOwners < policy.rules.lts.minOwners;
    result.set(cycle.name, {
      policy: { version: policy.version, name: policy.name },
      milestones: [planned('END_OF_ACTIVE_SUPPORT', support.endOfActiveSupport), planned('EOL', ownerless ? support.eolWithoutLtsOwners! : support.eol)],
    });
  });
  return result;
}
