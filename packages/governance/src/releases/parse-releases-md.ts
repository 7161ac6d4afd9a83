import { formatCycle, isCycleName, parseCycle, parseVersion } from '../cadence/parse-versions';
import { findTables, tableWithColumns, type MarkdownRow } from './markdown-tables';
import { parsePublishedDate, plainText, type PublishedCell, type PublishedDate } from './published-dates';

// Reads a project's RELEASES.md: the release table with its footnotes, the Kubernetes support
// table, the older inverted Kubernetes table and the deprecation tables. It never guesses: any cell
// it cannot read becomes a problem with its line number, and the caller commits nothing.

export type Phase = 'FUTURE' | 'ALPHA' | 'BETA' | 'RC' | 'ACTIVE' | 'EXTENDED' | 'END_OF_LIFE';

export interface ParsedCycle {
  line: number;
  name: string;
  major: number;
  minor: number;
  link: string | null;
  status: string;
  phase: Phase;
  isLts: boolean;
  start: PublishedDate | null;
  endOfLife: PublishedDate | null;
  footnote: number | null;
  owners: string[];
}

export interface ParsedFootnote {
  line: number;
  stars: number;
  text: string;
  activeSupportUntil: PublishedDate | null;
  extendedSupportThrough: PublishedDate | null;
  kubernetesVersions: string[];
  providers: string[];
}

export interface ParsedKubernetesRow {
  line: number;
  kubernetesVersion: string;
  criVersion: string;
  entries: { cycle: string; minimumVersion: string }[];
}

export interface ParsedLegacyKubernetesRow {
  line: number;
  runtimeVersions: string;
  kubernetesVersions: string;
  criVersion: string;
}

export interface ParsedDeprecation {
  line: number;
  kind: 'FEATURE' | 'CONFIG_PROPERTY';
  component: string;
  propertyGroup: string;
  deprecatedIn: string | null;
  removalTarget: string | null;
  removalTargetText: string;
  removed: boolean;
  recommendation: string | null;
}

export interface ImportProblem {
  line: number;
  table: string;
  message: string;
}

export interface ParsedReleasesDoc {
  cycles: ParsedCycle[];
  footnotes: ParsedFootnote[];
  kubernetes: ParsedKubernetesRow[];
  legacyKubernetes: ParsedLegacyKubernetesRow[];
  deprecations: ParsedDeprecation[];
  problems: ImportProblem[];
}

const STATUS_PHASES: Record<string, Phase> = {
  future: 'FUTURE',
  alpha: 'ALPHA',
  beta: 'BETA',
  rc: 'RC',
  active: 'ACTIVE',
  lts: 'ACTIVE',
  extended: 'EXTENDED',
  'end of life': 'END_OF_LIFE',
  eol: 'END_OF_LIFE',
};

/** "LTS", "_Future_", "LTS (_future_)", "RC (LTS)" → a phase and the LTS flag. */
export function parseStatus(raw: string): { phase: Phase; isLts: boolean } | null {
  const words = plainText(raw).toLowerCase().replace(/[()_]/g, ' ').replace(/\s+/g, ' ').trim();
  const isLts = /\blts\b/.test(words);
  const rest = words.replace(/\blts\b/, '').trim();
  if (rest === '') return isLts ? { phase: 'ACTIVE', isLts } : null;
  const phase = STATUS_PHASES[rest];
  return phase ? { phase, isLts } : null;
}

/** "[@a](…), @b, @org/team" → ["a", "b", "org/team"]; "_TBD_" and "" → []. */
export function parseOwners(raw: string): string[] | { error: string } {
  const text = plainText(raw);
  if (text === '' || /^tbd$/i.test(text) || text === '-') return [];
  const owners: string[] = [];
  for (const part of text.split(/,|\band\b/)) {
    const login = part.trim();
    if (login === '') continue;
    const match = /^@([A-Za-z0-9-]+(?:\/[A-Za-z0-9_.-]+)?)$/.exec(login);
    if (!match) return { error: `cannot read owner "${login}" (expected @login or @org/team)` };
    owners.push(match[1]);
  }
  return owners;
}

function dateCell(cell: string, column: string, row: MarkdownRow, problems: ImportProblem[]): PublishedCell | null {
  const parsed = parsePublishedDate(cell);
  if ('error' in parsed) {
    problems.push({ line: row.line, table: 'releases', message: `${column}: ${parsed.error}` });
    return null;
  }
  return parsed;
}

