/** The session cookie's name (lib/session.ts); the server's page cache serves only requests without it. */
export const SESSION_COOKIE = 'shepherd_session';
