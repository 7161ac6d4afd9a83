import { stringify } from 'csv-stringify/sync';
import { kepListCsv, kepListRecord, listKeps, parseKepListQuery, type PublicContext } from '@shepherd/governance';
import { publicJson, publicText } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

/**
 * The KEP list: the page's filters (sig, participating, stage, status, milestone, shepherd, target,
 * state, q), sort, page and perPage (at most 500); `format=csv` answers CSV. Public and cached
 * per data version and day, like the planning API.
 */
export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  const query = new URL(request.url).searchParams;
  const csv = query.get('format') === 'csv';
  query.delete('format');
  const key = `keps ${project} ${csv ? 'csv' : 'json'} ${[...query].sort().join('&')}`;
  const compute = async ({ prisma, today }: PublicContext) => {
    const { filters, sort, page, perPage } = parseKepListQuery(query);
    return { list: await listKeps(prisma, project, filters, { today: new Date(`${today}T00:00:00Z`), sort, page, perPage }), filters, sort };
  };
  if (csv) {
    return publicText(request, key, 'text/csv; charset=utf-8', async (context) => stringify(kepListCsv((await compute(context)).list.rows)));
  }
  return publicJson(request, key, async (context) => {
    const { list, filters, sort } = await compute(context);
    return { project, filters, sort: sort ?? 'number', total: list.total, page: list.page, pages: list.pages, perPage: list.perPage, keps: list.rows.map((row) => kepListRecord(row, list.project.repository)) };
  });
}
