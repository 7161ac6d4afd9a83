import { checkUpgradePath } from '../cadence/check-upgrade-path';
import { daysBetween, type DateView } from '../lifecycle/compute-lifecycle';
import { upgradeCycles } from '../planning/upgrade-cycles';
import type { CycleSummary } from '../releases/get-releases';
import { addDays } from './dates';

// What the public end-of-life page advises, as a plain function of a project's loaded cycles (so it
// is computed once per data version and day with the rest of the snapshot): which release to run,
// what each release's users should do, what comes next and whether it is late.

export type AdviceKind = 'recommended' | 'upgrade' | 'stay' | 'none';

export interface UpgradeAdvice {
  kind: AdviceKind;
  /** "Upgrade to 2.3 via 2.1 → 2.2", "Stay on 2.4: newer than the 2.3 LTS", "Recommended". */
  text: string;
  /** The supported route, from this release to the recommended one (empty when there is none). */
  path: string[];
}

export interface UpcomingRelease {
  cycle: CycleSummary;
  /** Days since the planned GA passed without a GA (0 when not late, or nothing is planned). */
  overdueDays: number;
}

export interface EolAdvice {
  /** The newest LTS in active support, else the newest release in active support. */
  recommended: CycleSummary | null;
  /** The newest released, maintained release (when it is not the recommended one, the page says so). */
  newest: CycleSummary | null;
  /** Advice per cycle name, for every released cycle. */
  advice: Map<string, UpgradeAdvice>;
  /** Cycles not released yet, the next one first. */
  upcoming: UpcomingRelease[];
}

type Project = { ltsUpgradeLine: readonly string[] };

/** The last day a date covers: the day itself, or the last day of its month. */
const lastDay = (date: DateView) => addDays(date.endsBefore, -1);

export function recommendRelease(cycles: readonly CycleSummary[]): CycleSummary | null {
  const active = cycles.filter((cycle) => cycle.lifecycle.phase === 'ACTIVE' && cycle.lifecycle.ga?.happened);
  return active.find((cycle) => cycle.lifecycle.isLts) ?? active[0] ?? null;
}

function adviceFor(project: Project, cycles: readonly CycleSummary[], from: CycleSummary, to: CycleSummary | null): UpgradeAdvice {
  if (!to) return { kind: 'none', text: 'No release is in active support to upgrade to', path: [] };
  if (from.name === to.name) return { kind: 'recommended', text: 'Recommended', path: [from.name] };
  const released = upgradeCycles(project.ltsUpgradeLine, cycles.filter((cycle) => cycle.lifecycle.ga?.happened));
  const answer = checkUpgradePath(released, from.name, to.name);
  if (answer.allowed) return { kind: 'upgrade', text: `Upgrade to ${to.name}${answer.rule === 'lts-to-next-lts' ? ' (LTS to next LTS)' : ''}`, path: answer.path };
  if (answer.rule === 'downgrade') {
    // Newer than the recommendation: going back is not supported; stay, and move on with the minors.
    const recommendedLabel = `${to.name}${to.lifecycle.isLts ? ' LTS' : ''}`;
    const sorted = [...cycles].sort((a, b) => a.major - b.major || a.minor - b.minor);
    const next = sorted[sorted.findIndex((cycle) => cycle.name === from.name) + 1]?.name;
    const onward = from.lifecycle.isMaintained
      ? next
        ? `; upgrade to ${next} when it is released`
        : ''
      : next
        ? `; it is no longer supported: upgrade to ${next}`
        : '; it is no longer supported';
    return { kind: 'stay', text: `Stay on ${from.name}: it is newer than the ${recommendedLabel}, and going back is not supported${onward}`, path: [] };
  }
  if (answer.path.length > 1) return { kind: 'upgrade', text: `Upgrade to ${to.name} via ${answer.path.slice(1, -1).join(' → ')}`, path: answer.path };
  return { kind: 'none', text: answer.message, path: [] };
}

/** The whole page's advice for `today` (the snapshot's day). */
export function adviseUpgrades(project: Project, cycles: readonly CycleSummary[], today: string): EolAdvice {
  const recommended = recommendRelease(cycles);
  const newest = cycles.find((cycle) => cycle.lifecycle.ga?.happened && cycle.lifecycle.isMaintained) ?? null;
  const advice = new Map<string, UpgradeAdvice>();
  for (const cycle of cycles) if (cycle.lifecycle.ga?.happened) advice.set(cycle.name, adviceFor(project, cycles, cycle, recommended));
  const upcoming = cycles
    .filter((cycle) => !cycle.lifecycle.ga?.happened)
    .reverse()
    .map((cycle) => {
      const ga = cycle.lifecycle.ga;
      return { cycle, overdueDays: ga ? Math.max(0, daysBetween(lastDay(ga), today)) : 0 };
    });
  return { recommended, newest, advice, upcoming };
}
