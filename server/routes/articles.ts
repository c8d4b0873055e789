import { createRouter } from '../lib/openapi.ts';

export const articlesRoutes = createRouter();
