import proxyaddr from 'proxy-addr';
import { invalidArgument } from '../errors';

// Which forwarded headers to believe. X-Forwarded-For, -Host and -Proto are written by whoever sent
// the request, so they count only when the TCP peer is a proxy the operator named in
// SHEPHERD_TRUSTED_PROXIES (addresses, CIDRs, or proxy-addr's names loopback, linklocal,
// uniquelocal). The client is then the right-most X-Forwarded-For hop that is not a trusted proxy
// (proxy-addr, the library Express uses for the same rule); without the setting it is the peer.

export type ProxyTrust = (address: string, hop: number) => boolean;

export interface RequestOrigin {
  /** The TCP peer's address, as the server socket saw it. */
  peer: string | null;
  headers: { get(name: string): string | null };
}

const TRUST_NONE: ProxyTrust = () => false;
let cached: { value: string; trust: ProxyTrust } | undefined;

/** SHEPHERD_TRUSTED_PROXIES compiled once; a bad entry is an error that names the variable. */
export function proxyTrust(env: Record<string, string | undefined> = process.env): ProxyTrust {
  const value = env.SHEPHERD_TRUSTED_PROXIES?.trim() ?? '';
  if (cached?.value === value) return cached.trust;
  const entries = value.split(/[\s,]+/).filter(Boolean);
  let trust = TRUST_NONE;
  if (entries.length) {
    try {
      trust = proxyaddr.compile(entries);
    } catch (error) {
      throw invalidArgument(`SHEPHERD_TRUSTED_PROXIES: ${(error as Error).message} (use addresses, CIDRs such as 10.0.0.0/8, or loopback, linklocal, uniquelocal)`, {
        field: 'SHEPHERD_TRUSTED_PROXIES',
      });
    }
  }
  cached = { value, trust };
  return trust;
}

const fromTrustedProxy = (request: RequestOrigin, trust: ProxyTrust) => request.peer !== null && request.peer !== '' && trust(request.peer, 0);

/** The client's address: the peer, or behind trusted proxies the right-most untrusted X-Forwarded-For hop. */
export function clientAddress(request: RequestOrigin, trust: ProxyTrust = proxyTrust()): string {
  if (!request.peer) return 'unknown';
  if (!fromTrustedProxy(request, trust)) return request.peer;
  const forwardedFor = request.headers.get('x-forwarded-for') ?? '';
  return proxyaddr({ headers: { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: request.peer } } as never, trust);
}

/**
 * A forwarded header's value when the peer is a trusted proxy: the last one in the list, the one
 * the nearest proxy wrote (a client may have sent earlier ones). Null otherwise.
 */
export function trustedForwarded(request: RequestOrigin, name: 'x-forwarded-host' | 'x-forwarded-proto', trust: ProxyTrust = proxyTrust()): string | null {
  if (!fromTrustedProxy(request, trust)) return null;
  const values = (request.headers.get(name) ?? '').split(',').map((value) => value.trim()).filter(Boolean);
  return values.at(-1) ?? null;
}

/** The portal's origin: SHEPHERD_PUBLIC_URL, else the Host header (or a trusted proxy's X-Forwarded-Host/Proto). */
export function requestOrigin(request: RequestOrigin, env: Record<string, string | undefined> = process.env): string {
  const configured = env.SHEPHERD_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const trust = proxyTrust(env);
  const host = trustedForwarded(request, 'x-forwarded-host', trust) ?? request.headers.get('host') ?? 'localhost';
  const proto = trustedForwarded(request, 'x-forwarded-proto', trust) === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}
