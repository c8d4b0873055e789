import { createRoute, z } from '@hono/zod-openapi';
import { AREA_CODES, DISPOSITIONS, INPUT_TYPES } from '../../schema/types.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf, Paging } from '../lib/openapi.ts';
import { isIsoDate } from '../lib/text.ts';
import { createMeeting, getMeeting, listMeetings } from '../queries/meetings.ts';

const isoDate = () =>
  z.string().refine(isIsoDate, { message: 'Expected a date YYYY-MM-DD' }).openapi({ example: '2025-02-13' });

const meetingFields = {
  id: z.number().int(),
  date: z.string(),
  title: z.string(),
  forum: z.string().nullable(),
  source: z.string(),
  organisations: z.array(z.object({ id: z.number().int(), name: z.string(), short_name: z.string().nullable() })),
  areas: z.array(z.enum(AREA_CODES)),
  input_count: z.number().int(),
};

export const MeetingListItemSchema = z.object(meetingFields).openapi('MeetingListItem');

export const MeetingSchema = z
  .object({
    ...meetingFields,
    inputs: z.array(
      z.object({
        id: z.number().int(),
        text: z.string(),
        type: z.enum(INPUT_TYPES),
        area_code: z.enum(AREA_CODES).nullable(),
        disposition: z.enum(DISPOSITIONS),
        disposition_reason: z.string(),
        organisation: z.string().nullable(),
      }),
    ),
  })
  .openapi('Meeting');

const NewMeetingSchema = z
  .strictObject({
    date: isoDate(),
    title: z.string().trim().min(1).max(500),
    forum: z.string().trim().min(1).max(200).nullable().optional(),
    organisation_ids: z.array(z.number().int().positive()).max(200).optional(),
    areas: z.array(z.enum(AREA_CODES)).optional(),
    source: z.string().trim().min(1).max(2000).optional(),
  })
  .openapi('NewMeeting');

const list = createRoute({
  method: 'get',
  path: '/meetings',
  tags: ['meetings'],
  summary: 'Meetings, by date',
  request: {
    query: z.object({
      from: isoDate().optional().openapi({ description: 'On or after this date' }),
      to: isoDate().optional().openapi({ description: 'On or before this date' }),
      forum: z.string().optional(),
      organisation: z.coerce.number().int().positive().optional().openapi({ description: 'Organisation id' }),
      area: z.enum(AREA_CODES).optional(),
      ...Paging,
    }),
  },
  responses: { 200: jsonResponse(listOf(MeetingListItemSchema), 'Matching meetings'), 400: errors[400] },
});

const one = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags: ['meetings'],
  summary: 'One meeting with the input it produced',
  request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ example: 1 }) }) },
  responses: { 200: jsonResponse(MeetingSchema, 'The meeting'), 400: errors[400], 404: errors[404] },
});

const create = createRoute({
  method: 'post',
  path: '/meetings',
  tags: ['meetings'],
  summary: 'Add a meeting; date and title together are unique (409)',
  request: jsonBody(NewMeetingSchema),
  responses: {
    201: jsonResponse(MeetingSchema, 'The new meeting'),
    400: errors[400],
    409: errors[409],
    413: errors[413],
  },
});

export const meetingsRoutes = createRouter()
  .openapi(list, async (c) => {
    const { limit, offset, ...filters } = c.req.valid('query');
    return c.json(await listMeetings(c.var.db, filters, { limit, offset }), 200);
  })
  .openapi(one, async (c) => c.json(await getMeeting(c.var.db, c.req.valid('param').id), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const id = await c.var.db.transaction().execute((trx) => createMeeting(trx, body, c.var.actor));
    return c.json(await getMeeting(c.var.db, id), 201);
  });
