import { notFound, v1ProductResource } from '@shepherd/governance';
import { preflight, publicError, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ product: string }> }) {
  const { product } = await params;
  if (!Slug.safeParse(product).success) return publicError(request, notFound(`No product "${product}"`));
  return servePublic(request, (context) => v1ProductResource(context, product));
}
export const HEAD = GET;
export const OPTIONS = preflight;
