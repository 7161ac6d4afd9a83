import { normaliseKubernetesVersion, type KepProblem } from './kep-problems';

// Normalises one KEP's metadata (the keys of kep.yaml) from values as written. Real files are
// messy: every oddity is kept in `raw` and reported as a problem naming the field; only a KEP with
// no usable number or directory cannot be stored. The enums are upstream's (kubernetes/enhancements
// api and kepval): a value upstream accepts is never reported.

export const KEP_STATUSES = ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced', 'removed'] as const;
export const KEP_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
/** The keys of `milestone:`; each is a Kubernetes release. */
export const KEP_MILESTONE_KEYS = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
/** Upstream requires stage and milestones only of KEPs that are (to be) implemented. */
const PLANLESS_STATUSES = ['provisional', 'replaced', 'rejected', 'withdrawn'];
const LIST_FIELDS = { authors: 'authors', reviewers: 'reviewers', approvers: 'approvers', prrApprovers: 'prr-approvers', participatingSigs: 'participating-sigs' } as const;

export interface KepMetadata {
  /** The KEP's directory under keps/: "sig-node/4960-container-stop-signals". */
  key: string;
  /** As written, leading zeros kept: "4960", "0000". */
  number: string;
  /** The kubernetes/enhancements issue the number names; null for 0000. */
  enhancementIssue: number | null;
  title: string;
  owningSig: string | null;
  directory: string | null;
  status: string | null;
  stage: string | null;
  latestMilestone: string | null;
  alphaMilestone: string | null;
  betaMilestone: string | null;
  stableMilestone: string | null;
  deprecatedMilestone: string | null;
  disabledMilestone: string | null;
  removedMilestone: string | null;
  authors: string[];
  reviewers: string[];
  approvers: string[];
  prrApprovers: string[];
  participatingSigs: string[];
  featureGates: string[];
  creationDate: string | null;
  lastUpdated: string | null;
  repository: string | null;
  path: string | null;
}

export interface KepSourceLocation {
  /** Where the import read it, as shown in problems: a file, `keps.json#3`, `owner/repo/keps/…/kep.yaml`. */
  file: string;
  /** "4960-container-stop-signals" when the file sits in a KEP directory. */
  directory?: string;
  /** "sig-node" when the file sits under keps/<sig>/. */
  sig?: string;
  /** The directory under keps/ ("sig-node/4960-…", "sig-cloud-provider/azure/586-…") when the path shows it. */
  key?: string;
  /** The file's path in its repository ("keps/sig-node/4960-…/kep.yaml") and the repository, when known. */
  path?: string;
  repository?: string;
}

/**
 * Upstream's templates (`NNNN-kep-template`, `sig-cloud-provider/providers/0000-cloud-provider-template`)
 * are not KEPs. A real KEP may end in "-template" (`5978-cluster-resource-claim-template`): only an
 * unnumbered (NNNN) or zero-numbered template directory is one.
 */
export const isTemplateDirectory = (name: string) => /^NNNN-/i.test(name) || /^0+-(?:.+-)?template$/i.test(name);

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

type Report = (field: string, message: string) => void;

