import ExcelJS from 'exceljs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COVERAGE } from '../../schema/types.ts';
import { changeRows } from '../../server/exports/changes.ts';
import { COVERAGE_NB } from '../../server/exports/labels.ts';
import { compareNamed } from '../../server/exports/sources.ts';
import { addSheet, collectingSink, streamingWorkbook } from '../../server/exports/xlsx-kit.ts';
import { listVersions } from '../../server/queries/versions.ts';
import { FORMULA_TEXT, makeSampleAnalysis } from '../export/sample-analysis.ts';
import { decodeXml, unzip } from '../export/unzip.ts';
import { makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>> & { bytes: Uint8Array; wb: ExcelJS.Workbook; headers: Headers };

async function fetchXlsx(app: Ctx['app'], query = '') {
  const res = await app.request(`/api/export/workbook.xlsx${query}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const wb = new ExcelJS.Workbook();
  if (res.status === 200) await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return { res, bytes, wb };
}

/** A sheet as rows of cell texts keyed by the header row. */
function records(ws: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, ExcelJS.Cell>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1 || row.getCell(1).value === null) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return out;
}

const Workbook = suite<Ctx>('workbook-xlsx');

Workbook.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
  await makeSampleAnalysis(ctx.db);
  const { res, bytes, wb } = await fetchXlsx(ctx.app);
  assert.is(res.status, 200);
  Object.assign(ctx, { bytes, wb, headers: res.headers });
});

Workbook('content type, file name and the sheets in order', ({ wb, headers }) => {
  assert.is(headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(headers.get('content-disposition') ?? '', /filename="ehds-arbeidsbok-\d{4}-\d{2}-\d{2}\.xlsx"/);
  assert.equal(
    wb.worksheets.map((ws) => ws.name),
    ['Om', 'Krav', 'Artikler', 'Sporbarhet', 'Spørsmål', 'Innspill', 'Tiltak', 'Møter', 'Endringer'],
  );
});

Workbook('Om says now, the date and the counts', async ({ wb, db }) => {
  const om = wb.getWorksheet('Om') as ExcelJS.Worksheet;
  assert.is(om.getCell('A2').value, 'Arbeidsversjon (ikke frosset)');
  const rows = new Map<string, unknown>();
  om.eachRow((row) => rows.set(String(row.getCell(1).value).trim(), row.getCell(2).value));
  assert.is(rows.get('Innhold'), 'Nå (arbeidsversjon, ikke frosset)');
  assert.match(String(rows.get('Dato')), /^\d{2}\.\d{2}\.\d{4}$/);
  const { n } = await db
    .selectFrom('requirement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.is(rows.get('Krav'), Number(n));
});

Workbook('Krav: every requirement once, coverage per area equal to the database, æøå intact', async ({ wb, db }) => {
  const krav = records(wb.getWorksheet('Krav') as ExcelJS.Worksheet);
  const stored = await db
    .selectFrom('requirement')
    .innerJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select(['ref', 'area_code', 'coverage', 'title', 'situation'])
    .execute();
  const refs = krav.map((r) => r.Ref?.value);
  assert.equal([...refs].sort(), stored.map((r) => r.ref).sort());
  assert.is(new Set(refs).size, refs.length);
  for (const area of ['A1', 'A2', 'A3', 'A4', 'A5']) {
    for (const c of COVERAGE) {
      const inFile = krav.filter((r) => r.Område?.value === area && r.Dekning?.value === COVERAGE_NB[c]).length;
      const inDb = stored.filter((r) => r.area_code === area && r.coverage === c).length;
      assert.is(inFile, inDb, `${area} ${c}`);
    }
  }
  for (const r of stored) {
    const row = krav.find((x) => x.Ref?.value === r.ref);
    assert.is(row?.Tittel?.value, r.title, r.ref);
    assert.is(row?.['Dagens situasjon']?.value ?? '', r.situation, r.ref);
  }
  const deadline = krav.find((r) => r.Ref?.value === 'A1-01')?.Frist?.value;
  assert.instance(deadline, Date, 'deadlines are date cells');
});

Workbook('a text that looks like a formula is a text cell, and no cell in the file is a formula', ({ wb, bytes }) => {
  const krav = records(wb.getWorksheet('Krav') as ExcelJS.Worksheet);
  const cell = krav.find((r) => r.Ref?.value === 'A2-05')?.['Dagens situasjon'];
  assert.is(cell?.value, FORMULA_TEXT);
  assert.is(cell?.type, ExcelJS.ValueType.String);
  const gap = krav.find((r) => r.Ref?.value === 'A4-02')?.Gap;
  assert.match(String(gap?.value), /^\+ Utpeking av HDAB\n- Avklare/);
  assert.is(gap?.type, ExcelJS.ValueType.String);

  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => assert.is.not(c.type, ExcelJS.ValueType.Formula, `${ws.name}!${c.address} is a formula`)),
    );
  }
  const files = unzip(bytes);
  const sheets = [...files.keys()].filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  assert.ok(sheets.length >= 8);
  for (const name of sheets) assert.not.match(files.get(name)?.toString('utf8') ?? '', /<f[ >]/, name);
  const shared = decodeXml(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '');
  assert.ok(shared.includes(`<t>${FORMULA_TEXT}</t>`), 'stored as a shared string');
});

Workbook('header rows styled, frozen and filtered; drop-down lists for coverage and work status', ({ wb, bytes }) => {
  for (const name of ['Krav', 'Artikler', 'Sporbarhet', 'Spørsmål', 'Innspill', 'Tiltak', 'Møter']) {
    const ws = wb.getWorksheet(name) as ExcelJS.Worksheet;
    assert.is(ws.views[0]?.state, 'frozen', name);
    assert.is((ws.views[0] as { ySplit?: number }).ySplit, 1, name);
    assert.ok(ws.autoFilter, `${name} has an auto-filter`);
    assert.is(ws.getRow(1).font?.bold, true, name);
  }
  const krav = wb.getWorksheet('Krav') as ExcelJS.Worksheet;
  assert.is(krav.getCell('J1').value, 'Dekning');
  assert.is(krav.getCell('K1').value, 'Arbeidsstatus');
  const xml = unzip(bytes).get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '';
  const validations = [
    ...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]*)<\/formula1>/g),
  ].map((m) => [m[1], decodeXml(m[2] ?? '')]);
  assert.equal(validations, [
    ['J2:J500', '"Godt dekket,Delvis dekket,Ikke dekket,Ikke relevant,Ikke vurdert"'],
    ['K2:K500', '"Ikke startet,Under arbeid,Til gjennomgang,Ferdig"'],
  ]);
});

Workbook('Tiltak, Sporbarhet, Spørsmål and Møter hold the database’s rows', async ({ wb, db }) => {
  const count = async (table: 'measure' | 'meeting' | 'question' | 'requirement_provision') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rows = (name: string) => records(wb.getWorksheet(name) as ExcelJS.Worksheet).length;
  assert.is(rows('Tiltak'), await count('measure'));
  assert.is(rows('Møter'), await count('meeting'));
  assert.is(rows('Spørsmål'), await count('question'));
  const links = await db
    .selectFrom('requirement_provision')
    .select(['requirement_id', 'provision_id'])
    .distinct()
    .execute();
  assert.is(rows('Sporbarhet'), links.length);
});

Workbook('?version=V0.5: Om names the version; the content is as frozen', async ({ app }) => {
  const { res, wb } = await fetchXlsx(app, '?version=V0.5');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /ehds-arbeidsbok-V0\.5\.xlsx/);
  const om = wb.getWorksheet('Om') as ExcelJS.Worksheet;
  assert.is(om.getCell('A2').value, 'Versjon V0.5');
  assert.is(om.getCell('B3').value, 'Frosset versjon V0.5');
  assert.is(om.getCell('B4').value, '13.12.2024');
  const row = records(wb.getWorksheet('Krav') as ExcelJS.Worksheet).find((r) => r.Ref?.value === 'A1-05');
  assert.is(row?.Dekning?.value, 'Ikke dekket');
  assert.not.ok(wb.getWorksheet('Endringer'), 'V0.5 is the first version: no change list');
});

Workbook('data cells have their column’s style; rows of long text are taller; printed landscape', ({ wb }) => {
  const ws = wb.getWorksheet('Krav') as ExcelJS.Worksheet;
  const rows = records(ws);
  const long = rows.find((r) => String(r['Dagens situasjon']?.value ?? '').length > 100);
  assert.ok(long, 'a requirement with a long situation');
  assert.is(long?.['Dagens situasjon']?.alignment?.wrapText, true);
  assert.is(long?.['Dagens situasjon']?.alignment?.vertical, 'top');
  assert.ok((ws.getRow(Number(long?.Ref?.row)).height ?? 0) > 15, 'a row of long text is taller');
  assert.not.ok(long?.Ref?.alignment?.wrapText);
  assert.is(long?.Ref?.alignment?.vertical, 'top');
  const deadline = rows.find((r) => r.Frist?.value instanceof Date)?.Frist;
  assert.is(deadline?.numFmt, 'dd.mm.yyyy');
  assert.is(ws.pageSetup.orientation, 'landscape');
  assert.is(ws.pageSetup.fitToPage, true);
  assert.match(String(ws.headerFooter.oddFooter), /Krav/);
  assert.is(ws.getCell('A1').fill?.type, 'pattern');
});

Workbook('Endringer: one row per change, as the change list from the newest version', async ({ wb, db }) => {
  const newest = (await listVersions(db)).at(-1)?.name as string;
  const expected = changeRows(await compareNamed(db, newest));
  const ws = wb.getWorksheet('Endringer') as ExcelJS.Worksheet;
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  assert.ok(expected.length > 0);
  assert.equal(
    rows,
    expected.map((r) => r.map(String)),
  );
});

Workbook('a sheet of many rows is written whole and in order, texts as texts, with its list and filter', async () => {
  const out = collectingSink();
  const wb = streamingWorkbook(out.sink);
  const day = new Date(Date.UTC(2029, 2, 26));
  const rows = Array.from({ length: 1234 }, (_, i) => [
    i % 3 === 0 ? `=SUM(A${i})` : `Rad ${i} æøå`,
    i,
    i % 5 === 0 ? null : day,
    i % 7 === 0 ? '' : 'Ja',
  ]);
  await addSheet(
    wb,
    'Mange',
    [
      { header: 'Tekst', width: 20, wrap: true },
      { header: 'Tall', width: 8 },
      { header: 'Dato', width: 12, date: true },
      { header: 'Valg', width: 8 },
    ],
    rows,
    [{ column: 4, values: ['Ja', 'Nei'], title: 'Valg' }],
  );
  await wb.commit();
  const bytes = await out.bytes();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = read.getWorksheet('Mange') as ExcelJS.Worksheet;
  assert.is(ws.rowCount, 1235);
  for (const [i, expected] of rows.entries()) {
    const row = ws.getRow(i + 2);
    assert.is(row.getCell(1).value, expected[0]);
    assert.is(row.getCell(1).type, ExcelJS.ValueType.String);
    assert.is(row.getCell(2).value, expected[1]);
    assert.equal(row.getCell(3).value, expected[2]);
    assert.is(row.getCell(4).value, expected[3]);
  }
  assert.equal(ws.autoFilter, 'A1:D1235');
  assert.is(ws.views[0]?.state, 'frozen');
  const xml = unzip(bytes).get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
  assert.not.match(xml, /<f[ >]/);
  assert.match(xml, /<dataValidation [^>]*sqref="D2:D500"/);
});

Workbook.run();
