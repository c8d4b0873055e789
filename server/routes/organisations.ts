import { createRouter } from '../lib/openapi.ts';

export const organisationsRoutes = createRouter();
