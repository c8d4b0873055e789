/** The session cookie: reading it into `c.var.user` (and the audit actor), setting and clearing it. */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findSession, SESSION_MAX_MS } from '../queries/sessions.ts';
import type { AppEnv } from './openapi.ts';
import { isHttps } from './security.ts';

export const SESSION_COOKIE = 'ehds_session';

/** Sets `user` (null when not signed in) and `actor` (the user's e-mail) for everything after it. */
export const sessionUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const user = token ? await findSession(c.var.db, token) : null;
  c.set('user', user);
  c.set('actor', user?.email ?? 'anonymous');
  return next();
};

export function setSessionCookie(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
}

/** The signed-in user; the access middleware has made sure there is one on every non-public route. */
export function currentUser(c: Context<AppEnv>) {
  const user = c.var.user;
  if (!user) throw new Error('currentUser() on a route without a signed-in user');
  return user;
}

/**
 * The client's address for throttling: the socket's, or with `trustProxy` the first X-Forwarded-For
 * entry (only behind a proxy that sets it; otherwise anyone could pick their own address).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
