import { createRouter } from '../lib/openapi.ts';

export const traceRoutes = createRouter();
