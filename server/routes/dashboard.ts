import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, COVERAGE } from '../../schema/types.ts';
import { changeCache, type JsonAnswer, jsonAnswer, sendJson } from '../lib/change-cache.ts';
import { createRouter, jsonResponse } from '../lib/openapi.ts';
import { getDashboard } from '../queries/dashboard.ts';
import { todayOslo } from '../queries/rounds.ts';

const count = () => z.number().int().min(0);

export const DashboardSchema = z
  .object({
    coverage_by_area: z.array(
      z.object({
        area: z.enum(AREA_CODES),
        counts: z.object(
          Object.fromEntries(COVERAGE.map((c) => [c, count()])) as Record<
            (typeof COVERAGE)[number],
            ReturnType<typeof count>
          >,
        ),
        total: count(),
      }),
    ),
    due_not_covered: z.array(
      z.object({
        date: z.string().openapi({ example: '2029-03-26' }),
        title_nb: z.string().nullable(),
        title_en: z.string().nullable(),
        total: count().openapi({ description: 'Requirements due on this date' }),
        not_covered: count().openapi({ description: 'Of those, neither covered nor not applicable' }),
        refs: z.array(z.string()).openapi({ description: 'Refs of the requirements not covered' }),
      }),
    ),
    questions: z.object({ open: count(), in_progress: count(), decided: count(), total: count() }),
    inputs_pending: count(),
    not_assessed: count(),
    at_risk_by_deadline: z.array(
      z.object({
        date: z.string().openapi({ example: '2029-03-26' }),
        at_risk: count().openapi({ description: 'Requirements due on this date that are at deadline risk' }),
        no_measure: count().openapi({ description: 'Of those, with no measure (that is not stopped)' }),
        late_measures: count().openapi({
          description: 'Of those, whose measures all end after the date or have no end',
        }),
        refs: z.array(z.string()),
      }),
    ),
    at_risk_total: count().openapi({ description: 'All requirements at deadline risk, whatever their deadline' }),
    open_rounds: z
      .array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          reference_group: z.string(),
          closes_on: z.string(),
          days_left: count().openapi({ description: 'Days to the closing date (0 on the last day or after)' }),
          accepting_input: z.boolean(),
          scope_count: count(),
          requirements_with_input: count(),
          input_count: count(),
          input_share: z.number().openapi({ description: 'Share (0–1) of the scope that has input' }),
        }),
      )
      .openapi({ description: 'Open consultation rounds, the one closing first first' }),
    totals: z.object({
      requirements: count(),
      articles: count(),
      untraced_articles: count().openapi({ description: 'Articles no requirement cites' }),
      untraced_article_numbers: z.array(z.string()),
    }),
  })
  .openapi('Dashboard');

const dashboard = createRoute({
  method: 'get',
  path: '/dashboard',
  tags: ['dashboard'],
  summary: 'Coverage per area, what is due and not covered, open questions, pending input, totals',
  responses: { 200: jsonResponse(DashboardSchema, 'The figures') },
});

/** Kept until anything in the database changes, per day (open rounds count the days left). */
const answers = changeCache<JsonAnswer>(2);

export const dashboardRoutes = createRouter().openapi(dashboard, async (c) => {
  const answer = await answers.get(c.var.db, todayOslo(), async () => jsonAnswer(await getDashboard(c.var.db)));
  return sendJson<z.infer<typeof DashboardSchema>>(c, answer);
});
