import { GITHUB_HANDLE } from '../github/handles';
import { compareKubernetesVersions, normaliseKubernetesVersion } from './kep-problems';

// Reads a runtime project's SIG-Node tracking issue (containerd's "SIG-Node Integration" issue form:
// title `[SIG-Node]: KEP-<n> - …`, labels kind/feature + area/cri, a field list in the body).
// Real bodies are free text: every field is read tolerantly, nothing is guessed into a login or a
// link, and what could not be read is reported.

export type RuntimeStage = 'alpha' | 'beta-gate-off' | 'beta-gate-on' | 'ga';
export const RUNTIME_STAGES: RuntimeStage[] = ['alpha', 'beta-gate-off', 'beta-gate-on', 'ga'];
/** Bumped when the parser reads bodies differently: stored parses of an older version are read again. */
export const TRACKING_PARSER_VERSION = 2;

export interface TrackingIssueInput {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  milestone: string | null;
  state: string;
  stateReason?: string | null;
  updatedAt: string;
}

/** One line of a stage plan ("Alpha: 1.36.", "Beta: 1.38 (hopefully)."). */
export interface StagePlanEntry {
  /** A runtime stage, or plain "beta" when the line does not say whether the gate is off or on. */
  stage: RuntimeStage | 'beta';
  kubernetesRelease: string | null;
  tentative: boolean;
  text: string;
}

export interface ParsedTrackingIssue {
  parser: number;
  isTrackingIssue: boolean;
  kepNumber: string | null;
  kepNumbers: string[];
  /** A KEP directory the body links ("sig-node/4960-container-stop-signals"): it says which KEP a shared number means. */
  kepKey: string | null;
  summary: string;
  stage: RuntimeStage | null;
  /** Several stages with their Kubernetes releases, when the body plans them. */
  stagePlan: StagePlanEntry[];
  /** The KEP's kubernetes/enhancements issue, as a link. */
  kepIssue: string | null;
  kepPullRequests: { url: string; qualifier: string | null }[];
  kubernetesRelease: string | null;
  kubernetesTargets: string[];
  kepOwners: string[];
  liaisons: string[];
  backupLiaisons: string[];
  shepherds: string[];
  /** SIG names written where a GitHub login belongs ("sig-network"): not logins. */
  sigs: string[];
  runtimeMilestone: string | null;
  targetCycle: string | null;
  /** Keys the form does not define, as written. */
  extra: Record<string, string>;
  problems: { field: string; message: string }[];
}

type Field = 'keps' | 'stage' | 'kepIssue' | 'kepPr' | 'k8sRelease' | 'kepOwner' | 'liaison' | 'shepherd';

const FIELD_NAMES: Record<Field, string> = {
  keps: 'KEP(s)', stage: 'stage', kepIssue: 'KEP Issue', kepPr: 'KEP PR', k8sRelease: 'K8s-Release', kepOwner: 'KEP-Owner', liaison: 'SIG-Node member liaison', shepherd: 'KEP-Shepherd',
};

interface FieldValue {
  text: string;
  /** "alpha" in "KEP PR (alpha):" or "- alpha: https://…" under KEP PR. */
  qualifier: string | null;
}

/** "KEP PR (alpha)" → the field and its qualifier; "KEP(s)" is the plural, not a qualifier. */
function fieldOf(key: string): { field: Field; qualifier: string | null } | null {
  const qualifier = /\(([^)]*)\)/.exec(key)?.[1]?.trim() ?? null;
  const k = key.replace(/\(s\)/i, '').replace(/\([^)]*\)/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const field: Field | null =
    /^keps?$/.test(k) || k === 'keprefs' || k === 'keplinks' ? 'keps'
    : k === 'stage' || k === 'kepstage' || k === 'stages' ? 'stage'
    : /^kep(issue|issues|tracking(issue)?)$/.test(k) ? 'kepIssue'
    : /^kep(pr|prs|pullrequests?)$/.test(k) ? 'kepPr'
    : /^(k8s|kubernetes)(release|version|milestone)s?$/.test(k) ? 'k8sRelease'
    : /^kepowners?$/.test(k) || k === 'kepauthors' ? 'kepOwner'
    : /lia(i)?sons?$/.test(k) ? 'liaison'
    : /shepherds?$/.test(k) ? 'shepherd'
    : null;
  return field ? { field, qualifier: qualifier && !/^s$/i.test(qualifier) ? qualifier : null } : null;
}

