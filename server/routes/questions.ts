import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, COVERAGE, DISPOSITIONS, INPUT_TYPES, QUESTION_STATUS } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { createQuestion, getQuestion, listQuestions, QUESTION_ORIGINS, updateQuestion } from '../queries/questions.ts';

const questionFields = {
  id: z.number().int(),
  ref: z.string(),
  text: z.string(),
  area_code: z.enum(AREA_CODES).nullable(),
  status: z.enum(QUESTION_STATUS),
  origin: z.enum(QUESTION_ORIGINS),
  options: z.array(z.string()),
  decision: z.string(),
  rationale: z.string(),
  consequences: z.string(),
  decision_owner: z.string(),
  source: z.string(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
};

export const QuestionListItemSchema = z
  .object({
    ...questionFields,
    requirement_refs: z.array(z.string()),
    articles: z.array(z.string()).openapi({ description: 'Citations as written: `14(1)(a)`' }),
    input_count: z.number().int(),
  })
  .openapi('QuestionListItem');

export const QuestionSchema = z
  .object({
    ...questionFields,
    requirements: z.array(
      z.object({
        ref: z.string(),
        title: z.string(),
        area_code: z.enum(AREA_CODES),
        deadline: z.string().nullable(),
        coverage: z.enum(COVERAGE),
      }),
    ),
    articles: z.array(
      z.object({
        pinpoint: z.string(),
        number: z.string(),
        title_en: z.string(),
        applies_from: z.string().nullable(),
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
  })
  .openapi('Question');

const RefParam = z.object({ ref: z.string().openapi({ example: 'PS-01' }) });

const editable = {
  text: z.string().trim().min(1).max(5000),
  area: z.enum(AREA_CODES).nullable(),
  status: z.enum(QUESTION_STATUS),
  options: z.array(z.string().trim().min(1).max(2000)).max(50),
  decision: z.string().max(20000),
  rationale: z.string().max(20000),
  consequences: z.string().max(20000),
  decision_owner: z.string().max(500),
  requirement_refs: z.array(z.string().min(1)).max(500),
  articles: z.array(z.string().min(1)).max(500).openapi({ description: 'Citations: `14`, `14(1)(a)`, `Annex II`' }),
  source: z.string().trim().min(1).max(2000),
};

const NewQuestionSchema = z
  .strictObject({
    text: editable.text,
    area: editable.area.optional(),
    status: editable.status.optional(),
    options: editable.options.optional(),
    decision: editable.decision.optional(),
    rationale: editable.rationale.optional(),
    consequences: editable.consequences.optional(),
    decision_owner: editable.decision_owner.optional(),
    requirement_refs: editable.requirement_refs.optional(),
    articles: editable.articles.optional(),
    source: editable.source.optional(),
  })
  .openapi('NewQuestion');

const QuestionPatchSchema = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: 'The version you read; a stale one gets 409' }),
    text: editable.text.optional(),
    area: editable.area.optional(),
    status: editable.status.optional(),
    options: editable.options.optional(),
    decision: editable.decision.optional(),
    rationale: editable.rationale.optional(),
    consequences: editable.consequences.optional(),
    decision_owner: editable.decision_owner.optional(),
    requirement_refs: editable.requirement_refs.optional(),
    articles: editable.articles.optional(),
    source: editable.source.optional(),
  })
  .openapi('QuestionPatch');

const list = createRoute({
  method: 'get',
  path: '/questions',
  tags: ['questions'],
  summary: 'Principle questions, filtered and paged',
  request: {
    query: z.object({
      area: z.enum(AREA_CODES).optional(),
      status: z.enum(QUESTION_STATUS).optional(),
      origin: z.enum(QUESTION_ORIGINS).optional(),
      requirement: z.string().optional().openapi({ description: 'Requirement ref, e.g. A1-01' }),
      article: z.string().optional().openapi({ description: 'Article number (`14`) or citation' }),
      q: z.string().max(200).optional().openapi({ description: 'Words that must all occur (æøå allowed)' }),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(QuestionListItemSchema), 'Matching questions'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/questions/{ref}',
  tags: ['questions'],
  summary: 'One question with its requirements, articles and input',
  request: { params: RefParam },
  responses: { 200: jsonResponse(QuestionSchema, 'The question'), 404: errors[404] },
});

const create = createRoute({
  method: 'post',
  path: '/questions',
  tags: ['questions'],
  summary: 'Add a principle question; the server assigns the next PS-nn ref',
  request: jsonBody(NewQuestionSchema),
  responses: { 201: jsonResponse(QuestionSchema, 'The new question'), 400: errors[400], 413: errors[413] },
});

const patch = createRoute({
  method: 'patch',
  path: '/questions/{ref}',
  tags: ['questions'],
  summary: 'Change a question (status, decision, links…); `decided` needs a decision',
  request: { params: RefParam, ...jsonBody(QuestionPatchSchema) },
  responses: {
    200: jsonResponse(QuestionSchema, 'The question after the change'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});

export const questionsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    return c.json(await listQuestions(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(one, async (c) => c.json(await getQuestion(c.var.db, c.req.valid('param').ref), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ref = await c.var.db.transaction().execute((trx) => createQuestion(trx, body, c.var.actor));
    return c.json(await getQuestion(c.var.db, ref), 201);
  })
  .openapi(patch, async (c) => {
    const { ref } = c.req.valid('param');
    const { version, ...changes } = c.req.valid('json');
    await c.var.db.transaction().execute((trx) => updateQuestion(trx, ref, changes, c.var.actor, version));
    return c.json(await getQuestion(c.var.db, ref), 200);
  });