function parseReleaseRows(rows: MarkdownRow[], header: string[], problems: ImportProblem[]): ParsedCycle[] {
  const column = (name: string) => header.indexOf(name);
  const [release, status, start, eol, owners] = ['release', 'status', 'start', 'end of life', 'owners'].map(column);
  const cycles: ParsedCycle[] = [];
  for (const row of rows) {
    const cells = row.cells;
    if (cells.length < header.length) {
      problems.push({ line: row.line, table: 'releases', message: `expected ${header.length} columns, found ${cells.length}` });
      continue;
    }
    const link = /\]\(([^)]+)\)/.exec(cells[release])?.[1] ?? null;
    const name = plainText(cells[release]);
    const version = isCycleName(name) ? parseCycle(name) : null;
    if (!version) {
      problems.push({ line: row.line, table: 'releases', message: `Release: "${name}" is not a <major>.<minor> version` });
      continue;
    }
    const parsedStatus = parseStatus(cells[status]);
    if (!parsedStatus) problems.push({ line: row.line, table: 'releases', message: `Status: unknown status "${cells[status]}"` });
    const startCell = dateCell(cells[start], 'Start', row, problems);
    const eolCell = dateCell(cells[eol], 'End of Life', row, problems);
    const ownerList = owners >= 0 ? parseOwners(cells[owners]) : [];
    if (!Array.isArray(ownerList)) problems.push({ line: row.line, table: 'releases', message: `Owners: ${ownerList.error}` });
    if (!parsedStatus || !startCell || !eolCell || !Array.isArray(ownerList)) continue;
    cycles.push({
      line: row.line,
      name,
      major: version.major,
      minor: version.minor,
      link,
      status: plainText(cells[status]),
      phase: parsedStatus.phase,
      isLts: parsedStatus.isLts,
      start: startCell.value,
      endOfLife: eolCell.value,
      footnote: eolCell.footnote ?? startCell.footnote,
      owners: ownerList,
    });
  }
  return cycles;
}

const DATE_WORDS = String.raw`([A-Z][a-z]+\.? \d{1,2}, \d{4}|[A-Z][a-z]+,? \d{4})`;

function parseFootnote(line: number, text: string, problems: ImportProblem[]): ParsedFootnote | null {
  const stars = /^\\?(\*(?:\\?\*)*)\s+/.exec(text);
  if (!stars) return null;
  const body = text.slice(stars[0].length);
  const date = (pattern: RegExp) => {
    const match = pattern.exec(body);
    if (!match) return null;
    const parsed = parsePublishedDate(match[1]);
    if ('error' in parsed) {
      problems.push({ line, table: 'releases footnote', message: parsed.error });
      return null;
    }
    return parsed.value;
  };
  // "Kubernetes 1.32, 1.31, and 1.30" (and the real typo "Kuberentes").
  const kubernetes = /\bKube?r\w*\s+((?:\d+\.\d+(?:,\s*and\s+|,\s*|\s+and\s+)?)+)/.exec(body);
  const providedBy = /provided by (.+?)\.\s/.exec(body.replace(/^.*?Extended support/, 'Extended support'));
  return {
    line,
    stars: (stars[1].match(/\*/g) ?? []).length,
    text: plainText(body),
    activeSupportUntil: date(new RegExp(String.raw`until ${DATE_WORDS}`)),
    extendedSupportThrough: date(new RegExp(String.raw`[Ee]xtended support (?:through|until) ${DATE_WORDS}`)),
    kubernetesVersions: kubernetes ? (kubernetes[1].match(/\d+\.\d+/g) ?? []) : [],
    providers: providedBy ? (plainText(providedBy[1]).match(/@[\w/-]+/g) ?? []).map((login) => login.slice(1)) : [],
  };
}

