import { createRouter } from '../lib/openapi.ts';

export const dashboardRoutes = createRouter();