/** What people write for "nothing yet": never a PR list, a login or a link. */
const PLACEHOLDER =
  /^(?:tbd|tba|tbc|n\/?a|none|nil|-+|—|–|\?+|todo|unknown|no response|not yet|pending|see (?:the )?(?:issue|kep|above|below|description|link|title|comments?|body)(?: (?:link|above|below|description))?|\.{2,}|…)$/i;
const isPlaceholder = (text: string) => {
  const t = text.replace(/[*_`]/g, '').replace(/[.!:]+$/, '').trim();
  return t === '' || PLACEHOLDER.test(t);
};

const STAGE_WORD = /^(?:alpha|beta|ga|stable|general availability)\b/i;

/** The field list: from the "KEP/SIG-Node References" section when the form rendered one. */
function fieldLines(body: string): string[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const heading = (line: string) => /^\s{0,3}#{1,6}\s/.test(line);
  const start = lines.findIndex((line) => heading(line) && /refer|kep/i.test(line));
  if (start === -1) {
    const end = lines.findIndex((line, index) => index > 0 && heading(line));
    return end === -1 ? lines : lines.slice(0, end);
  }
  const end = lines.findIndex((line, index) => index > start && heading(line));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

function readFields(body: string): { values: Map<Field, FieldValue[]>; extra: Record<string, string> } {
  const values = new Map<Field, FieldValue[]>();
  const extra: Record<string, string> = {};
  let current: { field: Field; qualifier: string | null; inline: boolean } | null = null;
  const add = (field: Field, value: FieldValue) => values.set(field, [...(values.get(field) ?? []), value]);
  for (const line of fieldLines(body)) {
    if (!line.trim()) {
      // A blank line ends a value given on the lines below its key.
      if (current && !current.inline) current = null;
      continue;
    }
    if (/^\s*<!--.*-->\s*$/.test(line)) continue;
    const keyed = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][\w ()/.-]{0,40}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/.exec(line);
    const key = keyed && !/^https?$/i.test(keyed[1].trim()) ? keyed[1].trim() : null;
    const known = key ? fieldOf(key) : null;
    const nested = /^\s+\S|^\s*[-*+]\s/.test(line);
    const stageLine = current?.field === 'stage' && STAGE_WORD.test(line.trim().replace(/^[-*+]\s+/, ''));
    // Under a key with no value of its own, the lines that follow are its value.
    const underEmptyKey = current !== null && !current.inline;
    if (known) {
      current = { ...known, inline: keyed![2].trim() !== '' };
      add(known.field, { text: keyed![2].trim(), qualifier: known.qualifier });
    } else if (key && /^\s?[-*+]\s/.test(line) && !stageLine && !underEmptyKey) {
      current = null;
      extra[key] = keyed![2].trim();
    } else if (current && (nested || underEmptyKey || stageLine)) {
      // A line under the previous field: several PRs or handles, a stage per Kubernetes release.
      const text = line.replace(/^\s*[-*+]?\s*/, '').trim();
      const qualified = current.field === 'kepPr' ? /^([A-Za-z][\w /-]{0,30}?)\s*:\s*(.+)$/.exec(text) : null;
      add(current.field, qualified && !/^https?$/i.test(qualified[1]) ? { text: qualified[2], qualifier: qualified[1].trim() } : { text, qualifier: current.qualifier });
    } else {
      current = null;
    }
  }
  return { values, extra };
}

/** Trailing punctuation is prose, not part of a link: "…/issues/4960." and "(…/pull/6410)". */
function cleanUrl(url: string): string {
  let cleaned = url.replace(/[.,;:!?'"\]>*_`]+$/, '');
  while (cleaned.endsWith(')') && (cleaned.match(/\(/g)?.length ?? 0) < (cleaned.match(/\)/g)?.length ?? 0)) cleaned = cleaned.slice(0, -1).replace(/[.,;:!?'"\]>*_`]+$/, '');
  return cleaned;
}

interface GithubRef {
  repository: string;
  kind: 'issues' | 'pull';
  number: number;
  url: string;
}

/** Links (https://github.com/o/r/issues/1, …/pull/2) and short references (o/r#3) in a text. */
function githubRefs(text: string): GithubRef[] {
  const refs: GithubRef[] = [];
  for (const match of text.matchAll(/https?:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\/(issues|pull)\/(\d+)\S*/gi)) {
    refs.push({ repository: `${match[1]}/${match[2]}`.toLowerCase(), kind: match[3].toLowerCase() as GithubRef['kind'], number: Number(match[4]), url: cleanUrl(match[0]) });
  }
  for (const match of text.matchAll(/(?:^|[\s(,])([\w.-]+)\/([\w.-]+)#(\d+)\b/g)) {
    refs.push({ repository: `${match[1]}/${match[2]}`.toLowerCase(), kind: 'issues', number: Number(match[3]), url: `https://github.com/${match[1]}/${match[2]}/issues/${match[3]}` });
  }
  return refs;
}

const canonicalUrl = (ref: GithubRef) => `https://github.com/${ref.repository}/${ref.kind}/${ref.number}`;

/** "sig-node/4960-container-stop-signals" → "4960". */
const numberOfKey = (key: string) => String(Number(/(\d+)-[^/]*$/.exec(key)![1]));

const KEP_NUMBER = /(?:KEP[\s#-]*|enhancements\/issues\/|enhancements#|#)(\d{1,5})\b|^(\d{2,5})$/gi;

function kepNumbersIn(text: string): string[] {
  const numbers: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    if (/github\.com\/(?!kubernetes\/enhancements\/)/i.test(part)) continue;
    for (const match of part.matchAll(KEP_NUMBER)) {
      const number = Number(match[1] ?? match[2]);
      if (number > 0) numbers.push(String(number));
    }
  }
  numbers.push(...kepKeysIn(text).map(numberOfKey));
  return [...new Set(numbers)];
}

/** KEP directories linked in a text (".../tree/master/keps/sig-node/4960-container-stop-signals/README.md"). */
function kepKeysIn(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(/\bkeps\/((?:sig|wg|committee)-[\w.-]+(?:\/[\w.-]+)*)/g)) {
    const segments = cleanUrl(match[1]).split('/');
    const dir = segments.findIndex((segment, index) => index > 0 && /^\d+-/.test(segment));
    if (dir > 0) keys.push(segments.slice(0, dir + 1).join('/'));
  }
  return [...new Set(keys)];
}

interface Handles {
  logins: string[];
  backups: string[];
  sigs: string[];
}

/**
 * GitHub handles in a field: `@login`, `@org/team`, profile links, or one bare login. Prose and
 * placeholders ("see issue link", "TBD") give none; a SIG name is not a login; "(backups: @b, @c)"
 * names backups.
 */
function readHandles(values: FieldValue[], field: string, problem: (field: string, message: string) => void): Handles {
  const result: Handles = { logins: [], backups: [], sigs: [] };
  const words = (text: string, into: 'logins' | 'backups') => {
    const cleaned = text
      .replace(/\[([^\]]*)\]\((https?:[^)]*)\)/g, '$1')
      .replace(/https?:\/\/github\.com\/(?:orgs\/([\w-]+)\/teams\/)?([\w-]+)\/?/g, (_m, org, name) => (org ? ` @${org}/${name} ` : ` @${name} `));
    const tokens = cleaned
      .split(/[\s,;&]+|\band\b|\bor\b/)
      .map((token) => token.replace(/^[`*_[("']+|[`*_\])."':!?]+$/g, ''))
      .filter((token) => token && !isPlaceholder(token));
    const sigs = tokens.filter((token) => /^@?(?:sig|wg)-[a-z0-9-]+$/i.test(token));
    for (const sig of sigs) {
      result.sigs.push(sig.replace(/^@/, '').toLowerCase());
      problem(field, `"${sig}" is a SIG, not a GitHub login: not taken as one`);
    }
    const rest = tokens.filter((token) => !sigs.includes(token));
    const mentions = rest.filter((token) => token.startsWith('@'));
    // With any @handle in the value, other words are prose ("@alice will shepherd"); without one,
    // only a value that is a single login is one.
    const candidates = mentions.length ? mentions : rest.length === 1 ? rest : [];
    if (!mentions.length && rest.length > 1) problem(field, `"${text.trim()}" names no @login`);
    for (const candidate of candidates) {
      const handle = candidate.replace(/^@/, '');
      if (GITHUB_HANDLE.test(handle)) result[into].push(handle);
      else problem(field, `"${candidate}" is not a GitHub login or org/team`);
    }
  };
  for (const { text } of values) {
    if (isPlaceholder(text)) continue;
    const backupLine = /^backups?\s*:\s*(.*)$/i.exec(text);
    if (backupLine) {
      words(backupLine[1], 'backups');
      continue;
    }
    const withoutBackups = text.replace(/\(\s*(?:backups?|alternates?|secondary)\s*:?\s*([^)]*)\)/gi, (_m, inner: string) => {
      words(inner, 'backups');
      return ' ';
    });
    // Other parentheses are remarks: "(SIG-Node)", "(hopefully)".
    words(withoutBackups.replace(/\([^)]*\)/g, ' '), 'logins');
  }
  const unique = (list: string[]) => [...new Map(list.map((h) => [h.toLowerCase(), h])).values()];
  const logins = unique(result.logins);
  return { logins, backups: unique(result.backups).filter((b) => !logins.some((l) => l.toLowerCase() === b.toLowerCase())), sigs: [...new Set(result.sigs)] };
}

/** "beta w/gate on", "Beta (gate off by default)", "GA" → a stage; plain "beta" says nothing of the gate. */
function stageOf(text: string): RuntimeStage | 'beta' | null | 'ambiguous' {
  const t = text.toLowerCase().replace(/[*_`]/g, '').trim();
  if (!t || isPlaceholder(t)) return null;
  if (t.includes('|')) return 'ambiguous';
  if (/\b(ga|stable|general availability)\b/.test(t)) return 'ga';
  if (/beta/.test(t)) {
    if (/(gate|default)\W*(is\W*)?off|off\W*by\W*default|disabled/.test(t)) return 'beta-gate-off';
    if (/(gate|default)\W*(is\W*)?on|on\W*by\W*default|enabled/.test(t)) return 'beta-gate-on';
    return 'beta';
  }
  if (/alpha/.test(t)) return 'alpha';
  return 'ambiguous';
}

const RELEASE = /\bv?1\.\d{1,3}\b/;

/** The stage lines: one stage, or a plan of stages with their Kubernetes releases. */
function readStages(values: FieldValue[]): { text: string; single: ReturnType<typeof stageOf>; plan: StagePlanEntry[]; unreadable: string[] } {
  const entries = values
    .flatMap(({ text }) => text.split(/[,;]\s*(?=(?:alpha|beta|ga|stable)\b)/i))
    .map((entry) => entry.trim())
    .filter((entry) => entry && !isPlaceholder(entry));
  const text = entries.join('; ');
  if (!entries.some((entry) => RELEASE.test(entry))) return { text, single: stageOf(entries.join(' ')), plan: [], unreadable: [] };
  const plan: StagePlanEntry[] = [];
  const unreadable: string[] = [];
  for (const entry of entries) {
    const release = RELEASE.exec(entry);
    // Remarks in parentheses ("(hopefully)") are not stages; "(gate off by default)" is.
    const stage = stageOf(entry.replace(RELEASE, ' ').replace(/\([^)]*\)/g, (remark) => (/gate|default/i.test(remark) ? remark : ' ')));
    if (stage === null || stage === 'ambiguous') unreadable.push(entry);
    else {
      plan.push({
        stage,
        kubernetesRelease: release ? normaliseKubernetesVersion(release[0]) : null,
        tentative: /hopefully|tentative|maybe|probably|planned|\?/i.test(entry),
        text: entry.replace(/[.]+$/, ''),
      });
    }
  }
  return { text, single: null, plan, unreadable };
}

/** "2.4", "v2.4", "v2.4.0" name a release cycle; other milestones ("backlog") do not. */
export function cycleOfMilestone(title: string | null): string | null {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec((title ?? '').trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : null;
}

/** The KEP Issue field: a kubernetes/enhancements issue, as a link; anything else is reported, not used. */
function readKepIssue(values: FieldValue[], problem: (field: string, message: string) => void): { url: string | null; number: string | null } {
  const text = values.map((v) => v.text).join(' ').trim();
  if (isPlaceholder(text)) return { url: null, number: null };
  const refs = githubRefs(text);
  const issue = refs.find((ref) => ref.repository === 'kubernetes/enhancements' && ref.kind === 'issues');
  if (issue) return { url: canonicalUrl(issue), number: String(issue.number) };
  if (refs.length) {
    const ref = refs[0];
    problem('KEP Issue', `${ref.url} is a ${ref.repository} ${ref.kind === 'pull' ? 'pull request' : 'issue'}, not the KEP's kubernetes/enhancements issue: not used`);
    return { url: null, number: null };
  }
  const bare = /^(?:KEP[\s#-]*|#)?(\d{1,5})[.]?$/i.exec(text.replace(/[*_`]/g, ''));
  if (bare && Number(bare[1]) > 0) return { url: `https://github.com/kubernetes/enhancements/issues/${Number(bare[1])}`, number: String(Number(bare[1])) };
  problem('KEP Issue', `"${text}" names no kubernetes/enhancements issue`);
  return { url: null, number: null };
}

/** The KEP PR field: pull request links and references, each with its qualifier ("alpha"). */
function readPullRequests(values: FieldValue[], problem: (field: string, message: string) => void): ParsedTrackingIssue['kepPullRequests'] {
  const found: ParsedTrackingIssue['kepPullRequests'] = [];
  for (const { text, qualifier } of values) {
    if (isPlaceholder(text)) continue;
    const refs = githubRefs(text).filter((ref) => ref.kind === 'pull' || !/\/issues\//.test(ref.url));
    const short = refs.length ? [] : [...text.matchAll(/(?:^|\s)#(\d+)\b/g)].map((m) => `https://github.com/kubernetes/enhancements/pull/${m[1]}`);
    const urls = [...refs.map((ref) => (ref.url.includes('/pull/') ? `https://github.com/${ref.repository}/pull/${ref.number}` : ref.url)), ...short];
    if (!urls.length) problem('KEP PR', `"${text}" names no pull request`);
    for (const url of urls) if (!found.some((pr) => pr.url === url)) found.push({ url, qualifier });
  }
  return found;
}

export function parseTrackingIssue(issue: TrackingIssueInput): ParsedTrackingIssue {
  const problems: ParsedTrackingIssue['problems'] = [];
  const problem = (field: string, message: string) => {
    if (!problems.some((p) => p.field === field && p.message === message)) problems.push({ field, message });
  };
  const labels = issue.labels.map((label) => label.toLowerCase());
  const titleMatch = /^\s*\[\s*sig[- ]?node\s*\]\s*:?\s*(.*)$/i.exec(issue.title);
  const { values, extra } = readFields(issue.body ?? '');
  const get = (field: Field) => (values.get(field) ?? []).filter((value) => value.text.length > 0);
  const texts = (field: Field) => get(field).map((value) => value.text);
  const hasForm = values.has('keps') || values.has('shepherd') || values.has('liaison');
  const isTrackingIssue = Boolean(titleMatch) || (labels.includes('kind/feature') && labels.includes('area/cri') && hasForm);

  const titleRest = titleMatch ? titleMatch[1] : issue.title;
  const titleNumbers = kepNumbersIn(titleRest.replace(/\s+-\s+.*$/, '').replace(/^KEP\s+(\d)/i, 'KEP-$1'));
  const fieldNumbers = texts('keps').flatMap(kepNumbersIn);
  const kepIssue = isTrackingIssue || get('kepIssue').length ? readKepIssue(get('kepIssue'), problem) : { url: null, number: null };
  const kepNumbers = [...new Set([...fieldNumbers, ...titleNumbers, ...(kepIssue.number ? [kepIssue.number] : [])])];
  if (isTrackingIssue && kepNumbers.length === 0) problem('KEP(s)', 'no KEP number in the field, the title or the KEP issue link');
  if (fieldNumbers.length && titleNumbers.length && !fieldNumbers.includes(titleNumbers[0])) {
    problem('KEP(s)', `the title names KEP-${titleNumbers[0]}, the field ${fieldNumbers.join(', ')}`);
  }
  // A linked KEP directory says which KEP the number means when several share it.
  const kepKey = [...texts('keps'), ...texts('kepIssue')].flatMap(kepKeysIn).find((key) => numberOfKey(key) === kepNumbers[0]) ?? null;
  const summary = titleRest.replace(/^\s*(?:KEP[\s#-]*)?\d{2,5}\s*(?:[-–—:]\s*)?/i, '').trim() || titleRest.trim();

  // Kubernetes release: the target/kubernetes label wins over the body's K8s-Release.
  const targets: string[] = [];
  for (const label of labels.filter((l) => l.startsWith('target/kubernetes/'))) {
    const version = /^target\/kubernetes\/(v?1\.\d{1,3})$/.exec(label)?.[1];
    if (version) targets.push(normaliseKubernetesVersion(version)!);
    else problem('labels', `"${label}" names no Kubernetes release: ignored`);
  }
  targets.sort(compareKubernetesVersions);
  const releaseText = texts('k8sRelease').join(' ');
  const fieldReleases = (releaseText.match(/v?1\.\d{1,3}/g) ?? []).map((v) => normaliseKubernetesVersion(v)!).sort(compareKubernetesVersions);
  if (releaseText && !isPlaceholder(releaseText) && fieldReleases.length === 0) problem('K8s-Release', `"${releaseText}" names no Kubernetes release`);
  const labelRelease = targets.at(-1) ?? null;
  const fieldRelease = fieldReleases.at(-1) ?? null;
  if (labelRelease && fieldRelease && labelRelease !== fieldRelease) {
    problem('K8s-Release', `the body says ${fieldRelease}, the target/kubernetes label ${labelRelease}: the label wins`);
  }
  let kubernetesRelease = labelRelease ?? fieldRelease;

  // Stage: one value, or a plan of stages with releases whose entry for the target release counts.
  const stages = readStages(get('stage'));
  let stage: RuntimeStage | null = null;
  const allowed = 'alpha | beta w/gate off | beta w/gate on | ga';
  for (const entry of stages.unreadable) problem('stage', `"${entry}" names no stage (${allowed})`);
  if (stages.plan.length) {
    const chosen = stages.plan.find((entry) => entry.kubernetesRelease === kubernetesRelease) ?? (stages.plan.length === 1 ? stages.plan[0] : null);
    const described = stages.plan.map((entry) => `${entry.stage} in ${entry.kubernetesRelease}`).join(', ');
    if (!chosen) {
      problem('stage', `several stages planned (${described}): ${kubernetesRelease ? `none for Kubernetes ${kubernetesRelease}` : 'no target/kubernetes label or K8s-Release says which is current'}`);
    } else {
      kubernetesRelease ??= chosen.kubernetesRelease;
      if (chosen.stage === 'beta') problem('stage', `"${chosen.text}" does not say whether the beta feature gate is off or on (${allowed})`);
      else stage = chosen.stage;
    }
  } else if (stages.single === 'ambiguous' || stages.single === 'beta') {
    problem('stage', `"${stages.text}" is not one of ${allowed}`);
  } else stage = stages.single;

  const targetCycle = cycleOfMilestone(issue.milestone);
  if (issue.milestone && !targetCycle) problem('milestone', `"${issue.milestone}" names no release cycle`);

  const owners = readHandles(get('kepOwner'), FIELD_NAMES.kepOwner, problem);
  const liaisons = readHandles(get('liaison'), FIELD_NAMES.liaison, problem);
  const shepherds = readHandles(get('shepherd'), FIELD_NAMES.shepherd, problem);

  return {
    parser: TRACKING_PARSER_VERSION,
    isTrackingIssue,
    kepNumber: kepNumbers[0] ?? null,
    kepNumbers,
    kepKey,
    summary,
    stage,
    stagePlan: stages.plan,
    kepIssue: kepIssue.url,
    kepPullRequests: readPullRequests(get('kepPr'), problem),
    kubernetesRelease,
    kubernetesTargets: targets,
    kepOwners: [...owners.logins, ...owners.backups],
    liaisons: liaisons.logins,
    backupLiaisons: liaisons.backups,
    shepherds: [...shepherds.logins, ...shepherds.backups],
    sigs: [...new Set([...owners.sigs, ...liaisons.sigs, ...shepherds.sigs])],
    runtimeMilestone: issue.milestone,
    targetCycle,
    extra,
    problems,
  };
}
