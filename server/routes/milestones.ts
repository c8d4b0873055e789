import { createRouter } from '../lib/openapi.ts';

export const milestonesRoutes = createRouter();
