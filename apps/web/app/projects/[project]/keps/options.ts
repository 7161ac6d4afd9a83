import { z } from 'zod';
import { DEFAULT_IDLE_DAYS, GovernanceError } from '@shepherd/governance';

// PRs count as idle after SHEPHERD_KEP_IDLE_DAYS days (default 14); ?idleDays= overrides it per view.
const days = z.coerce.number().int().min(1).max(365);

export function idleDays(query: string | string[] | undefined): number {
  const fromQuery = days.safeParse(Array.isArray(query) ? query[0] : query);
  if (fromQuery.success) return fromQuery.data;
  const fromEnv = days.safeParse(process.env.SHEPHERD_KEP_IDLE_DAYS);
  return fromEnv.success ? fromEnv.data : DEFAULT_IDLE_DAYS;
}

export const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

type Query = Record<string, string | string[] | undefined>;

/** A page's query as `parse` reads it; a bad parameter (a hand-edited URL) is named, and the defaults are used. */
export function readQuery<T>(parse: (query: Query) => T, query: Query): { asked: T; problem: string | null } {
  try {
    return { asked: parse(query), problem: null };
  } catch (error) {
    if (!(error instanceof GovernanceError)) throw error;
    return { asked: parse({}), problem: error.message };
  }
}
