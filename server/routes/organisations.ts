import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../lib/errors.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { createOrganisation, getOrganisation, listOrganisations } from '../queries/organisations.ts';

const organisationFields = {
  id: z.number().int(),
  name: z.string(),
  short_name: z.string().nullable(),
  kind: z.string().openapi({ example: 'directorate' }),
  source: z.string(),
};

export const OrganisationSchema = z.object(organisationFields).openapi('Organisation');

export const OrganisationListItemSchema = z
  .object({ ...organisationFields, meeting_count: z.number().int(), input_count: z.number().int() })
  .openapi('OrganisationListItem');

const NewOrganisationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(300),
    short_name: z.string().trim().min(1).max(50).nullable().optional(),
    kind: z.string().trim().min(1).max(50).optional().openapi({ description: 'Default «other»' }),
    source: z.string().trim().min(1).max(2000).optional(),
  })
  .openapi('NewOrganisation');

const list = createRoute({
  method: 'get',
  path: '/organisations',
  tags: ['organisations'],
  summary: 'Organisations, by name',
  request: {
    query: z.object({
      kind: z.string().optional().openapi({ example: 'directorate' }),
      q: z.string().max(200).optional().openapi({ description: 'Words in the name or short name (æøå allowed)' }),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(OrganisationListItemSchema), 'Matching organisations'), 400: errors[400] },
});

const create = createRoute({
  method: 'post',
  path: '/organisations',
  tags: ['organisations'],
  summary: 'Add an organisation; names are unique (409)',
  request: jsonBody(NewOrganisationSchema),
  responses: {
    201: jsonResponse(OrganisationSchema, 'The new organisation'),
    400: errors[400],
    409: errors[409],
    413: errors[413],
  },
});

export const organisationsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    return c.json(await listOrganisations(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = await c.var.db.transaction().execute((trx) => createOrganisation(trx, body, c.var.actor));
    const created = await getOrganisation(c.var.db, id);
    if (!created) throw notFound(`Organisation ${id}`);
    return c.json(created, 201);
  });
