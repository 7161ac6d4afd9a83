import { compareCycles } from './parse-versions';

export interface UpgradeCycle {
  cycle: string;
  isLts: boolean;
}

export type UpgradeRule =
  | 'same-release'
  | 'sequential'
  | 'lts-to-next-lts'
  | 'skips-releases'
  | 'downgrade'
  | 'unknown-release';

export interface UpgradeAnswer {
  allowed: boolean;
  rule: UpgradeRule;
  /** The direct hop when allowed; otherwise the shortest supported route (empty if none). */
  path: string[];
  message: string;
}

/**
 * Supported upgrades: to the next minor, or from an LTS straight to the next LTS in the given
 * list. "Next minor" means the next cycle in the list, so 1.7 → 2.0 is sequential (no 1.8).
 */
export function checkUpgradePath(cycles: readonly UpgradeCycle[], from: string, to: string): UpgradeAnswer {
  const list = [...cycles].sort((a, b) => compareCycles(a.cycle, b.cycle));
  const i = list.findIndex((c) => c.cycle === from);
  const j = list.findIndex((c) => c.cycle === to);
  if (i < 0 || j < 0) {
    const missing = [from, to].filter((c) => !list.some((x) => x.cycle === c)).join(' and ');
    return { allowed: false, rule: 'unknown-release', path: [], message: `Unknown release ${missing}` };
  }
  if (i === j) return { allowed: true, rule: 'same-release', path: [from], message: `${from} is already ${to}` };
  if (j < i) {
    return { allowed: false, rule: 'downgrade', path: [], message: `${from} → ${to} is a downgrade, which is not supported` };
  }
  const nextLts = (k: number) => {
    for (let n = k + 1; n < list.length; n++) if (list[n].isLts) return n;
    return -1;
  };
  if (j === i + 1) {
    return { allowed: true, rule: 'sequential', path: [from, to], message: `${from} → ${to} is an upgrade to the next minor release` };
  }
  if (list[i].isLts && nextLts(i) === j) {
    return {
      allowed: true,
      rule: 'lts-to-next-lts',
      path: [from, to],
      message: `${from} → ${to} is supported: ${to} is the next LTS after ${from}`,
    };
  }
  // Breadth-first over the supported hops; the LTS hop is tried first so ties favour it.
  const prev = new Map<number, number>([[i, -1]]);
  const queue = [i];
  while (queue.length > 0 && !prev.has(j)) {
    const k = queue.shift()!;
    for (const n of [list[k].isLts ? nextLts(k) : -1, k + 1]) {
      if (n <= k || n > j || prev.has(n)) continue;
      prev.set(n, k);
      queue.push(n);
    }
  }
  const path: string[] = [];
  for (let k = j; k !== -1; k = prev.get(k)!) path.unshift(list[k].cycle);
  const skipped = list.slice(i + 1, j).map((c) => c.cycle).join(', ');
  const lts = nextLts(i);
  const ltsNote = list[i].isLts && lts >= 0 ? ` and ${to} is not the next LTS after ${from} (${list[lts].cycle} is)` : '';
  return {
    allowed: false,
    rule: 'skips-releases',
    path,
    message: `${from} → ${to} skips ${skipped}${ltsNote}; upgrade via ${path.join(' → ')}`,
  };
}
