import { createRouter } from '../lib/openapi.ts';

export const inputsRoutes = createRouter();
