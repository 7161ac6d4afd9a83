import { type CalendarDate, formatProjectDate } from './dates';
import { compareCycles } from './parse-versions';
import type { LifecyclePhase } from './policy-rules';
import type { KubernetesMatrixRow } from './query-kubernetes-matrix';

export type ReleaseStatusWord = 'End of Life' | 'LTS' | 'Active' | 'Extended' | '_Future_';

export interface TableOwner {
  login: string;
  /** Teams are written as plain "@org/team", people as a profile link. */
  isTeam?: boolean;
}

export interface ReleaseTableRow {
  cycle: string;
  /** Latest patch tag ("v2.3.2"); the release cell links it. */
  latestTag?: string | null;
  /** Milestone number, linked while no tag exists yet. */
  milestone?: number | null;
  status: ReleaseStatusWord;
  start: CalendarDate | null;
  endOfLife: CalendarDate | null;
  /** Footnote number, written as that many stars after the end-of-life date. */
  endOfLifeFootnote?: number;
  owners: TableOwner[];
}

export interface RenderOptions {
  repoUrl?: string;
}

const DEFAULT_REPO = 'https://github.com/containerd/containerd';

/** The project's status word for a phase: an LTS shows "LTS" until it reaches end of life. */
export function statusWord(phase: LifecyclePhase, isLts: boolean): ReleaseStatusWord {
  if (phase === 'END_OF_LIFE') return 'End of Life';
  if (phase === 'ACTIVE' || phase === 'EXTENDED') return isLts ? 'LTS' : phase === 'ACTIVE' ? 'Active' : 'Extended';
  return '_Future_';
}

/**
 * A date cell. Month precision is always "March 2027": the real table once wrote "March, 2027",
 * and normalising that is deliberate so one date never has two spellings.
 */
export function formatDateCell(value: CalendarDate | null, footnote = 0): string {
  if (!value) return '';
  return `${formatProjectDate(value)}${value.tentative ? ' (_tentative_)' : ''}${'*'.repeat(footnote)}`;
}

export function formatOwnerCell(owners: readonly TableOwner[]): string {
  return owners
    .map((o) => {
      const login = o.login.replace(/^@/, '');
      return o.isTeam ? `@${login}` : `[@${login}](https://github.com/${login})`;
    })
    .join(', ');
}

export function formatReleaseCell(row: ReleaseTableRow, repoUrl = DEFAULT_REPO): string {
  if (row.latestTag) return `[${row.cycle}](${repoUrl}/releases/tag/${row.latestTag})`;
  if (row.milestone != null) return `[${row.cycle}](${repoUrl}/milestone/${row.milestone})`;
  return row.cycle;
}

/**
 * Free text (an extended-support note people typed) as one line of the generated markdown: line
 * breaks would end the footnote or start a heading, list or table of their own, raw HTML would be
 * HTML in RELEASES.md, and a pipe could split a table cell. Markdown links and emphasis stay, as the
 * published notes use them.
 */
export function flattenMarkdownText(text: string): string {
  return text
    .trim()
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/[<>|]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '|': '\\|' })[c]!);
}

/** A markdown table padded so every column lines up. */
export function renderMarkdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, c) => (cells[c] ?? '').padEnd(w)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n') + '\n';
}

/** The release table of RELEASES.md, oldest release first. */
export function renderReleasesTable(rows: readonly ReleaseTableRow[], options: RenderOptions = {}): string {
  const sorted = [...rows].sort((a, b) => compareCycles(a.cycle, b.cycle));
  return renderMarkdownTable(
    ['Release', 'Status', 'Start', 'End of Life', 'Owners'],
    sorted.map((r) => [
      formatReleaseCell(r, options.repoUrl),
      r.status,
      formatDateCell(r.start),
      formatDateCell(r.endOfLife, r.endOfLifeFootnote ?? 0),
      formatOwnerCell(r.owners),
    ]),
  );
}

/** The Kubernetes support table: oldest Kubernetes first, newest runtime first in each cell. */
export function renderKubernetesTable(rows: readonly KubernetesMatrixRow[], projectName = 'containerd'): string {
  const k8s = (v: string) => v.replace(/^v/, '');
  const sorted = [...rows].sort((a, b) => compareCycles(k8s(a.kubernetesVersion), k8s(b.kubernetesVersion)));
  return renderMarkdownTable(
    ['Kubernetes Version', `${projectName} Version`, 'CRI Version'],
    sorted.map((r) => [
      r.kubernetesVersion,
      [...r.entries].sort((a, b) => compareCycles(b.cycle, a.cycle)).map((e) => `${e.minimumVersion}+`).join(', '),
      r.criVersion,
    ]),
  );
}

/** Splits a rendered table back into trimmed cells (header and rule dropped); for tests and diffs. */
export function parseMarkdownTableCells(markdown: string): string[][] {
  return markdown
    .trim()
    .split('\n')
    .slice(2)
    .map((l) => l.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim()));
}
