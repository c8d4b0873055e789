import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Db } from '../../schema/db.ts';
import { openMemoryDb } from '../../schema/db.ts';
import { createApp } from '../../server/app.ts';
import { REQUIREMENT_CSV_COLUMNS } from '../../server/exports/requirements-csv.ts';
import { formulaSafe, parseCsv, unFormulaSafe } from '../../server/lib/csv.ts';
import { saveAssessment } from '../../server/queries/assessments.ts';
import { updateRequirement } from '../../server/queries/requirement-writes.ts';
import { addTestUsers, dumpDb, makeApp, TEST_EMAILS, type TestApp, useTestUsers } from '../helpers.ts';

const HEADER = REQUIREMENT_CSV_COLUMNS.join(',');

async function exportCsv(app: TestApp, query = '') {
  const res = await app.request(`/api/export/requirements.csv${query}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

async function importCsv(app: TestApp, body: BodyInit, type: string | null = 'text/csv') {
  const res = await app.request('/api/import/requirements', {
    method: 'POST',
    headers: type ? { 'content-type': type } : {},
    body,
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields freely and assert on them
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

/** The rows of a CSV as objects, formula escaping undone: what a reader of the file sees. */
function rowsOf(csv: string) {
  const { header, rows } = parseCsv(csv);
  return rows.map(({ cells }) => Object.fromEntries(header.map((h, i) => [h, unFormulaSafe(cells[i] ?? '')])));
}

const auditCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The rows as a spreadsheet saves them with `;` as separator: formula escapes kept, no BOM, LF. */
const toSemicolons = (rows: Record<string, string>[]) =>
  [REQUIREMENT_CSV_COLUMNS.join(';')]
    .concat(
      rows.map((r) =>
        REQUIREMENT_CSV_COLUMNS.map((c) => {
          const v = formulaSafe(r[c] ?? '');
          return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
        }).join(';'),
      ),
    )
    .join('\n');

/** Awkward text in the seeded analysis: æøå, quotes, newlines, separators, formulas. */
async function addAwkwardText(db: Db) {
  await db.transaction().execute(async (trx) => {
    await updateRequirement(
      trx,
      'A1-01',
      {
        title: 'Innsyn i «egen» journal, "sitat"; og semikolon',
        description: 'Første linje med æøå ÆØÅ\nAndre linje, med komma; og semikolon\r\nTredje "linje"',
        group: '-gruppe som starter med minus',
      },
      'test',
    );
    await saveAssessment(
      trx,
      'A1-02',
      {
        coverage: 'partially_covered',
        work_status: 'in_review',
        gap_dimensions: ['technical', 'legal'],
        situation: '=SUM(A1)',
        gap: '@cmd',
        justification: '',
        responsible_organisation_id: null,
      },
      'test',
    );
    await saveAssessment(
      trx,
      'A3-01',
      {
        coverage: 'not_applicable',
        work_status: 'done',
        gap_dimensions: [],
        situation: "'=allerede med apostrof",
        gap: '+47 22 00 00 00',
        justification: 'Gjelder ikke Norge fordi …\n– punkt to',
        responsible_organisation_id: null,
      },
      'test',
    );
  });
}

/** A migrated database holding only what requirements point to: areas, categories, provisions, reference groups. */
async function emptyAnalysis(source: import('better-sqlite3').Database) {
  const target = await openMemoryDb();
  for (const table of ['area', 'category', 'provision', 'reference_group'] as const) {
    const rows = source.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    for (let i = 0; i < rows.length; i += 50) {
      // Rows copied as they are: their shape is the table's, which the union of tables cannot express.
      await target.db
        .insertInto(table)
        .values(rows.slice(i, i + 50) as never)
        .execute();
    }
  }
  const users = await addTestUsers(target.db);
  return { ...target, app: useTestUsers(createApp({ db: target.db }), users), users };
}

type Fixture = Awaited<ReturnType<typeof makeApp>>;
type Row = Record<string, string>;

// ---------------------------------------------------------------------------------------------

const Export = suite<Fixture>('transfer: export requirements.csv', {} as Fixture);

Export.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Export('UTF-8 with BOM, CRLF, the fixed columns, an attachment named by date', async ({ app, db }) => {
  const { res, bytes, text } = await exportCsv(app);
  assert.is(res.status, 200);
  assert.is(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(
    res.headers.get('content-disposition') ?? '',
    /^attachment; filename="ehds-krav-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  assert.equal([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(text.startsWith(`\uFEFF${HEADER}\r\n`));
  const rows = rowsOf(text);
  const { n } = await db
    .selectFrom('requirement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.is(rows.length, Number(n));
  assert.ok(rows.length >= 30);
  const first = rows.find((r) => r.ref === 'A1-01')!;
  assert.is(first.area, 'A1');
  assert.match(first.articles!, /^\d/);
  assert.match(first.deadline!, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(rows.every((r) => /^(\d+(\(\w+\))*|Annex [IVX]+)?(;(\d+(\(\w+\))*|Annex [IVX]+))*$/.test(r.articles!)));
});

Export('filters like the list: area=A3 gives only A3 rows, all of them', async ({ app, db }) => {
  const rows = rowsOf((await exportCsv(app, '?area=A3')).text);
  const a3 = await db.selectFrom('requirement').select('ref').where('area_code', '=', 'A3').execute();
  assert.ok(a3.length > 0);
  assert.equal(rows.map((r) => r.ref).sort(), a3.map((r) => r.ref).sort());
  const two = rowsOf((await exportCsv(app, '?area=A1,A2')).text);
  assert.ok(two.length > 0 && two.every((r) => r.area === 'A1' || r.area === 'A2'));
  assert.ok(two.some((r) => r.area === 'A1') && two.some((r) => r.area === 'A2'));
  const repeated = rowsOf((await exportCsv(app, '?area=A1&area=A2')).text);
  assert.equal(repeated, two);
});

Export('filters by article, coverage and text; bad filters are 400', async ({ app }) => {
  const art = rowsOf((await exportCsv(app, '?article=14')).text);
  assert.ok(art.length > 0 && art.every((r) => r.articles!.split(';').some((a) => a.startsWith('14'))));
  const none = rowsOf((await exportCsv(app, '?coverage=covered&q=zzzyyyxxx')).text);
  assert.is(none.length, 0);
  assert.is((await exportCsv(app, '?area=A9')).res.status, 400);
  assert.is((await exportCsv(app, '?deadline_before=2029-02-30')).res.status, 400);
});

Export(
  '?version= of a version that does not exist is a JSON 404 (versions: test/server/versions.test.ts)',
  async ({ app }) => {
    const { res, text } = await exportCsv(app, '?version=V0.5');
    assert.is(res.status, 404);
    assert.match(JSON.parse(text).error.message, /V0\.5/);
  },
);

Export.run();

// ---------------------------------------------------------------------------------------------

const RoundTrip = suite<{ seeded: Fixture; csv: string; empty: Fixture }>(
  'transfer: round trip through an empty database',
  {} as { seeded: Fixture; csv: string; empty: Fixture },
);

RoundTrip.before(async (ctx) => {
  const seeded = await makeApp();
  await addAwkwardText(seeded.db);
  Object.assign(ctx, { seeded, csv: (await exportCsv(seeded.app)).text });
});

RoundTrip('the export escapes formulas and quotes awkward text', async ({ csv }) => {
  assert.ok(csv.includes(",'=SUM(A1),'@cmd,"));
  assert.ok(csv.includes(`"''=allerede med apostrof"`) || csv.includes(",''=allerede med apostrof,"));
  assert.ok(csv.includes(`"Innsyn i «egen» journal, ""sitat""; og semikolon"`));
  assert.not.match(csv, /(^|,)"?[=@+]/m);
});

RoundTrip('export → import into an empty database → export gives the same file', async (ctx) => {
  const empty = await emptyAnalysis(ctx.seeded.sqlite);
  const res = await importCsv(empty.app, ctx.csv);
  assert.is(res.status, 200, JSON.stringify(res.body));
  const total = rowsOf(ctx.csv).length;
  assert.equal(res.body, { created: total, updated: 0, unchanged: 0, total });
  const again = (await exportCsv(empty.app)).text;
  assert.is(again, ctx.csv);
  const a12 = await empty.db
    .selectFrom('assessment')
    .innerJoin('requirement', 'requirement.id', 'assessment.requirement_id')
    .select(['situation', 'gap', 'gap_dimensions', 'coverage'])
    .where('ref', '=', 'A1-02')
    .executeTakeFirstOrThrow();
  assert.equal(a12, {
    situation: '=SUM(A1)',
    gap: '@cmd',
    gap_dimensions: 'legal;technical',
    coverage: 'partially_covered',
  });
  const a31 = await empty.db
    .selectFrom('assessment')
    .innerJoin('requirement', 'requirement.id', 'assessment.requirement_id')
    .select(['situation', 'gap'])
    .where('ref', '=', 'A3-01')
    .executeTakeFirstOrThrow();
  assert.equal(a31, { situation: "'=allerede med apostrof", gap: '+47 22 00 00 00' });
  const a11 = await empty.db.selectFrom('requirement').selectAll().where('ref', '=', 'A1-01').executeTakeFirstOrThrow();
  assert.is(a11.description, 'Første linje med æøå ÆØÅ\nAndre linje, med komma; og semikolon\r\nTredje "linje"');
  assert.is(a11.group_name, '-gruppe som starter med minus');
  // Search works on imported text (search_text is maintained by the query layer).
  const found = rowsOf((await exportCsv(empty.app, `?q=${encodeURIComponent('ÆØÅ')}`)).text);
  assert.equal(
    found.map((r) => r.ref),
    ['A1-01'],
  );
  ctx.empty = empty;
});

RoundTrip('importing the same file again changes nothing: no audit entries, no version bumps', async (ctx) => {
  for (const target of [ctx.empty, ctx.seeded]) {
    const before = await dumpDb(target.sqlite);
    const audits = await auditCount(target.db);
    const res = await importCsv(target.app, ctx.csv);
    assert.is(res.status, 200, JSON.stringify(res.body));
    assert.is(res.body.unchanged, res.body.total);
    assert.is(res.body.created + res.body.updated, 0);
    assert.is(await auditCount(target.db), audits);
    assert.is(await dumpDb(target.sqlite), before);
  }
});

RoundTrip(
  'a ;-separated file without BOM (as Norwegian Excel saves it) imports and updates only what changed',
  async (ctx) => {
    const { empty } = ctx;
    const rows = rowsOf(ctx.csv);
    const changed = rows.map((r) =>
      r.ref === 'A2-01'
        ? { ...r, coverage: 'covered', situation: 'Dekket av «Kjernejournal»;\nny linje', deadline: '26.03.2031' }
        : r,
    );
    const audits = await auditCount(empty.db);
    const res = await importCsv(empty.app, toSemicolons(changed), 'text/csv; charset=utf-8');
    assert.is(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body, { created: 0, updated: 1, unchanged: rows.length - 1, total: rows.length });
    assert.ok((await auditCount(empty.db)) > audits);
    const after = rowsOf((await exportCsv(empty.app, '?area=A2')).text).find((r) => r.ref === 'A2-01')!;
    assert.is(after.coverage, 'covered');
    assert.is(after.situation, 'Dekket av «Kjernejournal»;\nny linje');
    assert.is(after.deadline, '2031-03-26');
    const entries = await empty.db.selectFrom('audit_log').selectAll().where('entity_ref', '=', 'A2-01').execute();
    assert.ok(entries.some((e) => e.actor === TEST_EMAILS.analyst && e.action === 'update'));
  },
);

RoundTrip.run();

// ---------------------------------------------------------------------------------------------

const Rules = suite<Fixture & { rows: Row[] }>('transfer: import validation', {} as Fixture & { rows: Row[] });

Rules.before(async (ctx) => {
  const seeded = await makeApp();
  Object.assign(ctx, seeded, { rows: rowsOf((await exportCsv(seeded.app)).text) });
});

/** Each bad cell, the column the error must name. */
const BAD_CELLS: [string, Record<string, string>, string][] = [
  ['ref format', { ref: 'A1-1' }, 'ref'],
  ['area code', { area: 'A7' }, 'area'],
  ['ref and area disagree', { area: 'A2' }, 'area'],
  ['blank title', { title: '  ' }, 'title'],
  ['unknown article', { articles: '3;999' }, 'articles'],
  ['not a citation', { articles: 'artikkel tre' }, 'articles'],
  ['category', { categories: 'a;g' }, 'categories'],
  ['impossible date', { deadline: '2029-02-30' }, 'deadline'],
  ['date format', { deadline: 'mars 2029' }, 'deadline'],
  ['coverage code', { coverage: 'mostly' }, 'coverage'],
  ['work status code', { work_status: 'started' }, 'work_status'],
  ['gap dimension code', { gap_dimensions: 'legal;financial' }, 'gap_dimensions'],
  ['not_applicable without justification', { coverage: 'not_applicable', justification: ' ' }, 'justification'],
];

Rules('one bad row among good ones changes nothing and is reported with its line and column', async (ctx) => {
  const before = await dumpDb(ctx.sqlite);
  for (const [what, patch, column] of BAD_CELLS) {
    // Good rows (one changed, one new) around the bad one, so a partial import would show.
    const rows = ctx.rows.map((r, i) => {
      if (i === 0) return { ...r, title: `${r.title} endret` };
      if (i === 5) return { ...r, ...patch };
      return r;
    });
    rows.push({ ...rows[1], ref: 'A5-99', title: 'Nytt krav', area: 'A5', description: 'Flere\nlinjer' });
    const res = await importCsv(ctx.app, toSemicolons(rows));
    assert.is(res.status, 400, what);
    assert.match(res.body.error.message, /nothing was imported/, what);
    // Header on line 1, the multi-line cells push later rows down: find the bad row's line by its ref.
    const csv = toSemicolons(rows);
    const line = parseCsv(csv).rows[5]!.line;
    assert.equal(res.body.error.rows, [{ row: line, column, message: res.body.error.rows[0].message }], what);
    assert.type(res.body.error.rows[0].message, 'string');
    assert.is(await dumpDb(ctx.sqlite), before, what);
  }
});

Rules('a duplicate ref and a short row are reported too', async (ctx) => {
  const before = await dumpDb(ctx.sqlite);
  const dup = `ref,area,title\nA1-01,A1,Innsyn\nA1-01,A1,Innsyn igjen\nA1-02,A1\n`;
  const res = await importCsv(ctx.app, dup);
  assert.is(res.status, 400);
  assert.equal(
    res.body.error.rows.map((r: { row: number; column: string | null }) => [r.row, r.column]),
    [
      [3, 'ref'],
      [4, null],
    ],
  );
  assert.is(await dumpDb(ctx.sqlite), before);
});

Rules('header: missing (a data row first), unknown and duplicate columns are 400 listing them', async (ctx) => {
  const before = await dumpDb(ctx.sqlite);
  const noHeader = await importCsv(ctx.app, 'A1-01,A1,Innsyn\nA1-02,A1,Dataportabilitet\n');
  assert.is(noHeader.status, 400);
  assert.equal(noHeader.body.error.missing, ['ref', 'area', 'title']);
  const odd = await importCsv(ctx.app, 'ref,area,title,title,farge\nA1-01,A1,Innsyn,Innsyn,blå\n');
  assert.is(odd.status, 400);
  assert.equal(odd.body.error.unknown, ['farge']);
  assert.equal(odd.body.error.duplicate, ['title']);
  assert.equal(odd.body.error.missing, []);
  const empty = await importCsv(ctx.app, '');
  assert.is(empty.status, 400);
  assert.match(empty.body.error.message, /header/);
  assert.is(await dumpDb(ctx.sqlite), before);
});

Rules('only ref, area and title are required; absent columns keep their stored values', async (ctx) => {
  const a101 = ctx.rows.find((r) => r.ref === 'A1-01')!;
  const csv = `\uFEFFRef,Area,Title\r\nA1-01,A1,${a101.title}\r\nA5-98,A5,"Nytt krav, kort"\r\n`;
  const res = await importCsv(ctx.app, csv);
  assert.is(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body, { created: 1, updated: 0, unchanged: 1, total: 2 });
  const rows = rowsOf((await exportCsv(ctx.app)).text);
  assert.equal(
    rows.find((r) => r.ref === 'A1-01'),
    a101,
  );
  assert.equal(
    rows.find((r) => r.ref === 'A5-98'),
    {
      ...Object.fromEntries(REQUIREMENT_CSV_COLUMNS.map((c) => [c, ''])),
      ref: 'A5-98',
      area: 'A5',
      title: 'Nytt krav, kort',
      coverage: 'not_assessed',
      work_status: 'todo',
    },
  );
});

Rules('a CSV syntax error is a 400 naming the line', async (ctx) => {
  const res = await importCsv(ctx.app, 'ref,area,title\nA1-01,A1,"Innsyn\n');
  assert.is(res.status, 400);
  assert.equal(res.body.error.rows[0].row, 2);
});

Rules('invalid UTF-8 (a Windows-1252 file) is 400; JSON is 415', async (ctx) => {
  const latin1 = new Uint8Array([...new TextEncoder().encode('ref,area,title\nA1-01,A1,S'), 0xe6, 0x72]);
  const res = await importCsv(ctx.app, latin1);
  assert.is(res.status, 400);
  assert.match(res.body.error.message, /UTF-8/);
  const json = await importCsv(ctx.app, '{"ref":"A1-01"}', 'application/json');
  assert.is(json.status, 415);
});

Rules('octet-stream, no content type and a multipart upload are read as the CSV', async (ctx) => {
  const csv = `ref,area,title\nA1-01,A1,${ctx.rows[0].title}\n`;
  for (const type of ['application/octet-stream', null]) {
    const res = await importCsv(ctx.app, new TextEncoder().encode(csv), type);
    assert.is(res.status, 200, `${type}`);
    assert.is(res.body.unchanged, 1);
  }
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'krav.csv');
  const res = await ctx.app.request('/api/import/requirements', { method: 'POST', body: form });
  assert.is(res.status, 200);
  assert.is(((await res.json()) as { unchanged: number }).unchanged, 1);
});

Rules('a body over 20 MB is 413 and changes nothing', async (ctx) => {
  const before = await dumpDb(ctx.sqlite);
  const big = `ref,area,title\n${`A1-01,A1,${'x'.repeat(1000)}\n`.repeat(21 * 1024)}`;
  assert.ok(big.length > 20 * 1024 * 1024);
  const res = await importCsv(ctx.app, big);
  assert.is(res.status, 413);
  assert.type(res.body.error.message, 'string');
  assert.is(await dumpDb(ctx.sqlite), before);
});

Rules('the OpenAPI document describes the text/csv import body and the CSV export', async (ctx) => {
  const doc = (await (await ctx.app.request('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: object }; responses: Record<string, { content?: object }> }>
    >;
  };
  assert.ok('text/csv' in (doc.paths['/api/import/requirements']!.post!.requestBody!.content ?? {}));
  assert.ok('text/csv' in (doc.paths['/api/export/requirements.csv']!.get!.responses['200']!.content ?? {}));
});

Rules.run();
