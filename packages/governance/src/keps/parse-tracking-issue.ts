import { compareKubernetesVersions, normaliseKubernetesVersion } from './kep-problems';

// Reads a runtime project's SIG-Node tracking issue (containerd's "SIG-Node Integration" issue form:
// title `[SIG-Node]: KEP-<n> - …`, labels kind/feature + area/cri, a field list in the body).
// Real bodies are free text: every field is read tolerantly and what could not be read is reported.

export type RuntimeStage = 'alpha' | 'beta-gate-off' | 'beta-gate-on' | 'ga';
export const RUNTIME_STAGES: RuntimeStage[] = ['alpha', 'beta-gate-off', 'beta-gate-on', 'ga'];

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

export interface ParsedTrackingIssue {
  isTrackingIssue: boolean;
  kepNumber: string | null;
  kepNumbers: string[];
  summary: string;
  stage: RuntimeStage | null;
  kepIssue: string | null;
  kepPullRequests: string[];
  kubernetesRelease: string | null;
  kubernetesTargets: string[];
  kepOwners: string[];
  liaisons: string[];
  shepherds: string[];
  runtimeMilestone: string | null;
  targetCycle: string | null;
  /** Keys the form does not define, as written. */
  extra: Record<string, string>;
  problems: { field: string; message: string }[];
}

type Field = 'keps' | 'stage' | 'kepIssue' | 'kepPr' | 'k8sRelease' | 'kepOwner' | 'liaison' | 'shepherd';

function fieldOf(key: string): Field | null {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/^keps?$/.test(k) || k === 'keprefs' || k === 'keplinks') return 'keps';
  if (k === 'stage' || k === 'kepstage') return 'stage';
  if (/^kep(issue|issues|tracking(issue)?)$/.test(k)) return 'kepIssue';
  if (/^kep(pr|prs|pullrequests?)$/.test(k)) return 'kepPr';
  if (/^(k8s|kubernetes)(release|version|milestone)s?$/.test(k)) return 'k8sRelease';
  if (/^kepowners?$/.test(k) || k === 'kepauthors') return 'kepOwner';
  if (/lia(i)?sons?$/.test(k)) return 'liaison';
  if (/shepherds?$/.test(k)) return 'shepherd';
  return null;
}

const NO_VALUE = /^(tbd|tba|n\/?a|none|-+|\?+|todo|unknown)$/i;

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

function readFields(body: string): { values: Map<Field, string[]>; extra: Record<string, string> } {
  const values = new Map<Field, string[]>();
  const extra: Record<string, string> = {};
  let current: Field | null = null;
  for (const line of fieldLines(body)) {
    if (!line.trim() || /^\s*<!--.*-->\s*$/.test(line)) continue;
    const keyed = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][\w ()/.-]{0,40}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/.exec(line);
    const field = keyed ? fieldOf(keyed[1]) : null;
    if (keyed && field) {
      current = field;
      values.set(field, [...(values.get(field) ?? []), keyed[2].trim()]);
    } else if (keyed && !/^https?$/i.test(keyed[1].trim()) && /^\s*[-*+]\s/.test(line) && !/^\s{2,}/.test(line)) {
      current = null;
      extra[keyed[1].trim()] = keyed[2].trim();
    } else if (current && /^\s+\S|^\s*[-*+]\s/.test(line)) {
      // A nested line under the previous field (several PRs, several handles).
      values.get(current)!.push(line.replace(/^\s*[-*+]?\s*/, '').trim());
    } else {
      current = null;
    }
  }
  return { values, extra };
}

const KEP_NUMBER = /(?:KEP[\s#-]*|enhancements\/issues\/|enhancements#|#)(\d{2,5})\b|^(\d{2,5})$/gi;

function kepNumbersIn(text: string): string[] {
  const numbers: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    for (const match of part.matchAll(KEP_NUMBER)) numbers.push(String(Number(match[1] ?? match[2])));
  }
  return [...new Set(numbers)];
}

function handlesIn(texts: string[]): string[] {
  const handles: string[] = [];
  for (const text of texts) {
    const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(/https?:\/\/github\.com\/(?:orgs\/([\w-]+)\/teams\/)?([\w-]+)/g, (_m, org, name) => (org ? `@${org}/${name}` : `@${name}`));
    const words = cleaned
      .split(/[\s,;&]+|\band\b/)
      .map((token) => token.replace(/^[`*_[]+|[`*_\].:]+$/g, ''))
      .filter((word) => word && !NO_VALUE.test(word));
    // With any @handle in the value, other words are prose ("@alice will shepherd").
    const mentions = words.some((word) => word.startsWith('@'));
    for (const word of words) {
      const handle = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?$/.exec(word);
      if (handle && (word.startsWith('@') || !mentions)) handles.push(`${handle[1]}${handle[2] ?? ''}`);
    }
  }
  return [...new Map(handles.map((h) => [h.toLowerCase(), h])).values()];
}

