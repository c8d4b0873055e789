import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonResponse } from '../lib/openapi.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness: the server answers and the database is reachable',
  security: [],
  responses: { 200: jsonResponse(z.object({ status: z.literal('ok') }), 'Healthy') },
});

export const healthRoutes = createRouter().openapi(health, async (c) => {
  await c.var.db.selectFrom('area').select('code').limit(1).execute();
  return c.json({ status: 'ok' as const }, 200);
});
