import { parseDocument } from 'yaml';
import { normaliseKubernetesVersion } from '../keps/kep-problems';
import { findTables } from '../releases/markdown-tables';

// Reads the Kubernetes minor-release schedule (sig-release's Summary, as tabulated in
// release-schedule.md) and sig-release's exception request files.

export interface KubernetesReleaseSchedule {
  version: string;
  proposed: boolean;
  cycleStart: string; // YYYY-MM-DD
  prrFreeze: string | null; // ISO instant, UTC
  enhancementsFreeze: string;
  codeFreeze: string;
  docsFreeze: string | null;
  releaseOn: string; // YYYY-MM-DD
}

export interface ScheduleProblem {
  line: number;
  field: string;
  message: string;
}

/** "2024-02-09T02:00Z (wk 5)" → "2024-02-09T02:00:00.000Z"; a bare day is taken as 00:00 UTC. */
function instant(cell: string): string | null {
  const match = /(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})Z)?/.exec(cell);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00'}:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const day = (cell: string) => /(\d{4}-\d{2}-\d{2})/.exec(cell)?.[1] ?? null;

const COLUMNS = {
  version: 'version',
  cycleStart: 'cycle start',
  prrFreeze: 'prr freeze',
  enhancementsFreeze: 'enhancements freeze',
  codeFreeze: 'code freeze',
  docsFreeze: 'docs freeze',
  releaseOn: 'release',
} as const;

export function parseReleaseSchedule(markdown: string): { releases: KubernetesReleaseSchedule[]; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  const table = findTables(markdown).find((t) => t.header.some((h) => h.startsWith('code freeze')) && t.header[0] === 'version');
  if (!table) return { releases: [], problems: [{ line: 1, field: '(table)', message: 'no schedule table (a "version | … | code freeze | …" table)' }] };
  const column = (name: string) => table.header.findIndex((h) => h.startsWith(name));
  const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, name]) => [key, column(name)])) as Record<keyof typeof COLUMNS, number>;
  for (const [key, at] of Object.entries(index)) {
    if (at === -1) problems.push({ line: table.line, field: key, message: `no "${COLUMNS[key as keyof typeof COLUMNS]}" column` });
  }
  if (problems.length) return { releases: [], problems };
  const releases: KubernetesReleaseSchedule[] = [];
  for (const row of table.rows) {
    const cell = (key: keyof typeof COLUMNS) => row.cells[index[key]] ?? '';
    const version = normaliseKubernetesVersion(cell('version').split(/\s/)[0]);
    const need = (field: string, value: string | null) => {
      if (value === null) problems.push({ line: row.line, field, message: `"${cell(field as keyof typeof COLUMNS)}" is not a date` });
      return value;
    };
    if (!version) {
      problems.push({ line: row.line, field: 'version', message: `"${cell('version')}" is not a Kubernetes release` });
      continue;
    }
    const parsed = {
      cycleStart: need('cycleStart', day(cell('cycleStart'))),
      enhancementsFreeze: need('enhancementsFreeze', instant(cell('enhancementsFreeze'))),
      codeFreeze: need('codeFreeze', instant(cell('codeFreeze'))),
      releaseOn: need('releaseOn', day(cell('releaseOn'))),
    };
    if (Object.values(parsed).some((value) => value === null)) continue;
    releases.push({
      version,
      proposed: /proposed/i.test(cell('version')),
      cycleStart: parsed.cycleStart!,
      prrFreeze: instant(cell('prrFreeze')),
      enhancementsFreeze: parsed.enhancementsFreeze!,
      codeFreeze: parsed.codeFreeze!,
      docsFreeze: instant(cell('docsFreeze')),
      releaseOn: parsed.releaseOn!,
    });
  }
  return { releases, problems };
}

export interface FreezeException {
  freeze: string;
  kepNumber: string;
  name: string;
  status: string;
  dateRequested: string | null;
  dateReviewed: string | null;
}

/** sig-release's `release-1.NN.yaml`: lists of requests under enhancementFreeze / codeFreeze / docsFreeze. */
export function parseExceptions(text: string, file: string): { exceptions: FreezeException[]; problems: { file: string; field: string; message: string }[] } {
  const problems: { file: string; field: string; message: string }[] = [];
  const document = parseDocument(text, { schema: 'failsafe' });
  for (const error of document.errors) problems.push({ file, field: '(yaml)', message: error.message.split('\n')[0] });
  const root = document.toJS() as Record<string, unknown> | null;
  const exceptions: FreezeException[] = [];
  for (const [freeze, list] of Object.entries(root ?? {})) {
    if (!Array.isArray(list)) {
      if (list !== '') problems.push({ file, field: freeze, message: 'expected a list of exception requests' });
      continue;
    }
    list.forEach((entry: Record<string, unknown>, position) => {
      const field = `${freeze}[${position}]`;
      const issue = typeof entry?.issue === 'string' ? entry.issue.trim() : '';
      if (!/^\d+$/.test(issue)) {
        problems.push({ file, field: `${field}.issue`, message: `"${String(entry?.issue ?? '')}" is not a KEP issue number` });
        return;
      }
      const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
      exceptions.push({ freeze, kepNumber: String(Number(issue)), name: text(entry.name) ?? `KEP-${issue}`, status: text(entry.status) ?? 'unknown', dateRequested: text(entry.date_requested), dateReviewed: text(entry.date_reviewed) });
    });
  }
  return { exceptions, problems };
}
