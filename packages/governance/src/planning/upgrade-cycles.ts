import type { UpgradeCycle } from '../cadence/check-upgrade-path';
import type { CycleSummary } from '../releases/get-releases';

/**
 * Cycles as the upgrade-path rule sees them: direct LTS → LTS upgrades follow the project's LTS
 * upgrade line (containerd: 1.7 → 2.3 → 2.6), not every branch labelled LTS (2.0 became one later
 * through extended support). A project without a line falls back to the LTS labels.
 */
export function upgradeCycles(ltsUpgradeLine: readonly string[], cycles: readonly Pick<CycleSummary, 'name' | 'lifecycle'>[]): UpgradeCycle[] {
  const line = new Set(ltsUpgradeLine);
  return cycles.map((cycle) => ({ cycle: cycle.name, isLts: line.size ? line.has(cycle.name) : cycle.lifecycle.isLts }));
}
