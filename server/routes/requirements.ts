import { createRoute, z } from '@hono/zod-openapi';
import {
  AREA_CODES,
  type AreaCode,
  CATEGORIES,
  COVERAGE,
  DISPOSITIONS,
  GAP_DIMENSIONS,
  INPUT_TYPES,
  MEASURE_STATUS,
  QUESTION_STATUS,
  WORK_STATUS,
} from '../../schema/types.ts';
import { changeCache, type JsonAnswer, jsonAnswer, sendJson } from '../lib/change-cache.ts';
import { notFound } from '../lib/errors.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { IsoDate, Ref, RequirementFilterQuery } from '../lib/schemas.ts';
import { saveAssessment } from '../queries/assessments.ts';
import { createRequirement, type RequirementInput, updateRequirement } from '../queries/requirement-writes.ts';
import {
  findRequirementId,
  getAssessment,
  getRequirement,
  listRequirementHistory,
  listRequirements,
  REQUIREMENT_SORTS,
} from '../queries/requirements.ts';
import { RISK_REASONS } from '../queries/risk.ts';
import { type MemberScope, scopeOf } from '../queries/scope.ts';

// ---- schemas -------------------------------------------------------------------------------

export const AssessmentSchema = z
  .object({
    coverage: z.enum(COVERAGE),
    work_status: z.enum(WORK_STATUS),
    gap_dimensions: z.array(z.string()).openapi({ description: `Any of ${GAP_DIMENSIONS.join(', ')}` }),
    situation: z.string().openapi({ description: 'Dagens situasjon' }),
    gap: z.string(),
    justification: z.string(),
    responsible_organisation_id: z.number().int().nullable(),
    responsible_organisation: z.string().nullable(),
    source: z.string().nullable(),
    version: z.number().int().openapi({ description: 'Send it back with the next PUT' }),
    updated_by: z.string(),
    updated_at: z.string(),
  })
  .openapi('Assessment');

const riskFields = {
  at_risk: z.boolean().openapi({ description: 'Not covered, and no measure that is not stopped ends by the deadline' }),
  at_risk_reason: z
    .enum(RISK_REASONS)
    .nullable()
    .openapi({ description: '`no_measure`, or `late_measures` (every measure ends after the deadline or has no end)' }),
};

export const RequirementSummarySchema = z
  .object({
    ref: z.string().openapi({ example: 'A1-01' }),
    area_code: z.enum(AREA_CODES),
    group_name: z.string().nullable(),
    title: z.string(),
    title_en: z.string().nullable(),
    deadline: z.string().nullable(),
    deadline_note: z.string().nullable(),
    national_choice: z.boolean(),
    version: z.number().int(),
    coverage: z.enum(COVERAGE),
    work_status: z.enum(WORK_STATUS),
    gap_dimensions: z.array(z.string()),
    updated_at: z.string().openapi({ description: 'When the assessment last changed' }),
    articles: z.array(z.string()).openapi({ description: 'Citations as written: `14(1)(b)`, `Annex II`' }),
    categories: z.array(z.enum(CATEGORIES)),
    ...riskFields,
  })
  .openapi('RequirementSummary');

export const RequirementSchema = z
  .object({
    id: z.number().int(),
    ref: z.string().openapi({ example: 'A1-01' }),
    area_code: z.enum(AREA_CODES),
    group_name: z.string().nullable(),
    title: z.string(),
    title_en: z.string().nullable(),
    description: z.string(),
    deadline: z.string().nullable(),
    deadline_note: z.string().nullable(),
    national_choice: z.boolean(),
    source: z.string(),
    version: z.number().int().openapi({ description: 'Send it back with the next PATCH' }),
    created_at: z.string(),
    updated_at: z.string(),
    articles: z.array(
      z.object({
        pinpoint: z.string(),
        number: z.string(),
        kind: z.enum(['article', 'annex']),
        title_en: z.string(),
        chapter: z.string().nullable(),
        applies_from: z.string().nullable(),
      }),
    ),
    categories: z.array(z.enum(CATEGORIES)),
    assessment: AssessmentSchema,
    reference_groups: z.array(z.object({ id: z.number().int(), name: z.string(), name_en: z.string() })),
    questions: z.array(
      z.object({
        id: z.number().int(),
        ref: z.string(),
        text: z.string(),
        status: z.enum(QUESTION_STATUS),
        area_code: z.enum(AREA_CODES).nullable(),
        origin: z.enum(['analysis', 'discretion']),
      }),
    ),
    inputs: z.array(
      z.object({
        id: z.number().int(),
        text: z.string(),
        type: z.enum(INPUT_TYPES),
        disposition: z.enum(DISPOSITIONS),
        disposition_reason: z.string(),
        source: z.string(),
        organisation: z.string().nullable(),
      }),
    ),
    measures: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        status: z.enum(MEASURE_STATUS),
        planned_start: z.string().nullable(),
        planned_end: z.string().nullable(),
        link_note: z.string(),
        in_time: z.boolean().openapi({ description: 'Not stopped and planned to end on or before the deadline' }),
        scoring_state: z.enum(['scored', 'unscored', 'legacy_formula']),
        score: z.number().nullable(),
        rank: z.number().int().nullable(),
        tied: z.boolean(),
      }),
    ),
    ...riskFields,
  })
  .openapi('Requirement');

