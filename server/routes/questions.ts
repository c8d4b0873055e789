import { createRouter } from '../lib/openapi.ts';

export const questionsRoutes = createRouter();
