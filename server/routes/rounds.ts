import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, COVERAGE, ROUND_STATUS } from '../../schema/types.ts';
import { buildRoundCsv, buildRoundDocx } from '../exports/round-innspill.ts';
import { attachment, fileNamePart } from '../exports/sources.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { IsoDate, RequirementFilterQuery } from '../lib/schemas.ts';
import { listInputs } from '../queries/inputs.ts';
import { createRound, deleteRound, setRoundStatus, updateRound } from '../queries/round-writes.ts';
import { getRound, listRounds, roundRequirements } from '../queries/rounds.ts';
import { scopeOf } from '../queries/scope.ts';
import { InputSchema } from './inputs.ts';

export const RoundSchema = z
  .object({
    id: z.number().int(),
    reference_group_id: z.number().int(),
    reference_group: z.string(),
    title: z.string(),
    description: z.string(),
    opens_on: z.string(),
    closes_on: z.string(),
    status: z.enum(ROUND_STATUS),
    accepting_input: z.boolean().openapi({ description: 'Open, and the closing date has not passed' }),
    days_left: z.number().int().nullable().openapi({ description: 'Days to the closing date for an open round' }),
    requirement_refs: z.array(z.string()).openapi({ description: 'The scope' }),
    scope_count: z.number().int(),
    input_count: z.number().int(),
    requirements_with_input: z.number().int(),
    input_share: z.number().openapi({ description: 'Share (0–1) of the scope that has input' }),
    created_by: z.string(),
    version: z.number().int().openapi({ description: 'Send it back with the next PATCH' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Round');

const Assessment = z.object({
  coverage: z.enum(COVERAGE),
  gap_dimensions: z.array(z.string()),
  situation: z.string(),
  gap: z.string(),
  justification: z.string(),
});

const RoundRequirementsSchema = z
  .object({
    assessment_source: z
      .union([
        z.object({ kind: z.literal('version'), name: z.string(), date: z.string() }),
        z.object({ kind: z.literal('now') }),
      ])
      .openapi({ description: 'The newest frozen version (the published analysis), or now when none is frozen' }),
    items: z.array(
      z.object({
        ref: z.string(),
        area_code: z.enum(AREA_CODES),
        title: z.string(),
        title_en: z.string().nullable(),
        description: z.string(),
        deadline: z.string().nullable(),
        articles: z.array(
          z.object({
            pinpoint: z.string(),
            number: z.string(),
            kind: z.enum(['article', 'annex']),
            title_en: z.string(),
          }),
        ),
        assessment: Assessment.nullable().openapi({ description: 'Null when the published version has none' }),
        input_count: z.number().int(),
      }),
    ),
  })
  .openapi('RoundRequirements');

const ScopeFilter = RequirementFilterQuery.strict().openapi('RequirementFilter', {
  description: 'The filters of GET /api/requirements, as an object; every matching requirement joins the scope',
});

const roundFields = {
  title: z.string().trim().min(1).max(500).openapi({ description: 'E.g. the EU draft the round is about' }),
  description: z.string().max(20000),
  opens_on: IsoDate,
  closes_on: IsoDate,
  requirement_refs: z
    .array(z.string().min(1).max(40))
    .max(1000)
    .openapi({ description: 'Requirements picked one by one' }),
  requirement_filter: ScopeFilter,
};

const NewRoundSchema = z
  .strictObject({
    reference_group_id: z.number().int().positive(),
    ...roundFields,
    description: roundFields.description.optional(),
    requirement_refs: roundFields.requirement_refs.optional(),
    requirement_filter: roundFields.requirement_filter.optional(),
  })
  .openapi('NewRound');

const RoundPatchSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    reference_group_id: z.number().int().positive().optional(),
    ...roundFields,
  })
  .partial()
  .required({ version: true })
  .openapi('RoundPatch', { description: 'requirement_refs and/or requirement_filter replace the scope' });

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });
const tags = ['rounds'];

