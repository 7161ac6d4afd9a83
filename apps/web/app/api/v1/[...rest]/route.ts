import { publicError, preflight } from '@/lib/http';
import { notFound } from '@shepherd/governance';

// Any other path under /api/v1 is a JSON 404, never an HTML page.
export function GET(request: Request) {
  return publicError(request, notFound(`No endpoint ${new URL(request.url).pathname}; see /api/v1/products and docs/openapi.yaml`));
}
export const HEAD = GET;
export const OPTIONS = preflight;