const RequirementFields = {
  area: z.enum(AREA_CODES).openapi({ description: 'Defaults to the ref’s prefix; must match it' }),
  group: z.string().trim().max(200).nullable(),
  title: z.string().trim().min(1, 'Title is required').max(1000),
  title_en: z.string().trim().max(1000).nullable(),
  description: z.string().max(20000),
  articles: z
    .array(z.string().trim().min(1).max(40))
    .max(100)
    .openapi({ description: 'Citations: `3`, `14(1)(b)`, `Annex II`; each must be an article of the regulation' }),
  categories: z.array(z.enum(CATEGORIES)).openapi({ description: 'Priority categories, Art. 14(1) a–f' }),
  deadline: IsoDate.nullable(),
  deadline_note: z.string().max(1000).nullable(),
  national_choice: z.boolean(),
  reference_groups: z.array(z.string().min(1)).max(50).openapi({ description: 'Reference group names' }),
  source: z.string().trim().min(1).max(1000).openapi({ description: 'Provenance: which document said it' }),
};

const CreateRequirementSchema = z
  .strictObject(RequirementFields)
  .partial()
  .extend({ ref: Ref, title: RequirementFields.title })
  .openapi('NewRequirement');

const PatchRequirementSchema = z
  .strictObject(RequirementFields)
  .partial()
  .extend({ version: z.number().int().min(1).openapi({ description: 'The version you read' }), ref: Ref.optional() })
  .openapi('RequirementPatch');

const AssessmentInputSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The assessment version you read' }),
    coverage: z.enum(COVERAGE),
    work_status: z.enum(WORK_STATUS),
    gap_dimensions: z.array(z.enum(GAP_DIMENSIONS)),
    situation: z.string().max(50000),
    gap: z.string().max(50000),
    justification: z.string().max(50000).openapi({ description: 'Required when coverage is not_applicable' }),
    responsible_organisation_id: z.number().int().positive().nullable().optional(),
    source: z.string().max(1000).nullable().optional(),
  })
  .openapi('AssessmentInput');

const HistoryEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    entity: z.string().openapi({ description: '`requirement` or `assessment`' }),
    entity_ref: z.string().nullable(),
    action: z.enum(['create', 'update', 'delete']),
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).openapi({ description: 'field → [old, new]' }),
  })
  .openapi('HistoryEntry');

