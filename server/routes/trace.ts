/** Traceability: the article × requirement matrix as JSON and as CSV. */
import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, COVERAGE, MEASURE_STATUS, QUESTION_STATUS, WORK_STATUS } from '../../schema/types.ts';
import { changeCache, type JsonAnswer, jsonAnswer, sendJson } from '../lib/change-cache.ts';
import { writeCsv } from '../lib/csv.ts';
import { createRouter, errors, jsonResponse } from '../lib/openapi.ts';
import { RISK_REASONS } from '../queries/risk.ts';
import { getTrace, TRACE_CSV_HEADER, traceCsvRows } from '../queries/trace.ts';

const CHAPTERS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'] as const;

const TraceQuery = z.object({
  area: z.enum(AREA_CODES).optional().openapi({
    description:
      'Area A1–A5: articles of the area (default or further) or cited by a requirement of the area; only requirements of the area',
  }),
  chapter: z
    .enum(CHAPTERS)
    .optional()
    .openapi({ description: 'Chapter I–IX: its articles, and the requirements citing them' }),
});

const requirementLinks = {
  questions: z.array(z.object({ ref: z.string(), status: z.enum(QUESTION_STATUS) })),
  measures: z
    .array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        status: z.enum(MEASURE_STATUS),
        planned_end: z.string().nullable(),
        in_time: z.boolean().openapi({ description: 'Not stopped and planned to end on or before the deadline' }),
      }),
    )
    .openapi({ description: 'Measures addressing the requirement, by planned end (none last)' }),
  solutions: z
    .array(z.object({ id: z.number().int(), name: z.string() }))
    .openapi({ description: 'National solutions and portfolio projects of those measures, each once' }),
  input_count: z.number().int(),
  pending_input_count: z.number().int().openapi({ description: 'Input still waiting for a disposition' }),
  at_risk: z.boolean().openapi({ description: 'Not covered, and no measure that is not stopped ends by the deadline' }),
  at_risk_reason: z.enum(RISK_REASONS).nullable(),
};

const TraceRequirementSchema = z
  .object({
    ref: z.string().openapi({ example: 'A2-05' }),
    title: z.string(),
    area_code: z.enum(AREA_CODES),
    deadline: z.string().nullable(),
    coverage: z.enum(COVERAGE),
    work_status: z.enum(WORK_STATUS),
    pinpoint: z.string().openapi({ description: 'How it cites the article, e.g. `14(1)(a)`', example: '14(1)(a)' }),
    ...requirementLinks,
  })
  .openapi('TraceRequirement');

const TraceArticleSchema = z
  .object({
    number: z.string().openapi({ example: '14' }),
    kind: z.enum(['article', 'annex']),
    title_en: z.string(),
    title_nb: z.string().nullable(),
    chapter: z.string().nullable(),
    chapter_title: z.string().nullable(),
    section: z.string().nullable(),
    section_title: z.string().nullable(),
    area_code: z.enum(AREA_CODES).nullable(),
    applies_from: z.string().nullable(),
    requirements: z
      .array(TraceRequirementSchema)
      .openapi({ description: 'Requirements in scope citing it; empty means untraced' }),
  })
  .openapi('TraceArticle');

const TraceRequirementSummarySchema = z
  .object({
    ref: z.string(),
    title: z.string(),
    area_code: z.enum(AREA_CODES),
    deadline: z.string().nullable(),
    work_status: z.enum(WORK_STATUS),
    articles: z.array(z.string()).openapi({ description: 'Citations as written' }),
    ...requirementLinks,
  })
  .openapi('TraceRequirementSummary');

export const TraceSchema = z
  .object({
    articles: z.array(TraceArticleSchema),
    not_assessed: z.array(TraceRequirementSummarySchema).openapi({ description: 'Requirements in scope not assessed' }),
    without_article: z
      .array(TraceRequirementSummarySchema)
      .openapi({ description: 'Requirements in scope citing no article (empty with a chapter filter)' }),
    totals: z.object({
      articles: z.number().int().openapi({ description: 'Articles and annexes in scope' }),
      untraced: z.number().int().openapi({ description: 'Of those, cited by no requirement in scope' }),
      requirements: z.number().int().openapi({ description: 'Requirements in scope' }),
      not_assessed: z.number().int(),
      links: z.number().int().openapi({ description: 'Article × requirement pairs' }),
    }),
  })
  .openapi('Trace');

const trace = createRoute({
  method: 'get',
  path: '/trace',
  tags: ['trace'],
  summary:
    'Traceability matrix: every article in scope with the requirements citing it, their coverage, questions, measures, national solutions and input',
  request: { query: TraceQuery },
  responses: { 200: jsonResponse(TraceSchema, 'The matrix and its totals'), 400: errors[400] },
});

const exportCsv = createRoute({
  method: 'get',
  path: '/export/trace.csv',
  tags: ['trace'],
  summary: 'The traceability matrix as CSV (UTF-8 with BOM, formula-safe), with the same filters',
  request: { query: TraceQuery },
  responses: {
    200: {
      content: { 'text/csv': { schema: z.string() } },
      description: `One row per article × requirement; an untraced article is a row with empty requirement columns. Columns: ${TRACE_CSV_HEADER.join(',')}`,
    },
    400: errors[400],
  },
});

/** Today in Norway, for file names. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

/**
 * The matrix as JSON text, per filter, kept until anything in the database changes: an area's matrix is a
 * megabyte of JSON from thousands of rows, asked for again and again while nothing changes.
 */
const answers = changeCache<JsonAnswer>(16);

export const traceRoutes = createRouter()
  .openapi(trace, async (c) => {
    const query = c.req.valid('query');
    const answer = await answers.get(c.var.db, JSON.stringify(query), async () =>
      jsonAnswer(await getTrace(c.var.db, query)),
    );
    return sendJson<z.infer<typeof TraceSchema>>(c, answer);
  })
  .openapi(exportCsv, async (c) => {
    const csv = writeCsv(TRACE_CSV_HEADER, traceCsvRows(await getTrace(c.var.db, c.req.valid('query'))));
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ehds-sporbarhet-${today()}.csv"`,
      'cache-control': 'no-store',
    });
  });
