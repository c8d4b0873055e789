import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, DISPOSITIONS, INPUT_TYPES } from '../../schema/types.ts';
import { currentUser } from '../lib/auth.ts';
import { notFound } from '../lib/errors.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { getInput, listInputs, setDisposition } from '../queries/inputs.ts';
import { editOwnInput, giveInput, withdrawOwnInput } from '../queries/own-inputs.ts';
import { scopeOf } from '../queries/scope.ts';

export const InputSchema = z
  .object({
    id: z.number().int(),
    text: z.string(),
    type: z.enum(INPUT_TYPES),
    area_code: z.enum(AREA_CODES).nullable(),
    organisation_id: z.number().int().nullable(),
    organisation: z.string().nullable().openapi({ description: 'Organisation name' }),
    meeting_id: z.number().int().nullable(),
    meeting_date: z.string().nullable(),
    meeting_title: z.string().nullable(),
    author: z.string().nullable(),
    round_id: z.number().int().nullable().openapi({ description: 'The consultation round it was given in' }),
    user_id: z.number().int().nullable().openapi({ description: 'The user who gave or registered it' }),
    disposition: z.enum(DISPOSITIONS),
    disposition_reason: z.string(),
    source: z.string(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
    requirement_refs: z.array(z.string()),
    question_refs: z.array(z.string()),
  })
  .openapi('Input');

const NewInputSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(20000),
    type: z.enum(INPUT_TYPES),
    area: z.enum(AREA_CODES).nullable().optional(),
    requirement_refs: z.array(z.string().min(1)).max(500).optional(),
    question_refs: z.array(z.string().min(1)).max(500).optional(),
    organisation_id: z.number().int().positive().nullable().optional(),
    meeting_id: z.number().int().positive().nullable().optional(),
    author: z.string().trim().max(500).nullable().optional(),
    round_id: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .openapi({ description: 'The round it is given in; required for reference-group members' }),
    source: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: 'Where it was said; default «Registrert i ehds-gap»' }),
  })
  .openapi('NewInput');

const DispositionSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    disposition: z.enum(DISPOSITIONS),
    reason: z.string().max(20000).default('').openapi({ description: 'Required unless the disposition is pending' }),
  })
  .openapi('InputDisposition');

const EditInputSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    text: z.string().trim().min(1).max(20000).optional(),
    type: z.enum(INPUT_TYPES).optional(),
    requirement_refs: z.array(z.string().min(1)).max(500).optional(),
  })
  .openapi('InputEdit');

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });

const list = createRoute({
  method: 'get',
  path: '/inputs',
  tags: ['inputs'],
  summary: 'Stakeholder input, filtered and paged',
  request: {
    query: z.object({
      disposition: z.enum(DISPOSITIONS).optional(),
      type: z.enum(INPUT_TYPES).optional(),
      area: z.enum(AREA_CODES).optional(),
      requirement: z.string().optional().openapi({ description: 'Requirement ref, e.g. A1-07' }),
      question: z.string().optional().openapi({ description: 'Question ref, e.g. PS-01' }),
      organisation: z.coerce.number().int().positive().optional().openapi({ description: 'Organisation id' }),
      meeting: z.coerce.number().int().positive().optional().openapi({ description: 'Meeting id' }),
      round: z.coerce.number().int().positive().optional().openapi({ description: 'Consultation round id' }),
      q: z.string().max(200).optional().openapi({ description: 'Words that must all occur (æøå allowed)' }),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(InputSchema), 'Matching input'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/inputs/{id}',
  tags: ['inputs'],
  summary: 'One input',
  request: { params: IdParam },
  responses: { 200: jsonResponse(InputSchema, 'The input'), 400: errors[400], 404: errors[404] },
});

const create = createRoute({
  method: 'post',
  path: '/inputs',
  tags: ['inputs'],
  summary: 'Register input (disposition pending); unknown refs or ids are refused',
  request: jsonBody(NewInputSchema),
  responses: { 201: jsonResponse(InputSchema, 'The new input'), 400: errors[400], 413: errors[413] },
});

const edit = createRoute({
  method: 'patch',
  path: '/inputs/{id}',
  tags: ['inputs'],
  summary: 'Edit your own input; in a round only while it takes input (409 after it closes)',
  request: { params: IdParam, ...jsonBody(EditInputSchema) },
  responses: {
    200: jsonResponse(InputSchema, 'The input after the change'),
    400: errors[400],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

const withdraw = createRoute({
  method: 'delete',
  path: '/inputs/{id}',
  tags: ['inputs'],
  summary: 'Withdraw your own input; in a round only while it takes input. The audit log keeps what it said',
  request: { params: IdParam },
  responses: { 204: { description: 'Withdrawn' }, 403: errors[403], 404: errors[404], 409: errors[409] },
});

const disposition = createRoute({
  method: 'put',
  path: '/inputs/{id}/disposition',
  tags: ['inputs'],
  summary: 'Set the disposition of input; anything but pending needs a reason',
  request: { params: IdParam, ...jsonBody(DispositionSchema) },
  responses: {
    200: jsonResponse(InputSchema, 'The input after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});

export const inputsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    const scope = await scopeOf(c.var.db, c.var.user);
    return c.json(await listInputs(c.var.db, { ...filters, rounds: scope?.roundIds }, { limit, offset }), 200);
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const [input, scope] = await Promise.all([getInput(c.var.db, id), scopeOf(c.var.db, c.var.user)]);
    if (scope && (input.round_id === null || !scope.roundIds.includes(input.round_id))) throw notFound(`Input ${id}`);
    return c.json(input, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = currentUser(c);
    const id = await c.var.db
      .transaction()
      .execute(async (trx) => giveInput(trx, body, user, await scopeOf(trx, user)));
    return c.json(await getInput(c.var.db, id), 201);
  })
  .openapi(edit, async (c) => {
    const { id } = c.req.valid('param');
    const { version, ...changes } = c.req.valid('json');
    const user = currentUser(c);
    await c.var.db
      .transaction()
      .execute(async (trx) => editOwnInput(trx, id, changes, user, await scopeOf(trx, user), version));
    return c.json(await getInput(c.var.db, id), 200);
  })
  .openapi(withdraw, async (c) => {
    const { id } = c.req.valid('param');
    const user = currentUser(c);
    await c.var.db.transaction().execute(async (trx) => withdrawOwnInput(trx, id, user, await scopeOf(trx, user)));
    return c.body(null, 204);
  })
  .openapi(disposition, async (c) => {
    const { id } = c.req.valid('param');
    const { version, ...next } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => setDisposition(trx, id, next, c.var.actor, version));
    return c.json(await getInput(c.var.db, id), 200);
  });
