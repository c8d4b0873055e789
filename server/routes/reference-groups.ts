import { createRouter } from '../lib/openapi.ts';

export const referenceGroupsRoutes = createRouter();
