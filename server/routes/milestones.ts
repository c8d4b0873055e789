import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonResponse } from '../lib/openapi.ts';
import { listMilestones } from '../queries/milestones.ts';

export const LegalMilestoneSchema = z
  .object({
    id: z.number().int(),
    date: z.string(),
    title_nb: z.string(),
    title_en: z.string(),
    description: z.string(),
    source: z.string(),
  })
  .openapi('LegalMilestone');

export const PlanMilestoneSchema = z
  .object({
    id: z.number().int(),
    code: z.string().nullable().openapi({ example: 'V0.5' }),
    title: z.string(),
    date: z.string().nullable(),
    date_note: z.string().nullable(),
    description: z.string(),
    sort_order: z.number().int(),
    source: z.string(),
  })
  .openapi('PlanMilestone');

const list = createRoute({
  method: 'get',
  path: '/milestones',
  tags: ['milestones'],
  summary: "The regulation's legal dates (by date) and the plan's milestones (in plan order)",
  responses: {
    200: jsonResponse(
      z.object({ legal: z.array(LegalMilestoneSchema), plan: z.array(PlanMilestoneSchema) }),
      'All milestones',
    ),
  },
});

export const milestonesRoutes = createRouter().openapi(list, async (c) => c.json(await listMilestones(c.var.db), 200));
