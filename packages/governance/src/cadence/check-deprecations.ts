import { compareCycles, formatCycle, parseCycle } from './parse-versions';

export interface Deprecation {
  component: string;
  /** Cycle that deprecated it, e.g. "2.2"; null when the register does not say. */
  deprecatedIn: string | null;
  /** Cycle it is (to be) removed in; free text such as "(May 2029)" is kept and reported. */
  removalTarget: string | null;
  removed: boolean;
}

export interface DeprecationCycle {
  cycle: string;
  isLts: boolean;
}

export type DeprecationCode =
  | 'REMOVAL_NOT_AFTER_LTS'
  | 'REMOVAL_BEFORE_DEPRECATION'
  | 'REMOVAL_TARGET_NOT_A_RELEASE'
  | 'REMOVAL_TARGET_UNKNOWN';

export interface DeprecationFinding {
  code: DeprecationCode;
  severity: 'info' | 'warning' | 'error';
  component: string;
  /** The removal target when it is a release. */
  cycle: string | null;
  message: string;
}

export interface RemovalWindow {
  cycle: string;
  /** The LTS this release directly follows, if any: only then may it remove anything. */
  afterLts: string | null;
  mayRemove: boolean;
  /** Components whose removal target is this release. */
  targeted: string[];
  /** Deprecated earlier and not yet removed: what this release could remove if it may. */
  eligible: string[];
}

export interface DeprecationReport {
  findings: DeprecationFinding[];
  windows: RemovalWindow[];
}

/**
 * The removal rule: a deprecated feature may only be removed in the release right after an LTS,
 * so every LTS user gets one full LTS of warning. "Right after" is by the given list of cycles.
 */
export function checkDeprecations(
  deprecations: readonly Deprecation[],
  cycles: readonly DeprecationCycle[],
): DeprecationReport {
  const list = [...cycles].sort((a, b) => compareCycles(a.cycle, b.cycle));
  const index = new Map(list.map((c, i) => [c.cycle, i]));
  const findings: DeprecationFinding[] = [];
  for (const d of deprecations) {
    if (d.removalTarget === null) continue;
    const parsed = parseCycle(d.removalTarget);
    if (!parsed) {
      findings.push({
        code: 'REMOVAL_TARGET_NOT_A_RELEASE',
        severity: 'info',
        component: d.component,
        cycle: null,
        message: `${d.component}: removal target "${d.removalTarget}" is not a release, so the LTS rule cannot be checked`,
      });
      continue;
    }
    const target = formatCycle(parsed);
    const deprecated = d.deprecatedIn ? parseCycle(d.deprecatedIn) : null;
    if (deprecated && compareCycles(target, formatCycle(deprecated)) <= 0) {
      findings.push({
        code: 'REMOVAL_BEFORE_DEPRECATION',
        severity: 'error',
        component: d.component,
        cycle: target,
        message: `${d.component}: removal in ${target} is not after its deprecation in ${formatCycle(deprecated)}`,
      });
    }
    const i = index.get(target);
    if (i === undefined || i === 0) {
      findings.push({
        code: 'REMOVAL_TARGET_UNKNOWN',
        severity: 'info',
        component: d.component,
        cycle: target,
        message: `${d.component}: the release before removal target ${target} is not known, so the LTS rule cannot be checked`,
      });
      continue;
    }
    const previous = list[i - 1];
    if (!previous.isLts) {
      findings.push({
        code: 'REMOVAL_NOT_AFTER_LTS',
        // A removal already shipped is history to report; a planned one can still move.
        severity: d.removed ? 'warning' : 'error',
        component: d.component,
        cycle: target,
        message:
          `${d.component}: ${d.removed ? 'removed' : 'removal planned'} in ${target}, but ${previous.cycle} is not an LTS; ` +
          `removals belong in the release right after an LTS`,
      });
    }
  }
  const windows = list.slice(1).map((c, k): RemovalWindow => {
    const previous = list[k];
    const targeted = deprecations
      .filter((d) => d.removalTarget !== null && parseCycle(d.removalTarget) && formatCycle(parseCycle(d.removalTarget)!) === c.cycle)
      .map((d) => d.component);
    const eligible = deprecations
      .filter((d) => !d.removed && d.deprecatedIn !== null && parseCycle(d.deprecatedIn) && compareCycles(d.deprecatedIn, c.cycle) < 0)
      .map((d) => d.component);
    return { cycle: c.cycle, afterLts: previous.isLts ? previous.cycle : null, mayRemove: previous.isLts, targeted, eligible };
  });
  return { findings, windows };
}
