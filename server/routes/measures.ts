import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, MEASURE_STATUS } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { IsoDate, listParam, Ref } from '../lib/schemas.ts';
import {
  createMeasure,
  getMeasure,
  listMeasures,
  MEASURE_SORTS,
  type MeasureInput,
  saveMeasureScore,
  updateMeasure,
} from '../queries/measures.ts';
import {
  CURRENT_FORMULA,
  emptyNotes,
  FORMULA_VERSIONS,
  LEAF_GROUPS,
  LEAF_MODEL,
  LEAVES,
  LEGACY_FORMULA,
  LEGACY_FORMULA_NOTE,
  type Leaf,
  MAX_LEAF,
  MIN_LEAF,
  SCALE_NOTE,
  SCORING_STATES,
} from '../queries/scoring.ts';

// ---- schemas -------------------------------------------------------------------------------

const perLeaf = <T extends z.ZodType>(schema: T) =>
  Object.fromEntries(LEAVES.map((l) => [l, schema])) as Record<Leaf, T>;

const LeafValue = z
  .number()
  .int('A leaf is a whole number')
  .min(MIN_LEAF, `A leaf is at least ${MIN_LEAF}`)
  .max(MAX_LEAF, `A leaf is at most ${MAX_LEAF}`)
  .nullable();

const AggregatesSchema = z
  .object({
    goal: z.number().nullable().openapi({ description: 'M, Måloppnåelse' }),
    cost: z.number().nullable().openapi({ description: 'K, Kostnader (10 = lite kompleks)' }),
    patient: z.number().nullable().openapi({ description: 'Pasient' }),
    staff: z.number().nullable().openapi({ description: 'Helsepersonell' }),
    benefit: z.number().nullable().openapi({ description: 'N, Nytte' }),
  })
  .openapi('ScoreAggregates');

const MissingLeafSchema = z.object({
  leaf: z.enum(LEAVES),
  label_nb: z.string(),
  note: z.string().openapi({ description: 'What the cell held instead of a number' }),
});

const LegacySchema = z
  .object({
    formula_version: z.string(),
    explanation: z.string(),
    sheet_score: z.number().nullable().openapi({ description: 'The figure the source sheet showed' }),
    aggregates: AggregatesSchema.extend({ infrastructure: z.number().nullable() }),
    score: z.number().nullable().openapi({ description: 'The older formula applied to the leaves' }),
    score_if_current_formula: z.number().nullable().openapi({ description: 'For comparison only; never ranked' }),
  })
  .openapi('LegacyScore');

export const MeasureSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    owner_organisation_id: z.number().int().nullable(),
    owner_organisation: z.string().nullable(),
    planned_start: z.string().nullable(),
    planned_end: z.string().nullable(),
    status: z.enum(MEASURE_STATUS),
    cost_estimate_nok: z.number().int().nullable(),
    cost_estimate_year: z.number().int().nullable(),
    source: z.string(),
    formula_version: z.string().openapi({ description: `${FORMULA_VERSIONS.join(' or ')}` }),
    score_note: z.string(),
    sheet_score: z.number().nullable().openapi({ description: 'The score the source spreadsheet showed' }),
    sheet_rank: z.number().int().nullable().openapi({ description: 'The rank the source spreadsheet showed' }),
    version: z.number().int().openapi({ description: 'Send it back with the next PATCH or PUT' }),
    created_at: z.string(),
    updated_at: z.string(),
    requirements: z.array(
      z.object({
        ref: z.string(),
        title: z.string(),
        deadline: z.string().nullable(),
        link_note: z.string(),
        in_time: z.boolean().openapi({ description: 'Not stopped and planned to end on or before the deadline' }),
      }),
    ),
    solutions: z.array(z.object({ id: z.number().int(), name: z.string() })),
    leaves: z.object(perLeaf(z.number().nullable())),
    notes: z.object(perLeaf(z.string())),
    scoring_state: z.enum(SCORING_STATES),
    aggregates: AggregatesSchema,
    score: z.number().nullable().openapi({ description: 'M + K + N; null unless every leaf is a number' }),
    rank: z.number().int().nullable().openapi({ description: 'Competition rank by score (1, 2, 2, 4)' }),
    tied: z.boolean().openapi({ description: 'Another measure has exactly the same score' }),
    missing_leaves: z.array(MissingLeafSchema),
    aggregates_without_missing: AggregatesSchema.nullable(),
    score_without_missing: z
      .number()
      .nullable()
      .openapi({ description: 'What an unscored measure would score with its missing leaves left out' }),
    legacy: LegacySchema.nullable(),
  })
  .openapi('Measure');

