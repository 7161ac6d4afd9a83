import type { PublicContext } from '@shepherd/governance';
import { answer } from '@shepherd/governance/eol/public-resources';
import { jsonRepresentation, representation } from '@shepherd/governance/eol/representation';
import { servePublic } from './http';

// Read-only JSON answers of the planning API, served through the public cache like the EOL API:
// computed once per data version and day, ETag/304 and CORS included.

export function publicJson(request: Request, key: string, compute: (context: PublicContext) => Promise<unknown>): Promise<Response> {
  return servePublic(request, key, (context) => answer(async () => jsonRepresentation(await compute(context), null)));
}

export function publicText(request: Request, key: string, contentType: string, compute: (context: PublicContext) => Promise<string>): Promise<Response> {
  return servePublic(request, key, (context) => answer(async () => representation(await compute(context), contentType, null)));
}
