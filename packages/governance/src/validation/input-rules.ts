import { invalidArgument } from '../errors';

// The rules every input boundary applies (JSON bodies, forms, query and path parameters, webhook
// payloads), so hostile input is a 400 that names the field instead of a database error:
// - PostgreSQL text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate is not Unicode at all
//   (jsonb refuses its \uD800 escape);
// - ids live in `Int` columns (PostgreSQL integer);
// - a date a person types is a year people plan in, not 0001 or 9999.

/** The largest value of an `Int` (PostgreSQL integer) column. */
export const MAX_ID = 2_147_483_647;

/** Years a person may type into a date field (EOL dates, milestones, policies, filters). */
export const SANE_YEARS = { from: 2000, to: 2199 } as const;

// With the u flag a surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** What is wrong with a piece of text, or null. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains the NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(value)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  return null;
}

export interface InputProblem {
  /** Where, as a field path: `note`, `milestones.GA.planned.date`, `owners.1`. */
  path: string;
  problem: string;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first bad string (value or object key) in a parsed JSON value or form, and values nested
 * deeper than `maxDepth`. Iterative, so a hostile 100,000-deep document cannot exhaust the stack.
 */
export function findInputProblem(value: unknown, options: { root?: string; maxDepth?: number } = {}): InputProblem | null {
  const maxDepth = options.maxDepth ?? 64;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: options.root ?? '', depth: 0 }];
  while (stack.length) {
    const { value: item, path, depth } = stack.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return { path: path || 'body', problem };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    // Named by its root: the path down a hostile nesting would be the whole nesting again.
    if (depth >= maxDepth) return { path: options.root || 'body', problem: `is nested more than ${maxDepth} levels deep` };
    const entries: [string | number, unknown][] = Array.isArray(item) ? item.map((v, i) => [i, v]) : Object.entries(item);
    // Reversed so the first problem in document order is found first.
    for (const [key, child] of entries.reverse()) {
      if (typeof key === 'string') {
        const problem = textProblem(key);
        if (problem) return { path: join(path, JSON.stringify(key)), problem: `(a key) ${problem}` };
      }
      stack.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

/** Throws `invalid_argument` naming the field when `value` holds text the database cannot store. */
export function assertCleanInput(value: unknown, options: { root?: string; maxDepth?: number } = {}): void {
  const found = findInputProblem(value, options);
  if (found) throw invalidArgument(`${found.path}: ${found.problem}`, { field: found.path });
}

/**
 * The first problem in a request URL: a path segment that is not valid percent-encoded UTF-8 or
 * decodes to unstorable text (named `path`), or a query parameter that holds such text (named by itself).
 */
export function findUrlProblem(url: URL): InputProblem | null {
  for (const segment of url.pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { path: 'path', problem: `"${segment}" is not valid percent-encoded UTF-8` };
    }
    const problem = textProblem(decoded);
    if (problem) return { path: 'path', problem };
  }
  for (const [name, value] of url.searchParams) {
    const problem = textProblem(name) ?? textProblem(value);
    if (problem) return { path: textProblem(name) ? 'query' : name, problem };
  }
  return null;
}

/** What is wrong with an id written in a path or query ("12"), or null. */
export function idProblem(value: string): string | null {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return `"${value}" is not an id (a whole number from 1 to ${MAX_ID})`;
  const id = Number(text);
  return id < 1 || id > MAX_ID ? `${text} is out of range (ids run from 1 to ${MAX_ID})` : null;
}

/** A positive id that fits its column, from a path or query parameter, or `invalid_argument` naming `field`. */
export function parseId(value: string | null | undefined, field: string): number {
  const problem = idProblem(value ?? '');
  if (problem) throw invalidArgument(`${field}: ${problem}`, { field });
  return Number(value!.trim());
}

export const isSaneYear = (date: string) => {
  const year = Number(date.slice(0, 4));
  return year >= SANE_YEARS.from && year <= SANE_YEARS.to;
};

/** What is wrong with the year of a YYYY-MM-DD (or YYYY-MM) a person typed, or null. */
export const yearProblem = (date: string): string | null => (isSaneYear(date) ? null : `${date} is outside the years ${SANE_YEARS.from}–${SANE_YEARS.to}`);

/** Refuses a YYYY-MM-DD (or YYYY-MM) outside SANE_YEARS, naming the field. */
export function assertSaneYear(field: string, date: string): void {
  const problem = yearProblem(date);
  if (problem) throw invalidArgument(`${field}: ${problem}`, { field });
}
