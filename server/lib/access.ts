/**
 * Who may call which API route: one table, consulted by one middleware for every request under /api.
 * A route the table does not name is refused (403) to everyone signed in, so a route added later is
 * closed until someone decides who may use it; anonymous callers get 401 everywhere but the public rules.
 *
 * `reference_member` in a grant means «within their groups' rounds»: the route's handler narrows what a
 * member sees or may change (server/queries/scope.ts). Everything else is decided here.
 */
import type { MiddlewareHandler } from 'hono';
import { ROLES, type Role } from '../../schema/types.ts';
import { ApiError } from './errors.ts';
import type { AppEnv } from './openapi.ts';

export type Grant = 'public' | readonly Role[];

const EVERYONE: readonly Role[] = ROLES;
/** Read the analysis. */
const STAFF: readonly Role[] = ['admin', 'analyst', 'viewer'];
/** Read, and for a reference member the part in their groups' rounds. */
const STAFF_AND_MEMBERS: readonly Role[] = ['admin', 'analyst', 'viewer', 'reference_member'];
/** Change the analysis. */
const ANALYSTS: readonly Role[] = ['admin', 'analyst'];
/** Give input: staff register it, a member gives their own in an open round of their group. */
const INPUT_WRITERS: readonly Role[] = ['admin', 'analyst', 'reference_member'];
const ADMINS: readonly Role[] = ['admin'];

/** `METHOD /path` as in /api/openapi.json (without `/api`) → who may call it. */
export const POLICY: Record<string, Grant> = {
  'GET /health': 'public',
  'GET /openapi.json': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': EVERYONE,
  'GET /auth/me': EVERYONE,
  'PUT /auth/password': EVERYONE,

  'GET /areas': STAFF,
  'GET /areas/{code}': STAFF,
  'GET /requirements': STAFF_AND_MEMBERS,
  'POST /requirements': ANALYSTS,
  'GET /requirements/{ref}': STAFF_AND_MEMBERS,
  'PATCH /requirements/{ref}': ANALYSTS,
  'GET /requirements/{ref}/assessment': STAFF_AND_MEMBERS,
  'PUT /requirements/{ref}/assessment': ANALYSTS,
  'GET /requirements/{ref}/history': STAFF,
  'GET /articles': STAFF,
  'GET /articles/{number}': STAFF,
  'GET /questions': STAFF,
  'POST /questions': ANALYSTS,
  'GET /questions/{ref}': STAFF,
  'PATCH /questions/{ref}': ANALYSTS,
  'GET /inputs': STAFF_AND_MEMBERS,
  'POST /inputs': INPUT_WRITERS,
  'GET /inputs/{id}': STAFF_AND_MEMBERS,
  'PATCH /inputs/{id}': INPUT_WRITERS,
  'DELETE /inputs/{id}': INPUT_WRITERS,
  'PUT /inputs/{id}/disposition': ANALYSTS,
  'GET /organisations': STAFF,
  'POST /organisations': ANALYSTS,
  'GET /meetings': STAFF,
  'POST /meetings': ANALYSTS,
  'GET /meetings/{id}': STAFF,
  'GET /reference-groups': STAFF,
  'GET /reference-groups/{id}': STAFF,
  'GET /reference-groups/{id}/members': ANALYSTS,
  'POST /reference-groups/{id}/members': ADMINS,
  'DELETE /reference-groups/{id}/members/{userId}': ADMINS,
  'GET /dashboard': STAFF,
  'GET /milestones': STAFF,
  'GET /trace': STAFF,
  'GET /measures': STAFF,
  'POST /measures': ANALYSTS,
  'GET /measures/scoring-model': STAFF,
  'GET /measures/{id}': STAFF,
  'PATCH /measures/{id}': ANALYSTS,
  'PUT /measures/{id}/score': ANALYSTS,
  'GET /solutions': STAFF,
  'POST /solutions': ANALYSTS,
  'GET /solutions/{id}': STAFF,
  'PATCH /solutions/{id}': ANALYSTS,
  'GET /versions': STAFF,
  'POST /versions': ANALYSTS,
  'GET /versions/compare': STAFF,
  'GET /versions/{name}': STAFF,

  'GET /export/requirements.csv': STAFF,
  'GET /export/trace.csv': STAFF,
  'GET /export/report.docx': STAFF,
  'GET /export/workbook.xlsx': STAFF,
  'GET /export/changes.csv': STAFF,
  // The whole database with its history and audit log: for those who may also restore it.
  'GET /export/snapshot.json': ANALYSTS,
  'POST /import/requirements': ANALYSTS,
  'POST /import/snapshot': ADMINS,

  'GET /rounds': STAFF_AND_MEMBERS,
  'POST /rounds': ADMINS,
  'GET /rounds/{id}': STAFF_AND_MEMBERS,
  'PATCH /rounds/{id}': ADMINS,
  'DELETE /rounds/{id}': ADMINS,
  'POST /rounds/{id}/open': ANALYSTS,
  'POST /rounds/{id}/close': ANALYSTS,
  'GET /rounds/{id}/requirements': STAFF_AND_MEMBERS,
  'GET /rounds/{id}/inputs': STAFF_AND_MEMBERS,
  'GET /rounds/{id}/innspill.csv': STAFF,
  'GET /rounds/{id}/innspill.docx': STAFF,

  'GET /users': ADMINS,
  'POST /users': ADMINS,
  'GET /users/{id}': ADMINS,
  'PATCH /users/{id}': ADMINS,
  'PUT /users/{id}/password': ADMINS,
};

interface CompiledRule {
  key: string;
  method: string;
  regex: RegExp;
  /** Literal segments count: `/versions/compare` wins over `/versions/{name}`. */
  literals: number;
  grant: Grant;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/a/{x}/b` or `/a/:x/b` → a regex over the whole path. */
export function pathRegex(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((seg) => (/^\{.+\}$/.test(seg) || seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : escapeRegex(seg)))
    .join('/');
  return new RegExp(`^${body}/?$`);
}

const compiled: CompiledRule[] = Object.entries(POLICY)
  .map(([key, grant]) => {
    const [method, path] = key.split(' ') as [string, string];
    return {
      key,
      method,
      regex: pathRegex(`/api${path}`),
      literals: path.split('/').filter((s) => s && !s.startsWith('{')).length,
      grant,
    };
  })
  .sort((a, b) => b.literals - a.literals);

/** The rule for a request, or undefined when the table does not name its route. */
export function ruleFor(method: string, path: string): CompiledRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return compiled.find((r) => r.method === m && r.regex.test(path));
}

/** Whether `role` (null: anonymous) may call the route; undefined for a route the table does not name. */
export function allows(grant: Grant, role: Role | null): boolean {
  if (grant === 'public') return true;
  return role !== null && grant.includes(role);
}

/**
 * The one gate. `routeExists` tells a route the table forgot (403, default deny) from a path no route
 * serves (left to the JSON 404).
 */
export function accessControl(routeExists: (method: string, path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    const rule = ruleFor(c.req.method, c.req.path);
    if (rule?.grant === 'public') return next();
    if (!user) throw new ApiError(401, 'Sign in first', { sign_in: '/api/auth/login' });
    if (!rule) {
      if (routeExists(c.req.method, c.req.path)) {
        throw new ApiError(403, `No access rule names ${c.req.method} ${c.req.path}; refused until one does`);
      }
      return next();
    }
    if (!allows(rule.grant, user.role)) {
      throw new ApiError(403, `Your role (${user.role}) may not ${c.req.method} ${c.req.path}`);
    }
    return next();
  };
}
