import { shepherdProjectsResource } from '@shepherd/governance';
import { preflight, servePublic } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return servePublic(request, shepherdProjectsResource);
}
export const HEAD = GET;
export const OPTIONS = preflight;