/** One of `allowed`, reading an obvious typo ("imlpemented") as the word it misspells. */
function enumValue(raw: unknown, field: string, allowed: readonly string[], problem: Report, required: boolean): string | null {
  const text = scalar(raw);
  if (raw !== undefined && typeof raw !== 'string' && text === null) problem(field, `expected a word, found ${JSON.stringify(raw)}`);
  if (text === null) {
    if (required) problem(field, 'missing');
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

function stringList(raw: unknown, field: string, problem: Report): string[] {
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

function milestone(raw: unknown, field: string, problem: Report): string | null {
  const text = scalar(raw);
  if (text === null) {
    if (raw !== undefined && typeof raw !== 'string') problem(field, `expected a release, found ${JSON.stringify(raw)}`);
    return null;
  }
  const version = normaliseKubernetesVersion(text);
  if (!version) problem(field, `"${text}" is not a Kubernetes release (kept as written, not used for planning)`);
  return version;
}

function day(raw: unknown, field: string, problem: Report): string | null {
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

/** The number as written: the directory's (the enhancements issue tracking issues cite), else kep-number's. */
function readNumber(raw: Record<string, unknown>, directory: string | undefined, problem: Report): string | null {
  const directoryNumber = /^(\d{1,6})-/.exec(directory ?? '')?.[1] ?? null;
  const written = scalar(raw['kep-number']);
  if (written === null) {
    problem('kep-number', directoryNumber ? `missing: read as ${directoryNumber} from the directory name` : 'missing');
    return directoryNumber;
  }
  if (!/^\d+$/.test(written)) {
    problem('kep-number', directoryNumber ? `"${written}" is not a number: read as ${directoryNumber} from the directory name` : `"${written}" is not a number`);
    return directoryNumber;
  }
  if (directoryNumber && Number(directoryNumber) !== Number(written)) {
    problem('kep-number', `${written} differs from the directory's number ${directoryNumber}: read as ${directoryNumber}`);
    return directoryNumber;
  }
  return directoryNumber ?? written;
}

/** Reads one KEP's metadata; `kep` is null when it is not a KEP (a template) or has no number or directory. */
export function parseKepMetadata(raw: unknown, location: KepSourceLocation): { kep: KepMetadata | null; problems: KepProblem[] } {
  const problems: KepProblem[] = [];
  const problem: Report = (field, message) => problems.push({ file: location.file, field, message });
  if (location.directory && isTemplateDirectory(location.directory)) {
    problem('(file)', `skipped: ${location.directory} is a template, not a KEP`);
    return { kep: null, problems };
  }
  if (!isRecord(raw)) {
    problem('(file)', 'not a map of KEP fields');
    return { kep: null, problems };
  }
  if (scalar(raw.title) === null && scalar(raw['kep-number']) === null) {
    problem('(file)', 'skipped: no title and no kep-number, not KEP metadata');
    return { kep: null, problems };
  }
  const number = readNumber(raw, location.directory, problem);
  if (number === null) {
    problem('(file)', 'skipped: no KEP number');
    return { kep: null, problems };
  }

  const owningSig = scalar(raw['owning-sig']);
  if (owningSig === null) problem('owning-sig', 'missing');
  else if (location.sig && owningSig !== location.sig) problem('owning-sig', `"${owningSig}" differs from the directory's SIG "${location.sig}"`);
  const key = location.key ?? (location.directory && (location.sig ?? owningSig) ? `${location.sig ?? owningSig}/${location.directory}` : null);
  if (key === null) {
    problem('(file)', 'skipped: not in a KEP directory, so it cannot be told apart from other KEPs with its number');
    return { kep: null, problems };
  }

  let title = scalar(raw.title);
  if (title === null) {
    problem('title', 'missing');
    title = location.directory ?? `KEP-${number}`;
  }

  const status = enumValue(raw.status, 'status', KEP_STATUSES, problem, true);
  // A provisional, replaced, rejected or withdrawn KEP has no stage or milestones to give.
  const planned = !status || !PLANLESS_STATUSES.includes(status);
  const stage = enumValue(raw.stage, 'stage', KEP_STAGES, problem, planned);
  if (raw['latest-milestone'] === undefined && planned) problem('latest-milestone', 'missing');
  const latestMilestone = milestone(raw['latest-milestone'], 'latest-milestone', problem);

  const milestones = raw.milestone;
  if (milestones === undefined) {
    if (planned) problem('milestone', 'missing');
  } else if (!isRecord(milestones)) {
    if (scalar(milestones) === null) {
      if (planned) problem('milestone', 'empty');
    } else problem('milestone', `expected a map of ${KEP_MILESTONE_KEYS.join('/')}, found "${String(milestones)}"`);
  }
  const stageMilestones = isRecord(milestones) ? milestones : {};
  for (const other of Object.keys(stageMilestones).filter((k) => !(KEP_MILESTONE_KEYS as readonly string[]).includes(k))) {
    problem(`milestone.${other}`, `not a stage upstream knows (${KEP_MILESTONE_KEYS.join('|')}): kept as written`);
  }
  const stageMilestone = (name: (typeof KEP_MILESTONE_KEYS)[number]) => milestone(stageMilestones[name], `milestone.${name}`, problem);

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
  const lists = Object.fromEntries(Object.entries(LIST_FIELDS).map(([name, field]) => [name, stringList(raw[field], field, problem)])) as Record<keyof typeof LIST_FIELDS, string[]>;

  return {
    kep: {
      key,
      number,
      enhancementIssue: Number(number) || null,
      title,
      owningSig,
      directory: location.directory ?? null,
      status,
      stage,
      latestMilestone,
      alphaMilestone: stageMilestone('alpha'),
      betaMilestone: stageMilestone('beta'),
      stableMilestone: stageMilestone('stable'),
      deprecatedMilestone: stageMilestone('deprecated'),
      disabledMilestone: stageMilestone('disabled'),
      removedMilestone: stageMilestone('removed'),
      ...lists,
      featureGates,
      creationDate: day(raw['creation-date'], 'creation-date', problem),
      lastUpdated: day(raw['last-updated'], 'last-updated', problem),
      repository: location.repository ?? null,
      path: location.path ?? null,
    },
    problems,
  };
}
