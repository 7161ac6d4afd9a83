// Version strings the engine meets: cycles ("2.3"), releases ("2.3.2", "v2.3.2") and
// pre-release tags ("v2.3.0-beta.0"). Only the subset containerd uses; not a general semver.
// The one parser of these strings: validation, importers, the GitHub mirror and the pages use it.

export interface Cycle {
  major: number;
  minor: number;
}

export type PreKind = 'alpha' | 'beta' | 'rc';

export interface ParsedVersion extends Cycle {
  patch: number;
  pre: { kind: PreKind; number: number } | null;
}

// Bounded digit runs: a number is a version part, not a place to smuggle a 400-digit string.
const N = '(\\d{1,6})';
const CYCLE_RE = new RegExp(`^v?${N}\\.${N}$`);
const VERSION_RE = new RegExp(`^v?${N}\\.${N}\\.${N}(?:-(alpha|beta|rc)\\.?${N})?$`);

/** "2.3" or "v2.3" (surrounding spaces ignored) → its major and minor; anything else → null. */
export function parseCycle(value: string): Cycle | null {
  const m = CYCLE_RE.exec(value.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** A cycle name exactly as stored and as it appears in URLs: "2.3" (no prefix, no spaces). */
export function isCycleName(value: string): boolean {
  return !value.startsWith('v') && value.trim() === value && parseCycle(value) !== null;
}

/**
 * The cycle a cycle or version names: "2.4", "v2.4", "2.4.0", "v2.3.1-rc.0" → "2.4" / "2.3". GitHub
 * milestones are titled either way; anything else ("backlog") names no cycle.
 */
export function cycleOf(value: string | null | undefined): string | null {
  const parsed = parseCycle(value ?? '') ?? parseVersion(value ?? '');
  return parsed ? formatCycle(parsed) : null;
}

export function requireCycle(value: string): Cycle {
  const c = parseCycle(value);
  if (!c) throw new RangeError(`Not a release cycle (major.minor): "${value}"`);
  return c;
}

export function formatCycle({ major, minor }: Cycle): string {
  return `${major}.${minor}`;
}

export function parseVersion(value: string): ParsedVersion | null {
  const m = VERSION_RE.exec(value.trim());
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    pre: m[4] ? { kind: m[4] as PreKind, number: Number(m[5]) } : null,
  };
}

export function compareCycles(a: string, b: string): number {
  const x = requireCycle(a);
  const y = requireCycle(b);
  return x.major - y.major || x.minor - y.minor;
}

const PRE_ORDER: Record<PreKind, number> = { alpha: 0, beta: 1, rc: 2 };

/** Orders versions; a pre-release sorts before its final release (2.3.0-rc.1 < 2.3.0). */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (!a.pre || !b.pre) return (a.pre ? -1 : 0) - (b.pre ? -1 : 0);
  return PRE_ORDER[a.pre.kind] - PRE_ORDER[b.pre.kind] || a.pre.number - b.pre.number;
}

/** The next minor in the same major: a major bump is a human decision, never implied. */
export function nextMinor(cycle: string): string {
  const c = requireCycle(cycle);
  return formatCycle({ major: c.major, minor: c.minor + 1 });
}