function parseKubernetesRows(rows: MarkdownRow[], problems: ImportProblem[]): ParsedKubernetesRow[] {
  const parsed: ParsedKubernetesRow[] = [];
  for (const row of rows) {
    const [kubernetesVersion, runtimeVersions, criVersion] = row.cells.map(plainText);
    if (!isCycleName(kubernetesVersion ?? '')) {
      problems.push({ line: row.line, table: 'kubernetes', message: `Kubernetes Version: "${kubernetesVersion}" is not <major>.<minor>` });
      continue;
    }
    const entries: ParsedKubernetesRow['entries'] = [];
    for (const item of (runtimeVersions ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
      const version = item.endsWith('+') ? parseVersion(item.slice(0, -1)) : null;
      if (!version || version.pre) {
        problems.push({ line: row.line, table: 'kubernetes', message: `containerd Version: cannot read "${item}" (expected e.g. 2.1.0+)` });
        continue;
      }
      entries.push({ cycle: formatCycle(version), minimumVersion: `${formatCycle(version)}.${version.patch}` });
    }
    parsed.push({ line: row.line, kubernetesVersion, criVersion: criVersion ?? '', entries });
  }
  return parsed;
}

/** "containerd v2.4 ✅" → "2.4"; "(May 2029)" → null; "-" → null. */
function releaseIn(text: string): string | null {
  return /^(?:\w+\s+)?v?(\d+\.\d+(?:\.\d+)?)\b/.exec(text.trim())?.[1] ?? null;
}

function parseDeprecationRows(rows: MarkdownRow[], header: string[], kind: ParsedDeprecation['kind']): ParsedDeprecation[] {
  const column = (name: string) => header.indexOf(name);
  const component = kind === 'FEATURE' ? column('component') : column('property');
  const group = column('property group');
  return rows.map((row) => {
    const cell = (index: number) => (index >= 0 ? (row.cells[index] ?? '').trim() : '');
    const target = cell(column('target release for removal'));
    return {
      line: row.line,
      kind,
      component: cell(component),
      propertyGroup: kind === 'CONFIG_PROPERTY' ? cell(group) : '',
      deprecatedIn: releaseIn(plainText(cell(column('deprecation release')))),
      removalTarget: releaseIn(plainText(target)),
      removalTargetText: target,
      removed: target.includes('✅'),
      recommendation: cell(column('recommendation')) || null,
    };
  });
}

export function parseReleasesMd(markdown: string): ParsedReleasesDoc {
  const tables = findTables(markdown);
  const problems: ImportProblem[] = [];
  const releaseTable = tableWithColumns(tables, ['release', 'status', 'start', 'end of life']);
  if (!releaseTable) {
    problems.push({ line: 1, table: 'releases', message: 'no release table found (columns Release, Status, Start, End of Life)' });
  }
  const cycles = releaseTable ? parseReleaseRows(releaseTable.rows, releaseTable.header, problems) : [];
  const footnotes = (releaseTable?.trailer ?? [])
    .map(({ line, text }) => parseFootnote(line, text, problems))
    .filter((note): note is ParsedFootnote => note !== null);
  for (const cycle of cycles) {
    if (cycle.footnote && !footnotes.some((note) => note.stars === cycle.footnote)) {
      problems.push({ line: cycle.line, table: 'releases', message: `${cycle.name}: footnote ${'*'.repeat(cycle.footnote)} has no text below the table` });
    }
  }
  const seen = new Map<string, number>();
  for (const cycle of cycles) {
    const earlier = seen.get(cycle.name);
    if (earlier) problems.push({ line: cycle.line, table: 'releases', message: `${cycle.name} is listed twice (also line ${earlier})` });
    seen.set(cycle.name, cycle.line);
  }

  const kubernetesTable = tableWithColumns(tables, ['kubernetes version', 'containerd version', 'cri version']);
  const kubernetes =
    kubernetesTable && kubernetesTable.header[0] === 'kubernetes version' ? parseKubernetesRows(kubernetesTable.rows, problems) : [];
  const legacyTable = tables.find((table) => table.header[0] === 'containerd version' && table.header.includes('kubernetes version'));
  const legacyKubernetes = (legacyTable?.rows ?? []).map((row) => {
    // Kept as published, footnote marks included: this table is history, not data we compute on.
    const [runtimeVersions, kubernetesVersions, criVersion] = row.cells.map((cell) => cell.trim());
    return { line: row.line, runtimeVersions, kubernetesVersions, criVersion };
  });
  const featureTable = tableWithColumns(tables, ['component', 'deprecation release', 'target release for removal']);
  const propertyTable = tableWithColumns(tables, ['property group', 'property', 'deprecation release']);
  const deprecations = [
    ...(featureTable ? parseDeprecationRows(featureTable.rows, featureTable.header, 'FEATURE') : []),
    ...(propertyTable ? parseDeprecationRows(propertyTable.rows, propertyTable.header, 'CONFIG_PROPERTY') : []),
  ];
  return { cycles, footnotes, kubernetes, legacyKubernetes, deprecations, problems };
}
