export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 500;

export interface Paged<T> {
  rows: T[];
  total: number;
  /** 1-based; a page past the last answers the last. */
  page: number;
  pages: number;
  perPage: number;
}

/** One page of rows, `perPage` at most MAX_PER_PAGE; 0 answers every row (exports). */
export function paginate<T>(items: readonly T[], page = 1, perPage = DEFAULT_PER_PAGE): Paged<T> {
  const size = perPage === 0 ? Math.max(items.length, 1) : Math.min(Math.max(perPage, 1), MAX_PER_PAGE);
  const pages = Math.max(Math.ceil(items.length / size), 1);
  const current = Math.min(Math.max(page, 1), pages);
  return { rows: items.slice((current - 1) * size, current * size), total: items.length, page: current, pages, perPage: size };
}
