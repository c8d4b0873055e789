import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf } from '../lib/openapi.ts';
import { addMember, listMembers, removeMember } from '../queries/members.ts';

export const MemberSchema = z
  .object({
    id: z.number().int().openapi({ description: 'User id' }),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    active: z.boolean(),
    organisation: z.string().nullable(),
    added_by: z.string(),
    added_at: z.string(),
  })
  .openapi('ReferenceGroupMember');

const GroupParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const tags = ['reference-groups'];

const list = createRoute({
  method: 'get',
  path: '/reference-groups/{id}/members',
  tags,
  summary: 'The members of a reference group',
  request: { params: GroupParam },
  responses: { 200: jsonResponse(listOf(MemberSchema), 'Members by name'), 400: errors[400], 404: errors[404] },
});

const add = createRoute({
  method: 'post',
  path: '/reference-groups/{id}/members',
  tags,
  summary: 'Add a reference member to the group (administrators)',
  request: {
    params: GroupParam,
    ...jsonBody(z.strictObject({ user_id: z.number().int().positive() }).openapi('NewMember')),
  },
  responses: {
    201: jsonResponse(listOf(MemberSchema), 'The members after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/reference-groups/{id}/members/{userId}',
  tags,
  summary: 'Remove a member from the group (administrators); their input stays',
  request: {
    params: GroupParam.extend({ userId: z.coerce.number().int().positive().openapi({ example: 2 }) }),
  },
  responses: { 204: { description: 'Removed' }, 400: errors[400], 404: errors[404] },
});

export const membersRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listMembers(c.var.db, c.req.valid('param').id), 200))
  .openapi(add, async (c) => {
    const { id } = c.req.valid('param');
    const { user_id } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => addMember(trx, id, user_id, c.var.actor));
    return c.json(await listMembers(c.var.db, id), 201);
  })
  .openapi(remove, async (c) => {
    const { id, userId } = c.req.valid('param');
    await c.var.db.transaction().execute((trx) => removeMember(trx, id, userId, c.var.actor));
    return c.body(null, 204);
  });