const ScoringModelSchema = z
  .object({
    formula_version: z.string(),
    formula: z.string(),
    scale: z.string(),
    leaves: z.array(
      z.object({ leaf: z.enum(LEAVES), group: z.enum(LEAF_GROUPS), label_nb: z.string(), label_en: z.string() }),
    ),
    legacy_formulas: z.array(z.object({ formula_version: z.string(), explanation: z.string() })),
    source: z.string(),
  })
  .openapi('ScoringModel');

const RequirementLinkInput = z.strictObject({
  ref: Ref,
  link_note: z.string().max(2000).optional().openapi({ description: 'Why the measure addresses the requirement' }),
});

const editable = {
  title: z.string().trim().min(1, 'Title is required').max(1000),
  description: z.string().max(20000),
  owner_organisation_id: z.number().int().positive().nullable(),
  planned_start: IsoDate.nullable(),
  planned_end: IsoDate.nullable(),
  status: z.enum(MEASURE_STATUS),
  cost_estimate_nok: z.number().int().min(0).max(1e13).nullable().openapi({ description: 'NOK, whole kroner' }),
  cost_estimate_year: z.number().int().min(1990).max(2100).nullable().openapi({ description: 'Price level year' }),
  source: z.string().trim().min(1).max(2000),
  requirements: z.array(RequirementLinkInput).max(200),
  solution_ids: z.array(z.number().int().positive()).max(100),
};

const ScoreBody = {
  leaves: z
    .strictObject(perLeaf(LeafValue))
    .openapi({ description: `All eleven leaves, each a whole number ${MIN_LEAF}–${MAX_LEAF} or null (not scored)` }),
  notes: z
    .strictObject(perLeaf(z.string().max(2000).optional()))
    .optional()
    .openapi({ description: 'A note per leaf; a leaf left out has no note' }),
  score_note: z.string().max(5000).optional(),
};

const NewMeasureSchema = z
  .strictObject({
    title: editable.title,
    description: editable.description.optional(),
    owner_organisation_id: editable.owner_organisation_id.optional(),
    planned_start: editable.planned_start.optional(),
    planned_end: editable.planned_end.optional(),
    status: editable.status.optional(),
    cost_estimate_nok: editable.cost_estimate_nok.optional(),
    cost_estimate_year: editable.cost_estimate_year.optional(),
    source: editable.source.optional(),
    requirements: editable.requirements.optional(),
    solution_ids: editable.solution_ids.optional(),
    leaves: ScoreBody.leaves.optional(),
    notes: ScoreBody.notes,
    score_note: ScoreBody.score_note,
  })
  .openapi('NewMeasure');

const MeasurePatchSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    title: editable.title.optional(),
    description: editable.description.optional(),
    owner_organisation_id: editable.owner_organisation_id.optional(),
    planned_start: editable.planned_start.optional(),
    planned_end: editable.planned_end.optional(),
    status: editable.status.optional(),
    cost_estimate_nok: editable.cost_estimate_nok.optional(),
    cost_estimate_year: editable.cost_estimate_year.optional(),
    source: editable.source.optional(),
    requirements: editable.requirements.optional(),
    solution_ids: editable.solution_ids.optional(),
  })
  .openapi('MeasurePatch');

const ScoreInputSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The measure version you read; a stale one gets 409' }),
    ...ScoreBody,
  })
  .openapi('MeasureScoreInput');

const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) });

// ---- routes --------------------------------------------------------------------------------

const tags = ['measures'];