function stageOf(text: string): RuntimeStage | null | 'ambiguous' {
  const t = text.toLowerCase().replace(/[*_`]/g, '').trim();
  if (!t || NO_VALUE.test(t)) return null;
  if (t.includes('|')) return 'ambiguous';
  if (/\b(ga|stable|general availability)\b/.test(t)) return 'ga';
  if (/beta/.test(t)) {
    if (/(gate|default)\W*(is\W*)?off|off\W*by\W*default|disabled/.test(t)) return 'beta-gate-off';
    if (/(gate|default)\W*(is\W*)?on|on\W*by\W*default|enabled/.test(t)) return 'beta-gate-on';
    return 'ambiguous';
  }
  if (/alpha/.test(t)) return 'alpha';
  return 'ambiguous';
}

/** "2.4", "v2.4", "v2.4.0" name a release cycle; other milestones ("backlog") do not. */
export function cycleOfMilestone(title: string | null): string | null {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec((title ?? '').trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : null;
}

export function parseTrackingIssue(issue: TrackingIssueInput): ParsedTrackingIssue {
  const problems: ParsedTrackingIssue['problems'] = [];
  const labels = issue.labels.map((label) => label.toLowerCase());
  const titleMatch = /^\s*\[\s*sig[- ]?node\s*\]\s*:?\s*(.*)$/i.exec(issue.title);
  const { values, extra } = readFields(issue.body ?? '');
  const get = (field: Field) => (values.get(field) ?? []).filter((value) => value.length > 0);
  const hasForm = values.has('keps') || values.has('shepherd') || values.has('liaison');
  const isTrackingIssue = Boolean(titleMatch) || (labels.includes('kind/feature') && labels.includes('area/cri') && hasForm);

  const titleRest = titleMatch ? titleMatch[1] : issue.title;
  const titleNumbers = kepNumbersIn(titleRest.replace(/\s+-\s+.*$/, '').replace(/^KEP\s+(\d)/i, 'KEP-$1'));
  const fieldNumbers = get('keps').flatMap(kepNumbersIn);
  const issueNumbers = get('kepIssue').flatMap(kepNumbersIn);
  const kepNumbers = [...new Set([...fieldNumbers, ...titleNumbers, ...issueNumbers])];
  if (isTrackingIssue && kepNumbers.length === 0) problems.push({ field: 'KEP(s)', message: 'no KEP number in the field, the title or the KEP issue link' });
  if (fieldNumbers.length && titleNumbers.length && !fieldNumbers.includes(titleNumbers[0])) {
    problems.push({ field: 'KEP(s)', message: `the title names KEP-${titleNumbers[0]}, the field ${fieldNumbers.join(', ')}` });
  }
  const summary = titleRest.replace(/^\s*(?:KEP[\s#-]*)?\d{2,5}\s*(?:[-–—:]\s*)?/i, '').trim() || titleRest.trim();

  let stage: RuntimeStage | null = null;
  const stageText = get('stage').join(' ');
  const readStage = stageOf(stageText);
  if (readStage === 'ambiguous') problems.push({ field: 'stage', message: `"${stageText}" is not one of alpha | beta w/gate off | beta w/gate on | ga` });
  else stage = readStage;

  const targets = labels
    .map((label) => /^target\/kubernetes\/(v?1\.\d+)$/.exec(label)?.[1])
    .filter((v): v is string => Boolean(v))
    .map((v) => normaliseKubernetesVersion(v)!)
    .sort(compareKubernetesVersions);
  const releaseText = get('k8sRelease').join(' ');
  const fieldReleases = (releaseText.match(/v?1\.\d{1,3}/g) ?? []).map((v) => normaliseKubernetesVersion(v)!).sort(compareKubernetesVersions);
  if (releaseText && !NO_VALUE.test(releaseText) && fieldReleases.length === 0) problems.push({ field: 'K8s-Release', message: `"${releaseText}" names no Kubernetes release` });
  const labelRelease = targets.at(-1) ?? null;
  const fieldRelease = fieldReleases.at(-1) ?? null;
  if (labelRelease && fieldRelease && labelRelease !== fieldRelease) {
    problems.push({ field: 'K8s-Release', message: `the body says ${fieldRelease}, the target/kubernetes label ${labelRelease}: the label wins` });
  }

  const targetCycle = cycleOfMilestone(issue.milestone);
  if (issue.milestone && !targetCycle) problems.push({ field: 'milestone', message: `"${issue.milestone}" names no release cycle` });

  return {
    isTrackingIssue,
    kepNumber: kepNumbers[0] ?? null,
    kepNumbers,
    summary,
    stage,
    kepIssue: get('kepIssue')[0] ?? null,
    kepPullRequests: get('kepPr').flatMap((text) => text.split(/[\s,]+/)).filter((text) => text && !NO_VALUE.test(text)),
    kubernetesRelease: labelRelease ?? fieldRelease,
    kubernetesTargets: targets,
    kepOwners: handlesIn(get('kepOwner')),
    liaisons: handlesIn(get('liaison')),
    shepherds: handlesIn(get('shepherd')),
    runtimeMilestone: issue.milestone,
    targetCycle,
    extra,
    problems,
  };
}
