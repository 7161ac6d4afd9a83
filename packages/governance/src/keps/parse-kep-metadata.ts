import { normaliseKubernetesVersion, type KepProblem } from './kep-problems';

// Normalises one KEP's metadata (the keys of kep.yaml) from values as written. Real files are
// messy: every oddity is kept in `raw` and reported as a problem naming the field; only a KEP with
// no usable number cannot be stored.

export const KEP_STATUSES = ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced', 'removed'] as const;
export const KEP_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'removed'] as const;

export interface KepMetadata {
  number: string;
  title: string;
  owningSig: string | null;
  directory: string | null;
  status: string | null;
  stage: string | null;
  latestMilestone: string | null;
  alphaMilestone: string | null;
  betaMilestone: string | null;
  stableMilestone: string | null;
  authors: string[];
  participatingSigs: string[];
  featureGates: string[];
  creationDate: string | null;
  lastUpdated: string | null;
}

export interface KepSourceLocation {
  file: string;
  /** "4960-container-stop-signals" when the file sits in a KEP directory. */
  directory?: string;
  /** "sig-node" when the file sits under keps/<sig>/. */
  sig?: string;
}

// A failsafe YAML parser reads `key:`, `key: ~` and `key: null` as strings; all mean "no value".
const EMPTY = new Set(['', '~', 'null', 'Null', 'NULL']);

function scalar(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return EMPTY.has(value.trim()) ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** One of `allowed`, reading an obvious typo ("imlpemented") as the word it misspells. */
function enumValue(raw: unknown, field: string, allowed: readonly string[], problem: (field: string, message: string) => void): string | null {
  const text = scalar(raw);
  if (raw !== undefined && typeof raw !== 'string' && text === null) problem(field, `expected a word, found ${JSON.stringify(raw)}`);
  if (text === null) {
    problem(field, 'missing');
    return null;
  }
  const value = text.toLowerCase();
  if (allowed.includes(value)) return value;
  const near = allowed.filter((word) => editDistance(value, word) <= 2);
  if (near.length === 1) {
    problem(field, `"${text}" is not one of ${allowed.join('|')}: read as "${near[0]}"`);
    return near[0];
  }
  problem(field, `"${text}" is not one of ${allowed.join('|')}`);
  return null;
}

function stringList(raw: unknown, field: string, problem: (field: string, message: string) => void): string[] {
  if (raw === undefined || (scalar(raw) === null && !Array.isArray(raw))) return [];
  if (!Array.isArray(raw)) {
    problem(field, `expected a list, found "${String(raw)}": read as a one-item list`);
    return [String(raw).trim()];
  }
  const values: string[] = [];
  raw.forEach((item, index) => {
    const text = scalar(item);
    if (text === null) problem(`${field}[${index}]`, `expected text, found ${JSON.stringify(item)}`);
    else values.push(text);
  });
  return values;
}

function milestone(raw: unknown, field: string, problem: (field: string, message: string) => void): string | null {
  const text = scalar(raw);
  if (text === null) {
    if (raw !== undefined && typeof raw !== 'string') problem(field, `expected a release, found ${JSON.stringify(raw)}`);
    return null;
  }
  const version = normaliseKubernetesVersion(text);
  if (!version) problem(field, `"${text}" is not a Kubernetes release (kept as written, not used for planning)`);
  return version;
}

function day(raw: unknown, field: string, problem: (field: string, message: string) => void): string | null {
  const text = scalar(raw);
  if (text === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    problem(field, `"${text}" is not a date (YYYY-MM-DD)`);
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one KEP's metadata; `kep` is null only when no KEP number can be found. */
export function parseKepMetadata(raw: unknown, location: KepSourceLocation): { kep: KepMetadata | null; problems: KepProblem[] } {
  const problems: KepProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ file: location.file, field, message });
  if (!isRecord(raw)) {
    problem('(file)', 'not a map of KEP fields');
    return { kep: null, problems };
  }

  if (scalar(raw.title) === null && scalar(raw['kep-number']) === null) {
    problem('(file)', 'skipped: no title and no kep-number, not KEP metadata');
    return { kep: null, problems };
  }
  const directoryNumber = /^(\d+)-/.exec(location.directory ?? '')?.[1] ?? null;
  let number = scalar(raw['kep-number']);
  if (number === null) {
    problem('kep-number', directoryNumber ? `missing: read as ${directoryNumber} from the directory name` : 'missing');
    number = directoryNumber;
  } else if (!/^\d+$/.test(number)) {
    problem('kep-number', `"${number}" is not a number`);
    number = null;
  } else if (directoryNumber && Number(directoryNumber) !== Number(number)) {
    // The directory is named after the enhancements issue, which tracking issues cite.
    problem('kep-number', `${number} differs from the directory's number ${directoryNumber}: keyed by ${directoryNumber}`);
    number = directoryNumber;
  }
  if (number === null) {
    problem('(file)', 'skipped: no KEP number');
    return { kep: null, problems };
  }
  number = String(Number(number));

  let title = scalar(raw.title);
  if (title === null) {
    problem('title', 'missing');
    title = location.directory ?? `KEP-${number}`;
  }
  const owningSig = scalar(raw['owning-sig']);
  if (owningSig === null) problem('owning-sig', 'missing');
  else if (location.sig && owningSig !== location.sig) problem('owning-sig', `"${owningSig}" differs from the directory's SIG "${location.sig}"`);

  const status = enumValue(raw.status, 'status', KEP_STATUSES, problem);
  const stage = enumValue(raw.stage, 'stage', KEP_STAGES, problem);

  if (raw['latest-milestone'] === undefined) problem('latest-milestone', 'missing');
  const latestMilestone = milestone(raw['latest-milestone'], 'latest-milestone', problem);
  const milestones = raw.milestone;
  if (milestones === undefined) problem('milestone', 'missing');
  else if (!isRecord(milestones)) {
    if (scalar(milestones) === null) problem('milestone', 'empty');
    else problem('milestone', `expected a map of alpha/beta/stable, found "${String(milestones)}"`);
  }
  const stageMilestones = isRecord(milestones) ? milestones : {};

  const featureGates: string[] = [];
  const gates = raw['feature-gates'];
  if (gates !== undefined && scalar(gates) !== null && !Array.isArray(gates)) problem('feature-gates', 'expected a list of { name, components }');
  if (Array.isArray(gates)) {
    gates.forEach((gate, index) => {
      const field = `feature-gates[${index}]`;
      const name = isRecord(gate) ? scalar(gate.name) : scalar(gate);
      if (name === null) {
        problem(`${field}.name`, 'missing');
        return;
      }
      featureGates.push(name);
      const components = isRecord(gate) ? gate.components : undefined;
      if (!Array.isArray(components) || components.length === 0) problem(`${field}.components`, `feature gate ${name} has no components`);
    });
  }

  return {
    kep: {
      number,
      title,
      owningSig,
      directory: location.directory ?? null,
      status,
      stage,
      latestMilestone,
      alphaMilestone: milestone(stageMilestones.alpha, 'milestone.alpha', problem),
      betaMilestone: milestone(stageMilestones.beta, 'milestone.beta', problem),
      stableMilestone: milestone(stageMilestones.stable, 'milestone.stable', problem),
      authors: stringList(raw.authors, 'authors', problem),
      participatingSigs: stringList(raw['participating-sigs'], 'participating-sigs', problem),
      featureGates,
      creationDate: day(raw['creation-date'], 'creation-date', problem),
      lastUpdated: day(raw['last-updated'], 'last-updated', problem),
    },
    problems,
  };
}
