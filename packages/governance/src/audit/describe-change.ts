import { formatPublishedDate } from '../releases/published-dates';

// An audit event stores the whole record before and after a change (a policy list, a cycle's plan).
// People reading the log want what changed: one line per changed value, named by its path in plain
// words ("v3 › rules › regular support › months: 8 → 10"), list entries matched by their identity
// (a policy's version, a milestone's kind) rather than by position, and dates as projects write them.

export interface ChangeLine {
  /** Where, in words: "end of life", "v3 › rules › beta lead weeks › min". Empty for the record itself. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
  /** For a whole record added or removed: each of its values, by path. */
  fields?: { path: string; value: string }[];
}

const IDENTITY_KEYS = ['version', 'kind', 'cycle', 'login', 'id', 'name', 'slug', 'tag'] as const;
const MAX_VALUE = 300;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "betaLeadWeeks" → "beta lead weeks"; "eolFrom" → "eol from". */
export const humanize = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();

/** A planned date as stored ({date, precision, tentative}). */
function isPlannedDate(value: Record<string, unknown>): value is { date: string; precision: string; tentative?: boolean } {
  return typeof value.date === 'string' && typeof value.precision === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(value.date);
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** A value as one readable line. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '(empty)' : clip(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : clip(value.map((item) => showValue(item)).join(', '));
  if (isRecord(value)) {
    if (isPlannedDate(value)) {
      const precision = value.precision.toUpperCase() === 'MONTH' ? 'MONTH' : 'DAY';
      return `${formatPublishedDate(precision === 'MONTH' ? `${value.date.slice(0, 7)}-01` : value.date, precision)}${value.tentative ? ' (tentative)' : ''}`;
    }
    return clip(
      Object.entries(value)
        .filter(([, item]) => item !== null && item !== undefined)
        .map(([key, item]) => `${humanize(key)}: ${isRecord(item) && !isPlannedDate(item) ? `{${showValue(item)}}` : showValue(item)}`)
        .join('; '),
    );
  }
  return clip(String(value));
}

/** The key that identifies the entries of two versions of a list of records, when each carries a unique one. */
function identityOf(before: unknown[], after: unknown[]): (typeof IDENTITY_KEYS)[number] | null {
  const lists = [before, after];
  if (!before.length && !after.length) return null;
  if (!lists.every((items) => items.every(isRecord))) return null;
  for (const key of IDENTITY_KEYS) {
    const unique = (items: unknown[]) => {
      const values = (items as Record<string, unknown>[]).map((item) => item[key]);
      return values.every((value) => typeof value === 'string' || typeof value === 'number') && new Set(values).size === values.length;
    };
    if (lists.every(unique)) return key;
  }
  return null;
}

/** Every scalar (or list of scalars, or planned date) in a record, by path in words. */
function leaves(value: unknown, path: string, out: { path: string; value: string }[]): { path: string; value: string }[] {
  if (isRecord(value) && !isPlannedDate(value)) for (const [key, item] of Object.entries(value)) leaves(item, join(path, humanize(key)), out);
  else if (Array.isArray(value) && value.some(isRecord)) value.forEach((item, index) => leaves(item, join(path, String(index + 1)), out));
  else if (value !== null && value !== undefined) out.push({ path, value: showValue(value) });
  return out;
}

/** A whole record added or removed: a short name for it, and its values when it has several. */
function wholeRecord(path: string, kind: 'added' | 'removed', value: unknown): ChangeLine {
  const fields = isRecord(value) && !isPlannedDate(value) ? leaves(value, '', []) : [];
  const text = isRecord(value) && typeof value.name === 'string' ? clip(value.name) : showValue(value);
  return { path, kind, before: kind === 'removed' ? text : null, after: kind === 'added' ? text : null, ...(fields.length > 1 ? { fields } : {}) };
}

const entryName = (key: string, value: unknown) => (key === 'version' ? `v${String(value)}` : String(value));
const join = (path: string, part: string) => (path ? `${path} › ${part}` : part);

function diff(before: unknown, after: unknown, path: string, out: ChangeLine[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const absent = (value: unknown) => value === null || value === undefined;
  if (absent(before) && !absent(after)) {
    out.push(wholeRecord(path, 'added', after));
    return;
  }
  if (!absent(before) && absent(after)) {
    out.push(wholeRecord(path, 'removed', before));
    return;
  }
  if (isRecord(before) && isRecord(after) && !isPlannedDate(before) && !isPlannedDate(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diff(before[key], after[key], join(path, humanize(key)), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = identityOf(before, after);
    if (key) {
      const index = (items: unknown[]) => new Map((items as Record<string, unknown>[]).map((item) => [String(item[key]), item]));
      const [was, now] = [index(before), index(after)];
      for (const [id, item] of was) {
        const name = join(path, entryName(key, item[key]));
        if (!now.has(id)) out.push(wholeRecord(name, 'removed', item));
        else diff(item, now.get(id), name, out);
      }
      for (const [id, item] of now) if (!was.has(id)) out.push(wholeRecord(join(path, entryName(key, item[key])), 'added', item));
      return;
    }
  }
  out.push({ path, kind: 'changed', before: showValue(before), after: showValue(after) });
}

/** The changes between an audit event's before and after, one line per changed value. */
export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  const out: ChangeLine[] = [];
  diff(before, after, '', out);
  return out;
}
