import { createRouter } from '../lib/openapi.ts';

export const transferRoutes = createRouter();
