import Link from 'next/link';

// Long lists (the KEP list, job runs) are shown a page at a time, so a page's work does not grow with
// the data: ?page=N, 1-based; a number past the end shows the last page.

export const PAGE_SIZE = 50;

export function pageNumber(query: string | string[] | undefined): number {
  const value = Number(Array.isArray(query) ? query[0] : query);
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/** The rows of page `requested` (clamped to the pages there are), and where they stand. */
export function paginate<T>(rows: readonly T[], requested: number, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(requested, pages);
  const first = (page - 1) * size;
  return { page, pages, rows: rows.slice(first, first + size), first: first + 1, last: Math.min(first + size, rows.length), total: rows.length };
}

/** "Page 3 of 40" with previous/next links; `href` builds a page's URL (keeping the other parameters). */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="pages" data-testid="pager">
      {page > 1 ? <Link href={href(page - 1)}>← previous</Link> : <span className="muted">← previous</span>}{' '}
      <span>
        page {page} of {pages}
      </span>{' '}
      {page < pages ? <Link href={href(page + 1)}>next →</Link> : <span className="muted">next →</span>}
    </nav>
  );
}
