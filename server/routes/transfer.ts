/** Moving the analysis in and out as files: the requirements CSV export and import. */
import { createRoute, z } from '@hono/zod-openapi';
import { buildRequirementsCsv, buildRequirementsCsvFromSnapshot } from '../exports/requirements-csv.ts';
import { fileNamePart, versionSnapshot } from '../exports/sources.ts';
import { importRequirementsCsv } from '../imports/requirements-csv.ts';
import { CsvEncodingError, decodeUtf8 } from '../lib/csv.ts';
import { ApiError, badRequest } from '../lib/errors.ts';
import { createRouter, errors, jsonResponse } from '../lib/openapi.ts';
import { RequirementFilterQuery } from '../lib/schemas.ts';

/** The list's filters, plus the version to export from. */
const RequirementExportQuery = RequirementFilterQuery.extend({
  version: z
    .string()
    .optional()
    .openapi({ description: 'A frozen version to export (e.g. V0.8); left out: as it is now', example: 'V0.8' }),
});

const exportCsv = createRoute({
  method: 'get',
  path: '/export/requirements.csv',
  tags: ['transfer'],
  summary: 'The requirements with their assessments as CSV (UTF-8 with BOM, formula-safe), with the list filters',
  request: { query: RequirementExportQuery },
  responses: {
    200: {
      content: { 'text/csv': { schema: z.string() } },
      description:
        'Columns: ref,area,group,title,title_en,description,articles,categories,deadline,coverage,work_status,gap_dimensions,situation,gap,justification',
    },
    400: errors[400],
    404: errors[404],
  },
});

const ImportResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    total: z.number().int().openapi({ description: 'Data rows in the file' }),
  })
  .openapi('ImportResult');

const importCsv = createRoute({
  method: 'post',
  path: '/import/requirements',
  tags: ['transfer'],
  summary: 'Upsert requirements and assessments from the requirements CSV; all rows or nothing',
  description: [
    'Body: the CSV as UTF-8 text (`text/csv`; raw bytes with another or no content type are read the same',
    'way; a `multipart/form-data` upload takes its first file). Separator `,` or `;`, BOM optional, quoted',
    'fields may hold newlines; at most 20 MB. The header row is required: `ref`, `area` and `title` must be',
    'there, the other columns of the export are optional and keep their stored value when left out. A blank',
    '`coverage` is `not_assessed`, a blank `work_status` is `todo`. If any row is invalid nothing changes and',
    'the 400 lists `rows: [{ row, column, message }]` (row = line in the file). Rows equal to what is stored',
    'are not touched, so importing an export again changes nothing.',
  ].join(' '),
  request: {
    body: {
      content: {
        'text/csv': { schema: z.string().openapi({ example: 'ref,area,title\r\nA1-01,A1,Innsyn\r\n' }) },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
      required: true,
      description: 'The requirements CSV',
    },
  },
  responses: {
    200: jsonResponse(ImportResultSchema, 'What the import did'),
    400: errors[400],
    413: errors[413],
    415: { ...errors[400], description: 'JSON is not accepted: send the file itself' },
  },
});

/** Today in Norway, for file names. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

async function bodyBytes(req: Request): Promise<Uint8Array> {
  const type = req.headers.get('content-type')?.toLowerCase() ?? '';
  if (type.startsWith('application/json')) {
    throw new ApiError(415, 'Send the CSV file itself as the body (content type text/csv), not JSON');
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => {
      throw badRequest('The multipart form could not be read (check its boundary)');
    });
    const file = [...form.values()].find((v): v is File => typeof v !== 'string');
    if (!file) throw badRequest('The form holds no file');
    return new Uint8Array(await file.arrayBuffer());
  }
  const charset = /charset\s*=\s*"?([\w-]+)/.exec(type)?.[1];
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw badRequest(`Only UTF-8 CSV is accepted, not ${charset}. Save the file as «CSV UTF-8».`);
  }
  return new Uint8Array(await req.arrayBuffer());
}

export const transferRoutes = createRouter()
  .openapi(exportCsv, async (c) => {
    const { version, ...filters } = c.req.valid('query');
    const csv =
      version === undefined
        ? await buildRequirementsCsv(c.var.db, filters)
        : await buildRequirementsCsvFromSnapshot(await versionSnapshot(c.var.db, version), filters);
    const name = `ehds-krav-${version === undefined ? today() : fileNamePart(version)}.csv`;
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    });
  })
  .openapi(importCsv, async (c) => {
    let text: string;
    try {
      text = decodeUtf8(await bodyBytes(c.req.raw));
    } catch (err) {
      if (err instanceof CsvEncodingError) throw badRequest(err.message);
      throw err;
    }
    return c.json(await importRequirementsCsv(c.var.db, text, c.var.actor), 200);
  });
