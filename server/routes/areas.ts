import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES } from '../../schema/types.ts';
import { notFound } from '../lib/errors.ts';
import { createRouter, errors, jsonResponse, listOf } from '../lib/openapi.ts';
import { getArea, listAreas } from '../queries/areas.ts';

export const AreaSchema = z
  .object({
    code: z.enum(AREA_CODES),
    name_nb: z.string(),
    name_en: z.string(),
    short_nb: z.string(),
    short_en: z.string(),
    articles_label: z.string(),
    sort_order: z.number(),
    source: z.string(),
  })
  .openapi('Area');

const list = createRoute({
  method: 'get',
  path: '/areas',
  tags: ['areas'],
  summary: 'The five areas of the national analysis (A1–A5)',
  responses: { 200: jsonResponse(listOf(AreaSchema), 'All areas') },
});

const one = createRoute({
  method: 'get',
  path: '/areas/{code}',
  tags: ['areas'],
  summary: 'One area',
  request: { params: z.object({ code: z.string().openapi({ example: 'A1' }) }) },
  responses: { 200: jsonResponse(AreaSchema, 'The area'), 404: errors[404] },
});

export const areasRoutes = createRouter()
  .openapi(list, async (c) => {
    const items = await listAreas(c.var.db);
    return c.json({ items, total: items.length }, 200);
  })
  .openapi(one, async (c) => {
    const area = await getArea(c.var.db, c.req.valid('param').code);
    if (!area) throw notFound(`Area ${c.req.valid('param').code}`);
    return c.json(area, 200);
  });
