import { notFound, v1ReleaseResource } from '@shepherd/governance';
import { CycleName, preflight, publicError, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ product: string; release: string }> };

/** One release cycle ("2.3") or the newest released one ("latest"). */
export async function GET(request: Request, { params }: Params) {
  const { product, release } = await params;
  if (!Slug.safeParse(product).success) return publicError(request, notFound(`No product "${product}"`));
  if (release !== 'latest' && !CycleName.safeParse(release).success) {
    return publicError(request, notFound(`No release cycle "${release}" in ${product} (cycles look like "2.3", or use "latest")`));
  }
  return servePublic(request, (context) => v1ReleaseResource(context, product, release));
}
export const HEAD = GET;
export const OPTIONS = preflight;
