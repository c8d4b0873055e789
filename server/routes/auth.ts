import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../schema/types.ts';
import { clearSessionCookie, clientAddress, currentUser, setSessionCookie } from '../lib/auth.ts';
import { ApiError, errorBody } from '../lib/errors.ts';
import { createRouter, errors, jsonBody, jsonResponse } from '../lib/openapi.ts';
import { MAX_PASSWORD_LENGTH, needsRehash, verifyAgainstDummy, verifyPassword } from '../lib/passwords.ts';
import type { LoginLimiter } from '../lib/rate-limit.ts';
import { createSession, deleteSession, purgeExpiredSessions } from '../queries/sessions.ts';
import {
  credentialOf,
  getUser,
  normaliseEmail,
  passwordHashOf,
  rehashPassword,
  setPassword,
} from '../queries/users.ts';

export const MeSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisation_id: z.number().int().nullable(),
    organisation: z.string().nullable(),
    reference_groups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .openapi('Me');

const LoginSchema = z
  .strictObject({
    email: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  })
  .openapi('Login');

const PasswordChangeSchema = z
  .strictObject({
    current_password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    new_password: z.string().max(MAX_PASSWORD_LENGTH).openapi({ description: 'At least 12 characters' }),
  })
  .openapi('PasswordChange');

const tags = ['auth'];

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Sign in with e-mail and password; sets the HttpOnly session cookie',
  security: [],
  request: jsonBody(LoginSchema),
  responses: {
    200: jsonResponse(MeSchema, 'Signed in: who you are'),
    400: errors[400],
    401: errors[401],
    429: errors[429],
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Sign out: ends the session on the server and clears the cookie',
  responses: { 204: { description: 'Signed out' }, 401: errors[401] },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'Who is signed in, with role and reference groups; 401 when nobody is',
  responses: { 200: jsonResponse(MeSchema, 'The signed-in user'), 401: errors[401] },
});

const changePassword = createRoute({
  method: 'put',
  path: '/auth/password',
  tags,
  summary: 'Change your own password (the current one is required); your other sessions end',
  request: jsonBody(PasswordChangeSchema),
  responses: { 204: { description: 'Changed' }, 400: errors[400], 401: errors[401], 429: errors[429] },
});

const meOf = async (db: Parameters<typeof getUser>[0], id: number) => {
  const { id: userId, email, name, role, organisation_id, organisation, reference_groups } = await getUser(db, id);
  return { id: userId, email, name, role, organisation_id, organisation, reference_groups };
};

export interface AuthDeps {
  limiter: LoginLimiter;
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
}

export const authRoutes = ({ limiter, trustProxy }: AuthDeps) =>
  createRouter()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const account = normaliseEmail(email);
      const address = clientAddress(c, trustProxy);
      const wait = limiter.retryAfter(account, address);
      if (wait > 0) {
        return c.json(
          errorBody(`Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} minutes`, { retry_after: wait }),
          429,
          { 'Retry-After': String(wait) },
        );
      }
      const db = c.var.db;
      const credential = await credentialOf(db, account);
      const verified =
        credential && credential.active === 1
          ? await verifyPassword(password, credential.password_hash)
          : await verifyAgainstDummy(password);
      if (!credential || !verified) {
        limiter.failed(account, address);
        throw new ApiError(401, 'Wrong e-mail or password, or the account is deactivated');
      }
      limiter.succeeded(account);
      if (needsRehash(credential.password_hash)) await rehashPassword(db, credential.id, password);
      // A session cookie that came with the request is ended, so a planted session is never signed in.
      if (c.var.user) await deleteSession(db, c.var.user.sessionHash);
      await purgeExpiredSessions(db);
      setSessionCookie(c, await createSession(db, credential.id));
      return c.json(await meOf(db, credential.id), 200);
    })
    .openapi(logout, async (c) => {
      await deleteSession(c.var.db, currentUser(c).sessionHash);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .openapi(me, async (c) => c.json(await meOf(c.var.db, currentUser(c).id), 200))
    .openapi(changePassword, async (c) => {
      const user = currentUser(c);
      const { current_password, new_password } = c.req.valid('json');
      const address = clientAddress(c, trustProxy);
      const wait = limiter.retryAfter(user.email, address);
      if (wait > 0) {
        return c.json(errorBody('Too many failed attempts; try again later', { retry_after: wait }), 429, {
          'Retry-After': String(wait),
        });
      }
      const hash = await passwordHashOf(c.var.db, user.id);
      if (!hash || !(await verifyPassword(current_password, hash))) {
        limiter.failed(user.email, address);
        throw new ApiError(400, 'The current password is wrong', {
          issues: [{ field: 'current_password', message: 'Wrong password' }],
        });
      }
      await c.var.db
        .transaction()
        .execute((trx) => setPassword(trx, user.id, new_password, user.email, user.sessionHash));
      return c.body(null, 204);
    });
