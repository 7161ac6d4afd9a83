import { z } from 'zod';
import { invalidArgument } from '../errors';
import { KEP_LIST_SORTS, type KepListFilters, type KepListOptions } from './get-kep-views';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './paginate';
import { TRACKING_STATES } from './tracking-rules';

// The query of the KEP list, one shape for the page (/projects/{p}/keps?…) and the API
// (GET /api/projects/{p}/keps?…), and the paging part of it the liaison board shares. A bad value is
// named with its parameter; the page shows it.

const word = z.string().trim().min(1).max(100);
const pageFields = {
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  perPage: z.coerce.number().int().min(1).max(MAX_PER_PAGE).optional(),
};
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
    ...pageFields,
  })
  .strip();
const PageQuery = z.object(pageFields).strip();

export type KepListQueryInput = Record<string, string | string[] | undefined>;

/** Empty parameters mean "any"; the first of repeated ones counts. */
function parseQuery<T extends z.ZodType>(schema: T, input: KepListQueryInput | URLSearchParams): z.infer<T> {
  const entries = input instanceof URLSearchParams ? [...input.keys()].map((key) => [key, input.get(key)] as const) : Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  const raw = Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null && value.trim() !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'query');
    throw invalidArgument(`parameter "${name}" (${JSON.stringify(raw[name])}): ${issue.message}`, { field: name });
  }
  return parsed.data;
}

export function parseKepListQuery(input: KepListQueryInput | URLSearchParams): { filters: KepListFilters; sort: KepListOptions['sort']; page: number; perPage: number } {
  const { sort, page, perPage, ...filters } = parseQuery(KepListQuery, input);
  return { filters: filters as KepListFilters, sort, page: page ?? 1, perPage: perPage ?? DEFAULT_PER_PAGE };
}

/** `page` and `perPage` of a paged view other than the KEP list (the liaison board). */
export function parsePageQuery(input: KepListQueryInput | URLSearchParams): { page: number; perPage: number } {
  const { page, perPage } = parseQuery(PageQuery, input);
  return { page: page ?? 1, perPage: perPage ?? DEFAULT_PER_PAGE };
}
