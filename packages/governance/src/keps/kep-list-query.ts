import { z } from 'zod';
import { invalidArgument } from '../errors';
import { DEFAULT_PER_PAGE, KEP_LIST_SORTS, type KepListFilters, type KepListOptions } from './get-kep-views';
import { TRACKING_STATES } from './tracking-rules';

// The query of the KEP list, one shape for the page (/projects/{p}/keps?…) and the API
// (GET /api/projects/{p}/keps?…). A bad value is named with its parameter; the page shows it.

const word = z.string().trim().min(1).max(100);
export const KepListQuery = z
  .object({
    sig: word.optional(),
    participating: word.optional(),
    stage: word.optional(),
    status: word.optional(),
    milestone: word.optional(),
    shepherd: word.transform((v) => v.replace(/^@/, '')).optional(),
    target: word.optional(),
    state: z.enum(['untracked', 'tracked', ...TRACKING_STATES]).optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(KEP_LIST_SORTS).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    perPage: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strip();

export type KepListQueryInput = Record<string, string | string[] | undefined>;

/** Empty parameters mean "any"; the first of repeated ones counts. */
export function parseKepListQuery(input: KepListQueryInput | URLSearchParams): { filters: KepListFilters; sort: KepListOptions['sort']; page: number; perPage: number } {
  const entries = input instanceof URLSearchParams ? [...input.keys()].map((key) => [key, input.get(key)] as const) : Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  const raw = Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null && value.trim() !== ''));
  const parsed = KepListQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'query');
    throw invalidArgument(`parameter "${name}" (${JSON.stringify(raw[name])}): ${issue.message}`, { field: name });
  }
  const { sort, page, perPage, ...filters } = parsed.data;
  return { filters: filters as KepListFilters, sort, page: page ?? 1, perPage: perPage ?? DEFAULT_PER_PAGE };
}
