/** The HTTP application: API routes under /api, the OpenAPI document, the client, one error shape. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Db } from '../schema/db.ts';
import { accessControl, pathRegex } from './lib/access.ts';
import { SESSION_COOKIE, sessionUser } from './lib/auth.ts';
import { ApiError, errorBody } from './lib/errors.ts';
import { createRouter } from './lib/openapi.ts';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './lib/rate-limit.ts';
import { csrfProtection, noStore, securityHeaders } from './lib/security.ts';
import { areasRoutes } from './routes/areas.ts';
import { articlesRoutes } from './routes/articles.ts';
import { authRoutes } from './routes/auth.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { exportsRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { inputsRoutes } from './routes/inputs.ts';
import { measuresRoutes } from './routes/measures.ts';
import { meetingsRoutes } from './routes/meetings.ts';
import { membersRoutes } from './routes/members.ts';
import { milestonesRoutes } from './routes/milestones.ts';
import { organisationsRoutes } from './routes/organisations.ts';
import { questionsRoutes } from './routes/questions.ts';
import { referenceGroupsRoutes } from './routes/reference-groups.ts';
import { requirementsRoutes } from './routes/requirements.ts';
import { roundsRoutes } from './routes/rounds.ts';
import { solutionsRoutes } from './routes/solutions.ts';
import { traceRoutes } from './routes/trace.ts';
import { transferRoutes } from './routes/transfer.ts';
import { usersRoutes } from './routes/users.ts';
import { versionsRoutes } from './routes/versions.ts';

export interface AppDeps {
  db: Db;
  /** Folder of the built client; the SPA is served from it when present. */
  clientDir?: string;
  /** Sign-in throttling (default: 5 failures per account, 20 per address, in 15 minutes). */
  loginLimits?: LoginLimits;
  /** Take the client address from X-Forwarded-For: only behind a proxy that sets it (EHDS_TRUST_PROXY=1). */
  trustProxy?: boolean;
}

export const MAX_JSON_BODY = 1024 * 1024;
export const MAX_IMPORT_BODY = 20 * 1024 * 1024;

export function createApp({ db, clientDir, loginLimits = DEFAULT_LOGIN_LIMITS, trustProxy = false }: AppDeps) {
  const app = createRouter();

  app.use('*', securityHeaders());
  app.use('/api/*', noStore);
  app.use('/api/*', async (c, next) => {
    c.set('db', db);
    c.set('user', null);
    c.set('actor', 'anonymous');
    await next();
  });
  app.use('/api/*', csrfProtection);
  const tooLarge = (max: number) =>
    bodyLimit({
      maxSize: max,
      onError: () => {
        throw new ApiError(413, `Request body is larger than ${Math.round(max / 1024)} KB`);
      },
    });
  app.use('/api/import/*', tooLarge(MAX_IMPORT_BODY));
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/import/')) return next();
    return tooLarge(MAX_JSON_BODY)(c, next);
  });
  app.use('/api/*', sessionUser);
  let served: { method: string; regex: RegExp }[] | undefined;
  const routeExists = (method: string, path: string) => {
    served ??= app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => ({ method: r.method, regex: pathRegex(r.path) }));
    const m = method === 'HEAD' ? 'GET' : method;
    return served.some((r) => r.method === m && r.regex.test(path));
  };
  app.use('/api/*', accessControl(routeExists));

  const api = app
    .route('/api', healthRoutes)
    .route('/api', authRoutes({ limiter: new LoginLimiter(loginLimits), trustProxy }))
    .route('/api', usersRoutes)
    .route('/api', areasRoutes)
    .route('/api', requirementsRoutes)
    .route('/api', articlesRoutes)
    .route('/api', questionsRoutes)
    .route('/api', inputsRoutes)
    .route('/api', organisationsRoutes)
    .route('/api', meetingsRoutes)
    .route('/api', referenceGroupsRoutes)
    .route('/api', membersRoutes)
    .route('/api', roundsRoutes)
    .route('/api', dashboardRoutes)
    .route('/api', milestonesRoutes)
    .route('/api', transferRoutes)
    .route('/api', traceRoutes)
    .route('/api', measuresRoutes)
    .route('/api', solutionsRoutes)
    .route('/api', versionsRoutes)
    .route('/api', exportsRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Set by POST /api/auth/login; HttpOnly, SameSite=Lax, Secure over https',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ehds-gap API',
      version: '1',
      description:
        'EHDS (Regulation (EU) 2025/327) gap analysis for Norway: requirements, assessments, principle questions, stakeholder input, consultation rounds. Errors are `{ "error": { "message": … } }`. Every route but health, this document and sign-in needs a session (401 without one); what each role may call is decided in one table (server/lib/access.ts), and a role that may not gets 403. State-changing requests from another origin get 403.',
    },
    security: [{ session: [] }],
  });

  app.all('/api/*', (c) => c.json(errorBody(`No API route for ${c.req.method} ${c.req.path}`), 404));

  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    const indexHtml = readFileSync(join(clientDir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: clientDir }));
    app.get('*', (c) => c.html(indexHtml));
  }

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.message, err.details), err.status);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json(errorBody(err.message || 'Request rejected'), status);
    }
    console.error(err);
    return c.json(errorBody('Internal server error'), 500);
  });

  app.notFound((c) => c.json(errorBody(`Not found: ${c.req.path}`), 404));

  return api;
}

export type ApiType = ReturnType<typeof createApp>;
