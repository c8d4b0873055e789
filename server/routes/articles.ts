import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, COVERAGE, QUESTION_STATUS, WORK_STATUS } from '../../schema/types.ts';
import { createRouter, errors, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { getArticle, listArticles } from '../queries/articles.ts';

const CHAPTERS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'] as const;

export const ArticleSchema = z
  .object({
    number: z.string().openapi({ example: '14' }),
    kind: z.enum(['article', 'annex']),
    title_en: z.string(),
    title_nb: z.string().nullable(),
    chapter: z.string().nullable(),
    chapter_title: z.string().nullable(),
    section: z.string().nullable(),
    section_title: z.string().nullable(),
    area_code: z.enum(AREA_CODES).nullable().openapi({ description: 'The default area of the article' }),
    other_areas: z.string().nullable().openapi({ description: '`;`-separated further areas' }),
    applies_from: z.string().nullable(),
    applies_note: z.string().nullable(),
    requirement_refs: z.array(z.string()).openapi({ description: 'Refs of the requirements citing it' }),
  })
  .openapi('Article');

export const ArticleDetailSchema = ArticleSchema.extend({
  source: z.string(),
  requirements: z.array(
    z.object({
      ref: z.string(),
      title: z.string(),
      area_code: z.enum(AREA_CODES),
      deadline: z.string().nullable(),
      coverage: z.enum(COVERAGE),
      work_status: z.enum(WORK_STATUS),
      pinpoint: z.string().openapi({ description: 'The citations joined, e.g. `14(1)(b), 14(1)(c)`' }),
      pinpoints: z.array(z.string()),
    }),
  ),
  implementing_acts: z.array(
    z.object({
      article_paragraph: z.string(),
      type: z.enum(['IA', 'DA']),
      modality: z.string(),
      commission_deadline: z.string().nullable(),
      subject: z.string(),
      source: z.string(),
    }),
  ),
  questions: z.array(
    z.object({
      ref: z.string(),
      text: z.string(),
      status: z.enum(QUESTION_STATUS),
      area_code: z.enum(AREA_CODES).nullable(),
      origin: z.enum(['analysis', 'discretion']),
      pinpoint: z.string(),
      pinpoints: z.array(z.string()),
    }),
  ),
}).openapi('ArticleDetail');

const ArticleQuery = z.object({
  chapter: z.enum(CHAPTERS).optional().openapi({ description: 'Chapter I–IX' }),
  area: z.enum(AREA_CODES).optional().openapi({ description: 'The article’s default area' }),
  q: z.string().max(200).optional().openapi({ description: 'Words that must all occur in number or titles' }),
  untraced: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: '`true`: only articles no requirement cites; `false`: only cited ones' }),
  ...Paging,
});

const list = createRoute({
  method: 'get',
  path: '/articles',
  tags: ['articles'],
  summary: 'Articles, then annexes, of Regulation (EU) 2025/327 with the requirements citing each',
  request: { query: ArticleQuery },
  responses: { 200: jsonResponse(listOf(ArticleSchema), 'Articles and annexes'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/articles/{number}',
  tags: ['articles'],
  summary: 'One article or annex with its requirements, implementing acts and principle questions',
  request: {
    params: z.object({ number: z.string().max(40).openapi({ example: '14', description: '`14` or `Annex II`' }) }),
  },
  responses: { 200: jsonResponse(ArticleDetailSchema, 'The article'), 404: errors[404] },
});

export const articlesRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    return c.json(await listArticles(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(one, async (c) => c.json(await getArticle(c.var.db, c.req.valid('param').number), 200));
