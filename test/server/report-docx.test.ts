import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COVERAGE } from '../../schema/types.ts';
import { COVERAGE_NB } from '../../server/exports/labels.ts';
import { FORMULA_TEXT, makeSampleAnalysis } from '../export/sample-analysis.ts';
import { unzip, wordTables, wordText, xmlText } from '../export/unzip.ts';
import { makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>> & { now: Map<string, Buffer>; nowHeaders: Headers };

async function fetchDocx(app: Ctx['app'], query = '') {
  const res = await app.request(`/api/export/report.docx${query}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

const REQUIREMENT_HEADER = ['Ref', 'Krav', 'Artikler', 'Frist', 'Dekning', 'Gapdimensjoner'];

/** Text up to the table of contents: the title page. */
const titlePage = (xml: string) => wordText(xml.slice(0, xml.indexOf('<w:sdt>')));

const Report = suite<Ctx>('report-docx');

Report.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
  await makeSampleAnalysis(ctx.db);
  const { res, bytes } = await fetchDocx(ctx.app);
  assert.is(res.status, 200);
  ctx.now = unzip(bytes);
  ctx.nowHeaders = res.headers;
});

Report('content type and file name, with today’s date', ({ nowHeaders }) => {
  assert.is(nowHeaders.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.match(
    nowHeaders.get('content-disposition') ?? '',
    /^attachment; filename="ehds-konsekvensvurdering-\d{4}-\d{2}-\d{2}\.docx"/,
  );
});

Report('every requirement is in the per-area tables exactly once, with its Norwegian coverage', async ({ now, db }) => {
  const tables = wordTables(xmlText(now, 'word/document.xml')).filter(
    (t) => JSON.stringify(t[0]) === JSON.stringify(REQUIREMENT_HEADER),
  );
  assert.is(tables.length, 5, 'one table per area A1–A5');
  const rows = tables.flatMap((t) => t.slice(1));
  const refs = rows.map((r) => r[0]);
  const stored = await db
    .selectFrom('requirement')
    .innerJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select(['ref', 'coverage', 'title'])
    .execute();
  assert.equal([...refs].sort(), stored.map((r) => r.ref).sort());
  assert.is(new Set(refs).size, refs.length, 'no requirement twice');
  for (const r of stored) {
    const row = rows.find((x) => x[0] === r.ref);
    assert.is(row?.[1], r.title, `${r.ref} title, æøå intact`);
    assert.is(row?.[4], COVERAGE_NB[r.coverage], `${r.ref} coverage`);
  }
});

Report('the summary table counts per area × coverage equal the database', async ({ now, db }) => {
  const table = wordTables(xmlText(now, 'word/document.xml')).find((t) => t[0]?.[0] === 'Område');
  assert.ok(table, 'the coverage table');
  assert.equal(table?.[0], ['Område', ...COVERAGE.map((c) => COVERAGE_NB[c]), 'Sum']);
  const counts = await db
    .selectFrom('requirement')
    .innerJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select(['requirement.area_code', 'assessment.coverage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['requirement.area_code', 'assessment.coverage'])
    .execute();
  for (const area of ['A1', 'A2', 'A3', 'A4', 'A5']) {
    const row = table?.find((r) => r[0]?.startsWith(`${area} `));
    const expected = COVERAGE.map((c) => String(counts.find((x) => x.area_code === area && x.coverage === c)?.n ?? 0));
    assert.equal(row?.slice(1, 6), expected, area);
  }
  const total = table?.at(-1);
  assert.is(total?.[0], 'Sum');
  assert.is(
    Number(total?.[6]),
    counts.reduce((n, x) => n + Number(x.n), 0),
  );
});

Report('Word styles, a table of contents field, the chart image, æøå and a formula-like text as text', ({ now }) => {
  const styles = xmlText(now, 'word/styles.xml');
  for (const id of ['Heading1', 'Heading2', 'Heading3', 'Title', 'EhdsTabell'])
    assert.match(styles, `w:styleId="${id}"`);
  const doc = xmlText(now, 'word/document.xml');
  assert.match(doc, /<w:pStyle w:val="Heading1"\/>/);
  assert.match(doc, /<w:tblStyle w:val="EhdsTabell"\/>/);
  assert.match(doc, /TOC \\h \\o &quot;1-2&quot;/);
  const png = [...now.entries()].find(([name]) => name.startsWith('word/media/') && name.endsWith('.png'))?.[1];
  assert.ok(png, 'a PNG in word/media');
  assert.equal([...(png as Buffer).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok((png as Buffer).readUInt32BE(16) >= 1000, 'the chart is drawn at print resolution');

  const text = wordText(doc);
  for (const phrase of [
    'EHDS konsekvensvurdering – gapanalyse',
    '1 Sammendrag',
    '3 Prinsipielle spørsmål',
    'Vedlegg B Korrelasjonstabell',
    'Utveksling av helsedata til sekundærbruk',
    'Ikke sporet',
    'Tatt til følge',
  ]) {
    assert.ok(text.includes(phrase), phrase);
  }
  assert.ok(text.includes(FORMULA_TEXT), 'the situation text =SUM(A1) is in the report as text');
  assert.not.match(doc, /<w:instrText[^>]*>[^<]*SUM/, 'and not as a field');
  assert.not.ok(/Ã¸|Ã¥|Ã¦/.test(text), 'no mojibake');
});

Report('now: the title page says working version and date; changes since the newest version', ({ now }) => {
  const doc = xmlText(now, 'word/document.xml');
  const title = titlePage(doc);
  assert.match(title, /Arbeidsversjon \(ikke frosset\)/);
  assert.match(title, /Dato: \d{2}\.\d{2}\.\d{4}/);
  assert.match(wordText(doc), /Endringer siden V0\.8 \(28\.03\.2025\)/);
});

Report('?version=V0.5: the version on the first page, and the content as frozen', async ({ app }) => {
  const { res, bytes } = await fetchDocx(app, '?version=V0.5');
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /ehds-konsekvensvurdering-V0\.5\.docx/);
  const doc = xmlText(unzip(bytes), 'word/document.xml');
  const title = titlePage(doc);
  assert.match(title, /Versjon V0\.5/);
  assert.match(title, /Dato: 13\.12\.2024/);
  const row = wordTables(doc)
    .filter((t) => t[0]?.[0] === 'Ref' && t[0]?.[5] === 'Gapdimensjoner')
    .flat()
    .find((r) => r[0] === 'A1-05');
  assert.is(row?.[4], 'Ikke dekket', 'A1-05 as frozen in V0.5 (now it is Godt dekket)');
  assert.match(wordText(doc), /Ingen tidligere versjon er frosset/);
});

Report('an unknown version is a JSON 404', async ({ app }) => {
  const res = await app.request('/api/export/report.docx?version=V9');
  assert.is(res.status, 404);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /V9/);
});

Report('building the report does not hold up other requests: the event loop stays free', async ({ app }) => {
  // Building a report takes seconds of CPU; in the worker thread the main thread keeps serving.
  let longest = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 5);
  const res = await app.request('/api/export/report.docx');
  await res.arrayBuffer();
  clearInterval(tick);
  longest = Math.max(longest, performance.now() - last);
  assert.is(res.status, 200);
  assert.ok(longest < 750, `the event loop was blocked for ${Math.round(longest)} ms`);
});

Report.run();
