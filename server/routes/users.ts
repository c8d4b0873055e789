import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { MAX_PASSWORD_LENGTH } from '../lib/passwords.ts';
import { createUser, getUser, listUsers, setPassword, updateUser } from '../queries/users.ts';

export const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisation_id: z.number().int().nullable(),
    organisation: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int().openapi({ description: 'Send it back with the next PATCH' }),
    created_at: z.string(),
    updated_at: z.string(),
    reference_groups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .openapi('User');

const Password = z
  .string()
  .max(MAX_PASSWORD_LENGTH)
  .openapi({ description: 'At least 12 characters; stored only as a scrypt hash, never returned' });

const NewUserSchema = z
  .strictObject({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    organisation_id: z.number().int().positive().nullable().optional(),
    password: Password,
  })
  .openapi('NewUser');

const UserPatchSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    organisation_id: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional().openapi({ description: 'false deactivates the account and ends its sessions' }),
  })
  .openapi('UserPatch');

const PasswordResetSchema = z.strictObject({ password: Password }).openapi('PasswordReset');

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const tags = ['users'];

const list = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'Users with role, organisation, reference groups and whether they are active (administrators)',
  request: {
    query: z.object({
      role: z.enum(ROLES).optional(),
      active: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional(),
      q: z.string().max(200).optional().openapi({ description: 'Words in the name, e-mail or organisation' }),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(UserSchema), 'Users by name'), 400: errors[400] },
});

const create = createRoute({
  method: 'post',
  path: '/users',
  tags,
  summary: 'Add a user (administrators); the e-mail is unique whatever its case (409)',
  request: jsonBody(NewUserSchema),
  responses: { 201: jsonResponse(UserSchema, 'The new user'), 400: errors[400], 409: errors[409] },
});

const one = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags,
  summary: 'One user (administrators)',
  request: { params: IdParam },
  responses: { 200: jsonResponse(UserSchema, 'The user'), 404: errors[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: 'Change name, role, organisation or active; the last active administrator stays one (409)',
  request: { params: IdParam, ...jsonBody(UserPatchSchema) },
  responses: {
    200: jsonResponse(UserSchema, 'The user after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});

const resetPassword = createRoute({
  method: 'put',
  path: '/users/{id}/password',
  tags,
  summary: 'Set a new password for a user (administrators); their sessions end',
  request: { params: IdParam, ...jsonBody(PasswordResetSchema) },
  responses: { 204: { description: 'Set' }, 400: errors[400], 404: errors[404] },
});

export const usersRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    return c.json(await listUsers(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = await c.var.db.transaction().execute((trx) => createUser(trx, body, c.var.actor));
    return c.json(await getUser(c.var.db, id), 201);
  })
  .openapi(one, async (c) => c.json(await getUser(c.var.db, c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const { version, ...changes } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => updateUser(trx, id, changes, c.var.actor, version));
    return c.json(await getUser(c.var.db, id), 200);
  })
  .openapi(resetPassword, async (c) => {
    const { id } = c.req.valid('param');
    const { password } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => setPassword(trx, id, password, c.var.actor));
    return c.body(null, 204);
  });
