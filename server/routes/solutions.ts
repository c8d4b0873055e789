import { createRoute, z } from '@hono/zod-openapi';
import { MEASURE_STATUS, SOLUTION_KINDS, SOLUTION_STATUS } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { IsoDate } from '../lib/schemas.ts';
import { createSolution, getSolution, listSolutions, updateSolution } from '../queries/solutions.ts';

const solutionFields = {
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(SOLUTION_KINDS),
  description: z.string(),
  owner_organisation_id: z.number().int().nullable(),
  owner_organisation: z.string().nullable(),
  owner_note: z.string().openapi({ description: 'The owner’s role as the source words it' }),
  status: z.enum(SOLUTION_STATUS).nullable().openapi({ description: 'Null when no source states one' }),
  status_note: z.string(),
  planned_end: z.string().nullable().openapi({ description: 'Null when no source gives one' }),
  planned_end_note: z.string(),
  source: z.string(),
  version: z.number().int().openapi({ description: 'Send it back with the next PATCH' }),
  created_at: z.string(),
  updated_at: z.string(),
};

export const SolutionListItemSchema = z
  .object({ ...solutionFields, measure_count: z.number().int() })
  .openapi('NationalSolutionListItem');

export const SolutionSchema = z
  .object({
    ...solutionFields,
    measures: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        status: z.enum(MEASURE_STATUS),
        planned_end: z.string().nullable(),
      }),
    ),
  })
  .openapi('NationalSolution');

const editable = {
  name: z.string().trim().min(1, 'Name is required').max(500),
  kind: z.enum(SOLUTION_KINDS),
  description: z.string().max(20000),
  owner_organisation_id: z.number().int().positive().nullable(),
  owner_note: z.string().max(2000),
  status: z.enum(SOLUTION_STATUS).nullable(),
  status_note: z.string().max(5000),
  planned_end: IsoDate.nullable(),
  planned_end_note: z.string().max(2000),
  source: z.string().trim().min(1).max(2000),
};

const NewSolutionSchema = z
  .strictObject({
    name: editable.name,
    kind: editable.kind.optional(),
    description: editable.description.optional(),
    owner_organisation_id: editable.owner_organisation_id.optional(),
    owner_note: editable.owner_note.optional(),
    status: editable.status.optional(),
    status_note: editable.status_note.optional(),
    planned_end: editable.planned_end.optional(),
    planned_end_note: editable.planned_end_note.optional(),
    source: editable.source.optional(),
  })
  .openapi('NewNationalSolution');

const SolutionPatchSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    name: editable.name.optional(),
    kind: editable.kind.optional(),
    description: editable.description.optional(),
    owner_organisation_id: editable.owner_organisation_id.optional(),
    owner_note: editable.owner_note.optional(),
    status: editable.status.optional(),
    status_note: editable.status_note.optional(),
    planned_end: editable.planned_end.optional(),
    planned_end_note: editable.planned_end_note.optional(),
    source: editable.source.optional(),
  })
  .openapi('NationalSolutionPatch');

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });

const tags = ['solutions'];

const list = createRoute({
  method: 'get',
  path: '/solutions',
  tags,
  summary: 'National e-health solutions and portfolio projects, with how many measures each has',
  request: {
    query: z.object({
      kind: z.enum(SOLUTION_KINDS).optional(),
      status: z.enum(SOLUTION_STATUS).optional(),
      owner: z.coerce.number().int().positive().optional().openapi({ description: 'Owner organisation id' }),
      q: z.string().max(200).optional().openapi({ description: 'Words that must all occur (æøå allowed)' }),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(SolutionListItemSchema), 'Matching solutions'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/solutions/{id}',
  tags,
  summary: 'One national solution with its measures',
  request: { params: IdParam },
  responses: { 200: jsonResponse(SolutionSchema, 'The solution'), 400: errors[400], 404: errors[404] },
});

const create = createRoute({
  method: 'post',
  path: '/solutions',
  tags,
  summary: 'Add a national solution or portfolio project; a name in use gets 409',
  request: jsonBody(NewSolutionSchema),
  responses: {
    201: jsonResponse(SolutionSchema, 'The new solution'),
    400: errors[400],
    409: errors[409],
    413: errors[413],
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/solutions/{id}',
  tags,
  summary: 'Change a national solution; stale `version` gives 409 with `current`',
  request: { params: IdParam, ...jsonBody(SolutionPatchSchema) },
  responses: {
    200: jsonResponse(SolutionSchema, 'The solution after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    413: errors[413],
  },
});

export const solutionsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    return c.json(await listSolutions(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(one, async (c) => c.json(await getSolution(c.var.db, c.req.valid('param').id), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = await c.var.db.transaction().execute((trx) => createSolution(trx, body, c.var.actor));
    return c.json(await getSolution(c.var.db, id), 201);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const { version, ...changes } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => updateSolution(trx, id, changes, c.var.actor, version));
    return c.json(await getSolution(c.var.db, id), 200);
  });