const RequirementQuery = RequirementFilterQuery.extend({
  sort: z.enum(REQUIREMENT_SORTS).default('ref'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...Paging,
});

const RefParam = z.object({ ref: z.string().max(40).openapi({ example: 'A1-01' }) });

// ---- routes --------------------------------------------------------------------------------

const tags = ['requirements'];

const list = createRoute({
  method: 'get',
  path: '/requirements',
  tags,
  summary: 'Requirements with their assessment status, filtered and sorted',
  request: { query: RequirementQuery },
  responses: { 200: jsonResponse(listOf(RequirementSummarySchema), 'Matching requirements'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/requirements/{ref}',
  tags,
  summary: 'One requirement with articles, categories, assessment, reference groups, questions and input',
  request: { params: RefParam },
  responses: { 200: jsonResponse(RequirementSchema, 'The requirement'), 404: errors[404] },
});

const create = createRoute({
  method: 'post',
  path: '/requirements',
  tags,
  summary: 'Create a requirement (its assessment starts as not_assessed)',
  request: jsonBody(CreateRequirementSchema),
  responses: {
    201: jsonResponse(RequirementSchema, 'Created'),
    400: errors[400],
    409: errors[409],
    413: errors[413],
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/requirements/{ref}',
  tags,
  summary: 'Change some fields of a requirement; stale `version` gives 409 with `current`',
  request: { params: RefParam, ...jsonBody(PatchRequirementSchema) },
  responses: {
    200: jsonResponse(RequirementSchema, 'The requirement after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    413: errors[413],
  },
});

const readAssessment = createRoute({
  method: 'get',
  path: '/requirements/{ref}/assessment',
  tags,
  summary: 'The assessment of a requirement',
  request: { params: RefParam },
  responses: { 200: jsonResponse(AssessmentSchema, 'The assessment'), 404: errors[404] },
});

const writeAssessment = createRoute({
  method: 'put',
  path: '/requirements/{ref}/assessment',
  tags,
  summary: 'Save the assessment; stale `version` gives 409 with `current` and writes nothing',
  request: { params: RefParam, ...jsonBody(AssessmentInputSchema) },
  responses: {
    200: jsonResponse(AssessmentSchema, 'The assessment after the write'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    413: errors[413],
  },
});

const history = createRoute({
  method: 'get',
  path: '/requirements/{ref}/history',
  tags,
  summary: 'Audit log of the requirement and its assessment, newest first',
  request: { params: RefParam, query: z.object(Paging) },
  responses: { 200: jsonResponse(listOf(HistoryEntrySchema), 'Changes, newest first'), 404: errors[404] },
});

/** A reference-group member reads a requirement only in their rounds' scope; others get 404. */
async function checkInMemberScope(db: Parameters<typeof findRequirementId>[0], ref: string, scope?: MemberScope) {
  const id = await findRequirementId(db, ref);
  if (scope && !scope.requirementIds.includes(id)) throw notFound(`Requirement ${ref}`);
  return id;
}

/** Drops keys whose value is undefined, so a patch never blanks a field it does not mention. */
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * List pages, kept per filter and page until anything in the database changes: the same few pages are asked
 * for again and again (paging back and forth, several people on the same view) between two writes.
 */
const lists = changeCache<JsonAnswer>(64);

export const requirementsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, sort, order, ...filters } = c.req.valid('query');
    const scope = await scopeOf(c.var.db, c.var.user);
    const scoped = scope ? { ...filters, rounds: scope.roundIds } : filters;
    const page = { limit, offset, sort, order };
    const answer = await lists.get(c.var.db, JSON.stringify([scoped, page]), async () =>
      jsonAnswer(await listRequirements(c.var.db, scoped, page)),
    );
    return sendJson<Awaited<ReturnType<typeof listRequirements>>>(c, answer);
  })
  .openapi(one, async (c) => {
    const { ref } = c.req.valid('param');
    const scope = await scopeOf(c.var.db, c.var.user);
    await checkInMemberScope(c.var.db, ref, scope);
    const requirement = await getRequirement(c.var.db, ref);
    if (!scope) return c.json(requirement, 200);
    // A member sees the input given in their groups' rounds, no other.
    const visible = await c.var.db
      .selectFrom('input')
      .select('id')
      .where('round_id', 'in', scope.roundIds.length ? scope.roundIds : [-1])
      .execute();
    const ids = new Set(visible.map((v) => v.id));
    return c.json({ ...requirement, inputs: requirement.inputs.filter((i) => ids.has(i.id)) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const input: RequirementInput = {
      ref: body.ref,
      area: body.area ?? (body.ref.slice(0, 2) as AreaCode),
      group: body.group ?? null,
      title: body.title,
      title_en: body.title_en ?? null,
      description: body.description ?? '',
      articles: body.articles ?? [],
      categories: body.categories ?? [],
      deadline: body.deadline ?? null,
      deadline_note: body.deadline_note ?? null,
      national_choice: body.national_choice ?? false,
      reference_groups: body.reference_groups ?? [],
      source: body.source ?? `Registrert i ehds-gap av ${c.var.actor}`,
    };
    await c.var.db.transaction().execute((trx) => createRequirement(trx, input, c.var.actor));
    return c.json(await getRequirement(c.var.db, input.ref), 201);
  })
  .openapi(patch, async (c) => {
    const { ref } = c.req.valid('param');
    const { version, ...changes } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => updateRequirement(trx, ref, defined(changes), c.var.actor, version));
    return c.json(await getRequirement(c.var.db, changes.ref ?? ref), 200);
  })
  .openapi(readAssessment, async (c) => {
    const scope = await scopeOf(c.var.db, c.var.user);
    const id = await checkInMemberScope(c.var.db, c.req.valid('param').ref, scope);
    return c.json(await getAssessment(c.var.db, id), 200);
  })
  .openapi(writeAssessment, async (c) => {
    const { ref } = c.req.valid('param');
    const { version, ...body } = c.req.valid('json');
    const saved = await c.var.db
      .transaction()
      .execute((trx) =>
        saveAssessment(
          trx,
          ref,
          { ...body, responsible_organisation_id: body.responsible_organisation_id ?? null },
          c.var.actor,
          version,
        ),
      );
    return c.json(saved, 200);
  })
  .openapi(history, async (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json(await listRequirementHistory(c.var.db, c.req.valid('param').ref, { limit, offset }), 200);
  });
