/** The router every resource uses: OpenAPI-described, zod-validated, one error shape for bad input. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../schema/db.ts';
import type { SessionUser } from '../queries/sessions.ts';
import { ApiError } from './errors.ts';

export interface AppEnv {
  Variables: {
    db: Db;
    /** Who is acting, for the audit log: the signed-in user's e-mail. */
    actor: string;
    /** The signed-in user; null on the public routes when nobody is signed in. */
    user: SessionUser | null;
  };
}

type Issue = { path: PropertyKey[]; message: string; code?: string };

/** Turns zod issues into `[{ field, message }]`, the `issues` detail of a 400. */
export function describeIssues(issues: readonly Issue[]): { field: string; message: string }[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = describeIssues(result.error.issues);
        const first = issues[0];
        throw new ApiError(
          400,
          `Invalid ${result.target}: ${first ? `${first.field}: ${first.message}` : 'rejected'}`,
          {
            issues,
          },
        );
      }
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({ message: z.string() }).catchall(z.unknown()),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
});

/** Error responses shared by routes, to spread into `responses`. */
export const errors = {
  400: errorResponse('Invalid input; `issues` lists each field'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Your role may not do this, or not to this item'),
  404: errorResponse('Not found'),
  409: errorResponse('Stale version; `current` holds the state now'),
  413: errorResponse('Body too large'),
  429: errorResponse('Too many failed sign-ins; `Retry-After` says how many seconds to wait'),
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description = 'JSON body') => ({
  body: { content: { 'application/json': { schema } }, required: true, description },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** `limit`/`offset` query parameters shared by every list. */
export const Paging = {
  limit: z.coerce.number().int().min(1).max(10000).default(100).openapi({ description: 'Rows per page (max 10000)' }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'Rows to skip' }),
};

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
