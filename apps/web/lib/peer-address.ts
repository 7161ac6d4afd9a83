import http from 'node:http';

// The TCP peer of a request, for the proxy-trust rule (packages/governance/src/auth/proxy-trust.ts).
// Next does not hand route handlers the socket, and it fills X-Forwarded-For with the peer only when
// the client sent none, so the peer is written into a header of our own as the request arrives,
// replacing any value a client sent. A custom server calls stampPeerAddress itself.

export const PEER_HEADER = 'x-shepherd-peer-address';

export function stampPeerAddress(request: http.IncomingMessage): void {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
}

const state = globalThis as typeof globalThis & { shepherdPeerStamp?: boolean };

/** Stamps every request any HTTP server of this process receives (installed once at start). */
export function installPeerAddressStamp(): void {
  if (state.shepherdPeerStamp) return;
  state.shepherdPeerStamp = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') stampPeerAddress(args[0] as http.IncomingMessage);
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
