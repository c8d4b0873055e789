import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, CATEGORIES, COVERAGE, WORK_STATUS } from '../../schema/types.ts';
import { createRouter, errors, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { getReferenceGroup, listReferenceGroups } from '../queries/reference-groups.ts';

const groupFields = {
  id: z.number().int(),
  name: z.string(),
  name_en: z.string(),
  description: z.string(),
  categories: z.array(z.enum(CATEGORIES)).openapi({ description: 'Art. 14(1) letters' }),
  source: z.string(),
  requirement_refs: z.array(z.string()),
};

export const ReferenceGroupListItemSchema = z.object(groupFields).openapi('ReferenceGroupListItem');

export const ReferenceGroupSchema = z
  .object({
    ...groupFields,
    requirements: z.array(
      z.object({
        ref: z.string(),
        title: z.string(),
        area_code: z.enum(AREA_CODES),
        deadline: z.string().nullable(),
        coverage: z.enum(COVERAGE),
        work_status: z.enum(WORK_STATUS),
      }),
    ),
  })
  .openapi('ReferenceGroup');

const list = createRoute({
  method: 'get',
  path: '/reference-groups',
  tags: ['reference-groups'],
  summary: 'Xt-EHR reference groups with their categories and requirements',
  request: { query: z.object({ ...Paging }) },
  responses: { 200: jsonResponse(listOf(ReferenceGroupListItemSchema), 'All reference groups'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/reference-groups/{id}',
  tags: ['reference-groups'],
  summary: 'One reference group with the requirements in its scope',
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) }) },
  responses: { 200: jsonResponse(ReferenceGroupSchema, 'The reference group'), 400: errors[400], 404: errors[404] },
});

export const referenceGroupsRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listReferenceGroups(c.var.db, c.req.valid('query')), 200))
  .openapi(one, async (c) => c.json(await getReferenceGroup(c.var.db, c.req.valid('param').id), 200));
