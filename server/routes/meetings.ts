import { createRouter } from '../lib/openapi.ts';

export const meetingsRoutes = createRouter();
