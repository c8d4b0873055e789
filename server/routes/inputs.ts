import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, DISPOSITIONS, INPUT_TYPES } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { createInput, getInput, listInputs, setDisposition } from '../queries/inputs.ts';

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
    return c.json(await listInputs(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(one, async (c) => c.json(await getInput(c.var.db, c.req.valid('param').id), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = await c.var.db.transaction().execute((trx) => createInput(trx, body, c.var.actor));
    return c.json(await getInput(c.var.db, id), 201);
  })
  .openapi(disposition, async (c) => {
    const { id } = c.req.valid('param');
    const { version, ...next } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => setDisposition(trx, id, next, c.var.actor, version));
    return c.json(await getInput(c.var.db, id), 200);
  });
