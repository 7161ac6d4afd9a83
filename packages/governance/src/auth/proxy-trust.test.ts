import { describe, expect, it } from 'vitest';
import { clientAddress, proxyTrust, requestOrigin, type RequestOrigin } from './proxy-trust';

const request = (peer: string | null, headers: Record<string, string> = {}): RequestOrigin => ({ peer, headers: { get: (name) => headers[name] ?? null } });

describe('forwarded headers count only from trusted proxies', () => {
  it('without SHEPHERD_TRUSTED_PROXIES, X-Forwarded-For is the client talking: the peer is the client', () => {
    const trust = proxyTrust({});
    for (let i = 0; i < 25; i++) expect(clientAddress(request('203.0.113.9', { 'x-forwarded-for': `10.0.0.${i}` }), trust)).toBe('203.0.113.9');
    expect(clientAddress(request(null), trust)).toBe('unknown');
  });

  it('behind trusted proxies the client is the right-most hop that is not one of them', () => {
    const trust = proxyTrust({ SHEPHERD_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' });
    // The client forged "1.2.3.4"; the proxy appended the address it saw.
    expect(clientAddress(request('10.0.0.2', { 'x-forwarded-for': '1.2.3.4, 198.51.100.7' }), trust)).toBe('198.51.100.7');
    // Two trusted proxies in a row.
    expect(clientAddress(request('127.0.0.1', { 'x-forwarded-for': '1.2.3.4, 198.51.100.7, 10.1.1.1' }), trust)).toBe('198.51.100.7');
    // An IPv4-mapped peer is the same address.
    expect(clientAddress(request('::ffff:10.0.0.2', { 'x-forwarded-for': '198.51.100.7' }), trust)).toBe('198.51.100.7');
    // A peer outside the list is the client, whatever it claims.
    expect(clientAddress(request('198.51.100.99', { 'x-forwarded-for': '10.0.0.3' }), trust)).toBe('198.51.100.99');
  });

  it('X-Forwarded-Host and -Proto shape the origin only from a trusted proxy; SHEPHERD_PUBLIC_URL wins', () => {
    const headers = { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(requestOrigin(request('203.0.113.9', headers), {})).toBe('http://127.0.0.1:3000');
    const env = { SHEPHERD_TRUSTED_PROXIES: 'loopback' };
    expect(requestOrigin(request('127.0.0.1', { ...headers, 'x-forwarded-host': 'client.example, shepherd.example.org' }), env)).toBe('https://shepherd.example.org');
    expect(requestOrigin(request('203.0.113.9', headers), env)).toBe('http://127.0.0.1:3000');
    expect(requestOrigin(request('127.0.0.1', headers), { ...env, SHEPHERD_PUBLIC_URL: 'https://shepherd.example.org/' })).toBe('https://shepherd.example.org');
  });

  it('a bad entry stops with a message naming the variable', () => {
    expect(() => proxyTrust({ SHEPHERD_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' })).toThrow(/^SHEPHERD_TRUSTED_PROXIES: invalid IP address: proxy\.internal/);
  });
});
