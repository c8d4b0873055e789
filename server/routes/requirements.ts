import { createRouter } from '../lib/openapi.ts';

export const requirementsRoutes = createRouter();