const list = createRoute({
  method: 'get',
  path: '/measures',
  tags,
  summary: 'Measures with their leaves, aggregates, score and rank; ranked best first by default',
  request: {
    query: z.object({
      status: listParam(MEASURE_STATUS, 'Measure status'),
      requirement: Ref.optional().openapi({ description: 'Only measures addressing this requirement' }),
      area: listParam(AREA_CODES, 'Areas of the requirements the measure addresses'),
      solution: z.coerce.number().int().positive().optional().openapi({ description: 'National solution id' }),
      owner: z.coerce.number().int().positive().optional().openapi({ description: 'Owner organisation id' }),
      scoring: listParam(SCORING_STATES, 'Scoring state: scored, unscored (a leaf missing), legacy_formula'),
      q: z.string().max(200).optional().openapi({ description: 'Words that must all occur (æøå allowed)' }),
      sort: z.enum(MEASURE_SORTS).default('rank'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(MeasureSchema), 'Matching measures'), 400: errors[400] },
});

const model = createRoute({
  method: 'get',
  path: '/measures/scoring-model',
  tags,
  summary: 'The scoring model: the eleven leaf questions, their groups, the formula and its older variant',
  responses: { 200: jsonResponse(ScoringModelSchema, 'The model') },
});

const one = createRoute({
  method: 'get',
  path: '/measures/{id}',
  tags,
  summary: 'One measure with its links, leaves, aggregates, score and rank',
  request: { params: IdParam },
  responses: { 200: jsonResponse(MeasureSchema, 'The measure'), 400: errors[400], 404: errors[404] },
});

const create = createRoute({
  method: 'post',
  path: '/measures',
  tags,
  summary: 'Add a measure, optionally with its score',
  request: jsonBody(NewMeasureSchema),
  responses: { 201: jsonResponse(MeasureSchema, 'The new measure'), 400: errors[400], 413: errors[413] },
});

const patch = createRoute({
  method: 'patch',
  path: '/measures/{id}',
  tags,
  summary: 'Change a measure (dates, status, links…); stale `version` gives 409 with `current`',
  request: { params: IdParam, ...jsonBody(MeasurePatchSchema) },
  responses: {
    200: jsonResponse(MeasureSchema, 'The measure after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    413: errors[413],
  },
});

const score = createRoute({
  method: 'put',
  path: '/measures/{id}/score',
  tags,
  summary: 'Replace the score: all eleven leaves and their notes, under the current formula',
  request: { params: IdParam, ...jsonBody(ScoreInputSchema) },
  responses: {
    200: jsonResponse(MeasureSchema, 'The measure with its new score and rank'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
    413: errors[413],
  },
});

const toInput = (body: Partial<z.infer<typeof MeasurePatchSchema>>): Partial<MeasureInput> => {
  const { version: _v, requirements, ...rest } = body;
  return {
    ...rest,
    requirements: requirements?.map((r) => ({ ref: r.ref, link_note: r.link_note ?? '' })),
  };
};

const notesOf = (notes: z.infer<typeof ScoreBody.notes>) => ({
  ...emptyNotes(),
  ...(Object.fromEntries(Object.entries(notes ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>),
});

export const measuresRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, sort, order, ...filters } = c.req.valid('query');
    return c.json(await listMeasures(c.var.db, filters, { limit, offset, sort, order }), 200);
  })
  .openapi(model, (c) =>
    c.json(
      {
        formula_version: CURRENT_FORMULA,
        formula:
          'Score = M + K + N; M = avg(goal leaves); K = avg(technical, organisational, legal, semantic); N = avg(Pasient, Helsepersonell, infrastructure), Pasient and Helsepersonell each the avg of their two leaves',
        scale: SCALE_NOTE,
        leaves: LEAVES.map((leaf) => ({ leaf, ...LEAF_MODEL[leaf] })),
        legacy_formulas: [{ formula_version: LEGACY_FORMULA, explanation: LEGACY_FORMULA_NOTE }],
        source: 'Nasjonalt e-helsestyre 08.06.2022, sak 27/22 (prioriteringsark for tiltak)',
      },
      200,
    ),
  )
  .openapi(one, async (c) => c.json(await getMeasure(c.var.db, c.req.valid('param').id), 200))
  .openapi(create, async (c) => {
    const { leaves, notes, score_note, ...body } = c.req.valid('json');
    const input = { ...toInput(body), title: body.title };
    const scoreWrite = leaves ? { leaves, notes: notesOf(notes), score_note } : undefined;
    const id = await c.var.db
      .transaction()
      .execute((trx) =>
        createMeasure(trx, input, c.var.actor, scoreWrite, score_note !== undefined ? { score_note } : {}),
      );
    return c.json(await getMeasure(c.var.db, id), 201);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => updateMeasure(trx, id, toInput(body), c.var.actor, body.version));
    return c.json(await getMeasure(c.var.db, id), 200);
  })
  .openapi(score, async (c) => {
    const { id } = c.req.valid('param');
    const { version, leaves, notes, score_note } = c.req.valid('json');
    await c.var.db
      .transaction()
      .execute((trx) => saveMeasureScore(trx, id, { leaves, notes: notesOf(notes), score_note }, c.var.actor, version));
    return c.json(await getMeasure(c.var.db, id), 200);
  });
