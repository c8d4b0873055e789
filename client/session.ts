/**
 * Who is signed in, shared app-wide through @lit/context: ehds-app provides it, pages and components
 * consume it to show what the role may do. The server decides what is allowed; this only avoids offering
 * what it would refuse.
 */
import { createContext } from '@lit/context';
import type { api, SuccessBody } from './api.ts';

export type Me = SuccessBody<Awaited<ReturnType<typeof api.auth.me.$get>>>;
export type Role = Me['role'];

export interface Session {
  /** Null until signed in. */
  user: Me | null;
}

export const sessionContext = createContext<Session>(Symbol('ehds-session'));

/** Fired on window when an API call answered 401: the session ended; ehds-app sends the user to sign in. */
export const UNAUTHORIZED_EVENT = 'ehds-unauthorized';
/** Fired (bubbling, composed) by the sign-in page with `detail.user` and `detail.next`. */
export const SIGNED_IN_EVENT = 'ehds-signed-in';

export const isStaff = (user: Me | null) => user !== null && user.role !== 'reference_member';
export const canWriteAnalysis = (user: Me | null) => user?.role === 'admin' || user?.role === 'analyst';
export const isAdmin = (user: Me | null) => user?.role === 'admin';

/** Where a role starts: members in their rounds, everyone else on the overview. */
export const homeOf = (user: Me | null) => (user?.role === 'reference_member' ? '/mine-runder' : '/');

export const LOGIN_PATH = '/logg-inn';

/** A path in this application to return to after signing in; anything else (another site, the sign-in page) is not. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return null;
  return next;
}

/** Paths a reference-group member may open; the rest of the tool is the analysts'. */
export const memberPaths = (pathname: string) =>
  pathname === LOGIN_PATH ||
  pathname === '/mine-runder' ||
  pathname.startsWith('/mine-runder/') ||
  pathname === '/min-konto';
