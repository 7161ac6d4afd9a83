import { describe, expect, it } from 'vitest';
import { parsePageQuery } from './kep-list-query';
import { paginate } from './paginate';

describe('paginate', () => {
  const items = Array.from({ length: 7 }, (_, i) => i + 1);

  it('answers one page of rows, the last for a page past it, and every row for perPage 0', () => {
    expect(paginate(items, 2, 3)).toEqual({ rows: [4, 5, 6], total: 7, page: 2, pages: 3, perPage: 3 });
    expect(paginate(items, 9, 3)).toMatchObject({ rows: [7], page: 3 });
    expect(paginate(items, 1, 0)).toMatchObject({ rows: items, pages: 1, perPage: 7 });
    expect(paginate([], 4, 50)).toEqual({ rows: [], total: 0, page: 1, pages: 1, perPage: 50 });
    expect(paginate(items, 1, 10_000).perPage).toBe(500);
  });

  it('reads page and perPage from a query and names a bad one', () => {
    expect(parsePageQuery({ release: '1.37', page: '3', perPage: '' })).toEqual({ page: 3, perPage: 50 });
    expect(parsePageQuery(new URLSearchParams('page=2&perPage=100'))).toEqual({ page: 2, perPage: 100 });
    expect(() => parsePageQuery({ page: 'two' })).toThrow('parameter "page" ("two")');
    expect(() => parsePageQuery({ perPage: '501' })).toThrow('parameter "perPage" ("501")');
  });
});
