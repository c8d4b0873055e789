/**
 * Versions (baselines): freeze the analysis under a name, list and read them, compare two of them or
 * one with now. There is deliberately no route that changes or deletes a version.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { COVERAGE, DISPOSITIONS, QUESTION_STATUS } from '../../schema/types.ts';
import { dateOslo } from '../exports/labels.ts';
import { compareNamed } from '../exports/sources.ts';
import { createRouter, errors, jsonBody, jsonResponse, listOf } from '../lib/openapi.ts';
import { isIsoDate } from '../lib/text.ts';
import { freezeVersion, getVersion, listVersions } from '../queries/versions.ts';

/** Reserved: the path segment of the comparison. */
const RESERVED_NAMES = ['compare'];

export const VersionName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, {
    message: 'Letters, digits, space, «.», «_» and «-», starting with a letter or digit (e.g. V0.8)',
  })
  .refine((name) => !RESERVED_NAMES.includes(name.toLowerCase()), { message: 'This name is reserved' })
  .openapi({ example: 'V0.8' });

const coverageCounts = z.object(Object.fromEntries(COVERAGE.map((c) => [c, z.number().int()])));

export const VersionSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    date: z.string().openapi({ description: 'The date the version stands for, YYYY-MM-DD' }),
    note: z.string(),
    schema_version: z.string().openapi({ description: 'The newest migration when it was frozen' }),
    content_hash: z.string().openapi({ description: 'sha256 of the canonical snapshot: equal content, equal hash' }),
    created_by: z.string(),
    created_at: z.string(),
    summary: z.object({
      requirements: z.number().int(),
      coverage: coverageCounts,
      coverage_by_area: z.record(z.string(), coverageCounts),
      questions: z.number().int(),
      questions_decided: z.number().int(),
      inputs: z.number().int(),
      inputs_pending: z.number().int(),
      meetings: z.number().int(),
      rows: z.record(z.string(), z.number().int()).openapi({ description: 'Rows per table' }),
    }),
  })
  .openapi('Version');

const NewVersionSchema = z
  .strictObject({
    name: VersionName,
    date: z
      .string()
      .refine(isIsoDate, { message: 'Expected a date YYYY-MM-DD' })
      .optional()
      .openapi({ description: 'Default: today (Norway)' }),
    note: z.string().max(5000).optional(),
  })
  .openapi('NewVersion');

const side = z.object({ kind: z.enum(['now', 'version']), name: z.string().nullable(), date: z.string().nullable() });
const requirementRef = { ref: z.string(), area_code: z.string(), title: z.string(), coverage: z.enum(COVERAGE) };
const fieldChange = z.object({
  ref: z.string(),
  area_code: z.string().nullable(),
  title: z.string(),
  field: z.string().openapi({ description: 'Norwegian field name: Arbeidsstatus, Gap, Dagens situasjon…' }),
  from: z.string(),
  to: z.string(),
});
const questionRef = { ref: z.string(), text: z.string() };

export const ComparisonSchema = z
  .object({
    from: side,
    to: side,
    coverage_changed: z.array(z.object({ ...requirementRef, from: z.enum(COVERAGE), to: z.enum(COVERAGE) })),
    assessment_changed: z.array(fieldChange),
    requirement_changed: z.array(fieldChange),
    requirements_added: z.array(z.object(requirementRef)),
    requirements_removed: z.array(z.object(requirementRef)),
    questions_added: z.array(z.object({ ...questionRef, status: z.enum(QUESTION_STATUS) })),
    questions_removed: z.array(z.object({ ...questionRef, status: z.enum(QUESTION_STATUS) })),
    questions_decided: z.array(z.object({ ...questionRef, from: z.enum(QUESTION_STATUS), decision: z.string() })),
    question_status_changed: z.array(
      z.object({ ...questionRef, from: z.enum(QUESTION_STATUS), to: z.enum(QUESTION_STATUS) }),
    ),
    question_changed: z.array(fieldChange),
    inputs_added: z.array(
      z.object({
        id: z.number().int(),
        text: z.string(),
        organisation: z.string().nullable(),
        disposition: z.enum(DISPOSITIONS),
        requirement_refs: z.array(z.string()),
      }),
    ),
    inputs_removed: z.array(z.object({ id: z.number().int(), text: z.string() })),
    dispositions_changed: z.array(
      z.object({
        id: z.number().int(),
        text: z.string(),
        from: z.enum(DISPOSITIONS),
        to: z.enum(DISPOSITIONS),
        reason: z.string(),
      }),
    ),
    measures_added: z.array(z.object({ ref: z.string(), title: z.string() })),
    measures_removed: z.array(z.object({ ref: z.string(), title: z.string() })),
    measure_changed: z.array(fieldChange),
    total: z.number().int().openapi({ description: 'Rows of the change list (changes.csv)' }),
  })
  .openapi('Comparison');

const NameParam = z.object({ name: z.string().openapi({ example: 'V0.8' }) });

export const CompareQuery = z.object({
  from: z.string().min(1).openapi({ description: 'Version to compare from', example: 'V0.5' }),
  to: z.string().min(1).optional().openapi({ description: 'Version to compare to; left out: now', example: 'V0.8' }),
});

const freeze = createRoute({
  method: 'post',
  path: '/versions',
  tags: ['versions'],
  summary: 'Freeze the whole analysis as a named version; it never changes afterwards',
  description:
    'Stores requirements with assessments and links, questions, input and dispositions, meetings, organisations, reference groups, measures, scores and national solutions as one canonical snapshot with a content hash. 409 if the name is taken.',
  request: jsonBody(NewVersionSchema, 'Name, date (default today) and note'),
  responses: {
    201: jsonResponse(VersionSchema, 'The frozen version'),
    400: errors[400],
    409: { ...errors[409], description: 'A version with this name exists' },
  },
});

const list = createRoute({
  method: 'get',
  path: '/versions',
  tags: ['versions'],
  summary: 'Frozen versions, oldest first, with counts',
  responses: { 200: jsonResponse(listOf(VersionSchema), 'The versions') },
});

const compare = createRoute({
  method: 'get',
  path: '/versions/compare',
  tags: ['versions'],
  summary: 'What changed from one version to another, or to now',
  request: { query: CompareQuery },
  responses: { 200: jsonResponse(ComparisonSchema, 'The changes'), 400: errors[400], 404: errors[404] },
});

const one = createRoute({
  method: 'get',
  path: '/versions/{name}',
  tags: ['versions'],
  summary: 'One version with its counts; its content is in /api/export/snapshot.json?version=NAME',
  request: { params: NameParam },
  responses: { 200: jsonResponse(VersionSchema, 'The version'), 404: errors[404] },
});

export const versionsRoutes = createRouter()
  .openapi(freeze, async (c) => {
    const body = c.req.valid('json');
    const version = await freezeVersion(
      c.var.db,
      { name: body.name, date: body.date ?? dateOslo(), note: body.note?.trim() ?? '' },
      c.var.actor,
    );
    return c.json(version, 201);
  })
  .openapi(list, async (c) => {
    const items = await listVersions(c.var.db);
    return c.json({ items, total: items.length }, 200);
  })
  .openapi(compare, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await compareNamed(c.var.db, from, to), 200);
  })
  .openapi(one, async (c) => c.json(await getVersion(c.var.db, c.req.valid('param').name), 200));
