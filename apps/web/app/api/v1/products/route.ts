import { v1ProductsResource } from '@shepherd/governance';
import { preflight, servePublic } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return servePublic(request, v1ProductsResource);
}
export const HEAD = GET;
export const OPTIONS = preflight;