const list = createRoute({
  method: 'get',
  path: '/rounds',
  tags,
  summary: 'Consultation rounds, newest first; a reference member sees the open and closed rounds of their groups',
  request: {
    query: z.object({
      reference_group: z.coerce.number().int().positive().optional(),
      status: z.enum(ROUND_STATUS).optional(),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(RoundSchema), 'Rounds'), 400: errors[400] },
});

const create = createRoute({
  method: 'post',
  path: '/rounds',
  tags,
  summary: 'Draft a round for a reference group, its scope picked one by one and/or by a requirement filter',
  request: jsonBody(NewRoundSchema),
  responses: { 201: jsonResponse(RoundSchema, 'The new draft round'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/rounds/{id}',
  tags,
  summary: 'One round',
  request: { params: IdParam },
  responses: { 200: jsonResponse(RoundSchema, 'The round'), 400: errors[400], 404: errors[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/rounds/{id}',
  tags,
  summary: 'Change a round; the group only while a draft, the scope not after closing; stale version 409',
  request: { params: IdParam, ...jsonBody(RoundPatchSchema) },
  responses: {
    200: jsonResponse(RoundSchema, 'The round after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/rounds/{id}',
  tags,
  summary: 'Delete a draft round without input',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

const statusRoute = (to: 'open' | 'close') =>
  createRoute({
    method: 'post',
    path: `/rounds/{id}/${to}`,
    tags,
    summary:
      to === 'open'
        ? 'Open a round for input (from draft, or again after closing); needs a scope and a closing date not passed'
        : 'Close an open round: its input becomes read-only',
    request: { params: IdParam },
    responses: { 200: jsonResponse(RoundSchema, 'The round'), 404: errors[404], 409: errors[409] },
  });

const requirements = createRoute({
  method: 'get',
  path: '/rounds/{id}/requirements',
  tags,
  summary: 'The requirements in the round with articles, the published assessment and how much input each has',
  request: { params: IdParam },
  responses: { 200: jsonResponse(RoundRequirementsSchema, 'The scope'), 400: errors[400], 404: errors[404] },
});

const inputs = createRoute({
  method: 'get',
  path: '/rounds/{id}/inputs',
  tags,
  summary: 'The input given in the round',
  request: { params: IdParam, query: z.object(Paging) },
  responses: { 200: jsonResponse(listOf(InputSchema), 'Input, oldest first'), 400: errors[400], 404: errors[404] },
});

const exportRoute = (format: 'csv' | 'docx') =>
  createRoute({
    method: 'get',
    path: `/rounds/{id}/innspill.${format}`,
    tags,
    summary:
      format === 'csv'
        ? '«Norges innspill» as CSV: requirement, input, type, organisation, author, date, disposition, reason (formula-safe)'
        : '«Norges innspill» as a Word document, requirement by requirement, with dispositions and reasons',
    request: { params: IdParam },
    responses: {
      200: {
        content:
          format === 'csv'
            ? { 'text/csv': { schema: z.string() } }
            : {
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
                  schema: z.string().openapi({ format: 'binary' }),
                },
              },
        description: 'The file',
      },
      404: errors[404],
    },
  });

type Db = Parameters<typeof getRound>[0];

async function exportData(db: Db, id: number) {
  const [round, scope, given] = await Promise.all([
    getRound(db, id),
    roundRequirements(db, id),
    listInputs(db, { round: id }, { limit: 100_000, offset: 0 }),
  ]);
  return { round, requirements: scope.items, inputs: given.items };
}

const fileName = (round: { title: string }, ext: string) => `Norges-innspill-${fileNamePart(round.title)}.${ext}`;

export const roundsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    const scope = await scopeOf(c.var.db, c.var.user);
    return c.json(await listRounds(c.var.db, { ...filters, ids: scope?.roundIds }, { limit, offset }), 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = await c.var.db.transaction().execute((trx) => createRound(trx, body, c.var.actor));
    return c.json(await getRound(c.var.db, id), 201);
  })
  .openapi(one, async (c) => {
    const scope = await scopeOf(c.var.db, c.var.user);
    return c.json(await getRound(c.var.db, c.req.valid('param').id, scope?.roundIds), 200);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const { version, ...changes } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => updateRound(trx, id, changes, c.var.actor, version));
    return c.json(await getRound(c.var.db, id), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    await c.var.db.transaction().execute((trx) => deleteRound(trx, id, c.var.actor));
    return c.body(null, 204);
  })
  .openapi(statusRoute('open'), async (c) => {
    const { id } = c.req.valid('param');
    await c.var.db.transaction().execute((trx) => setRoundStatus(trx, id, 'open', c.var.actor));
    return c.json(await getRound(c.var.db, id), 200);
  })
  .openapi(statusRoute('close'), async (c) => {
    const { id } = c.req.valid('param');
    await c.var.db.transaction().execute((trx) => setRoundStatus(trx, id, 'closed', c.var.actor));
    return c.json(await getRound(c.var.db, id), 200);
  })
  .openapi(requirements, async (c) => {
    const { id } = c.req.valid('param');
    const scope = await scopeOf(c.var.db, c.var.user);
    await getRound(c.var.db, id, scope?.roundIds);
    return c.json(await roundRequirements(c.var.db, id), 200);
  })
  .openapi(inputs, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, offset } = c.req.valid('query');
    const scope = await scopeOf(c.var.db, c.var.user);
    await getRound(c.var.db, id, scope?.roundIds);
    return c.json(await listInputs(c.var.db, { round: id }, { limit, offset }), 200);
  })
  .openapi(exportRoute('csv'), async (c) => {
    const data = await exportData(c.var.db, c.req.valid('param').id);
    return c.body(buildRoundCsv(data), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(fileName(data.round, 'csv')),
    });
  })
  .openapi(exportRoute('docx'), async (c) => {
    const data = await exportData(c.var.db, c.req.valid('param').id);
    const bytes = await buildRoundDocx(data);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': attachment(fileName(data.round, 'docx')),
    });
  });
