import { crc32 } from 'node:zlib';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COVERAGE } from '../../schema/types.ts';
import { buildAnalysisView } from '../../server/exports/analysis.ts';
import { COVERAGE_NB } from '../../server/exports/labels.ts';
import { buildReportDocx, PAGE_NUMBER_BUDGET, reportSize } from '../../server/exports/report-docx.ts';
import { buildRoundDocx, type RoundExportData } from '../../server/exports/round-innspill.ts';
import { snapshotOf } from '../../server/exports/sources.ts';
import type { RoundView } from '../../server/queries/rounds.ts';
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

/**
 * Throws where `xml` is not well-formed: tags that do not nest, more than one root, an unquoted attribute, a
 * stray `<` or `&`, or a character XML forbids. Enough to catch what a writer of strings can get wrong.
 */
function assertWellFormed(xml: string, name: string) {
  const token =
    /<\?[^?]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  const stack: string[] = [];
  let roots = 0;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(xml);
  assert.not.ok(forbidden, `${name}: a character XML forbids at ${forbidden?.index}`);
  for (const m of xml.matchAll(token)) {
    const at = `${name} at ${m.index}: ${xml.slice(m.index, m.index + 60)}`;
    assert.not.ok(m[0] === '<' || m[0] === '&', `stray markup character in ${at}`);
    const [, close, tag, attributes, empty] = m;
    if (tag === undefined) continue;
    assert.not.match(attributes ?? '', /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/, `unescaped & in ${at}`);
    if (close) assert.is(stack.pop(), tag, `closing tag in ${at}`);
    else {
      if (stack.length === 0) roots++;
      if (!empty) stack.push(tag);
    }
  }
  assert.equal(stack, [], `${name}: unclosed elements`);
  assert.is(roots, 1, `${name}: one root element`);
}

/** The CRC-32 the ZIP's central directory gives for each part equals that of the part as inflated. */
function assertChecksums(bytes: Uint8Array, files: Map<string, Buffer>) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const name = buf.toString('utf8', at + 46, at + 46 + buf.readUInt16LE(at + 28));
    assert.is(buf.readUInt32LE(at + 16), crc32(files.get(name) ?? ''), `${name}: checksum`);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
}

/** Every XML part of a package well-formed, and every part its relationships name present. */
function assertPackage(files: Map<string, Buffer>) {
  for (const [name, bytes] of files) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormed(bytes.toString('utf8'), name);
  }
  const types = xmlText(files, '[Content_Types].xml');
  for (const name of files.keys()) {
    if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
    const typed = types.includes(`PartName="/${name}"`) || types.includes(`Extension="${name.split('.').pop()}"`);
    assert.ok(typed, `${name} has a content type`);
  }
  for (const [rels, base] of [
    ['_rels/.rels', ''],
    ['word/_rels/document.xml.rels', 'word/'],
  ]) {
    for (const [, target] of xmlText(files, rels as string).matchAll(/Target="([^"]+)"/g)) {
      assert.ok(files.has(`${base}${target}`), `${rels} names ${target}, which is in the package`);
    }
  }
}

const Package = suite<Ctx & { bytes: Uint8Array; files: Map<string, Buffer>; doc: string }>('report-docx package');

Package.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
  await makeSampleAnalysis(ctx.db);
  const { bytes } = await fetchDocx(ctx.app);
  ctx.bytes = bytes;
  ctx.files = unzip(bytes);
  ctx.doc = xmlText(ctx.files, 'word/document.xml');
});

Package(
  'every part is well-formed XML, has a content type, and every relationship points at a part',
  ({ bytes, files }) => {
    assertChecksums(bytes, files);
    assertPackage(files);
    for (const part of ['word/styles.xml', 'word/numbering.xml', 'word/settings.xml', 'docProps/core.xml']) {
      assert.ok(files.has(part), part);
    }
    const core = xmlText(files, 'docProps/core.xml');
    assert.match(core, '<dc:title>EHDS konsekvensvurdering – gapanalyse</dc:title>');
    assert.match(core, /<dc:subject>Arbeidsversjon \(ikke frosset\), \d{2}\.\d{2}\.\d{4}<\/dc:subject>/);
    assert.match(core, '<dc:creator>ehds-gap</dc:creator>');
  },
);

Package('every style the document uses is defined, with the report’s own styles', ({ files, doc }) => {
  const styles = xmlText(files, 'word/styles.xml');
  const used = new Set([...doc.matchAll(/<w:(?:pStyle|tblStyle) w:val="([^"]+)"\/>/g)].map((m) => m[1]));
  for (const id of used) assert.match(styles, `w:styleId="${id}"`, `style ${id}`);
  for (const id of ['Caption', 'Tabelltekst', 'Kilde', 'Feltetikett', 'Undertittel', 'TOC1', 'TOC2', 'ListParagraph'])
    assert.match(styles, `w:styleId="${id}"`, `style ${id}`);
  assert.match(styles, /<w:rFonts w:ascii="Calibri"/);
});

Package('the table of contents lists every chapter and section heading, linked and numbered', ({ files, doc }) => {
  const end = doc.indexOf('</w:sdt>');
  const toc = doc.slice(doc.indexOf('<w:sdt>'), end);
  const body = doc.slice(end);
  const headings = [...body.matchAll(/<w:p><w:pPr><w:pStyle w:val="Heading([12])"\/>[\s\S]*?<\/w:p>/g)].map((m) => ({
    level: Number(m[1]),
    text: wordText(m[0]).trim(),
    bookmark: /w:name="(_Toc\d+)"/.exec(m[0])?.[1],
  }));
  for (const chapter of ['1 Sammendrag', '2 Gapanalyse per område', '3 Prinsipielle spørsmål', '4 Frister'])
    assert.ok(
      headings.some((h) => h.text === chapter && h.level === 1),
      chapter,
    );
  assert.is(headings.filter((h) => h.text.startsWith('Vedlegg ')).length, 4, 'appendices A–D');
  const entries = [...toc.matchAll(/<w:p><w:pPr><w:pStyle w:val="TOC([12])"\/>[\s\S]*?<\/w:p>/g)].map((m) => ({
    level: Number(m[1]),
    text: wordText(/<w:hyperlink [^>]*>([\s\S]*?)(?:<w:r><w:tab\/>|<\/w:hyperlink>)/.exec(m[0])?.[1] ?? '').trim(),
    anchor: /w:anchor="(_Toc\d+)"/.exec(m[0])?.[1],
    page: Number(/PAGEREF _Toc\d+ \\h <\/w:instrText>[\s\S]*?<w:t xml:space="preserve">(\d+)<\/w:t>/.exec(m[0])?.[1]),
  }));
  assert.equal(
    entries.map((e) => [e.level, e.text, e.anchor]),
    headings.map((h) => [h.level, h.text, h.bookmark]),
    'one entry per heading, in order, linked to its bookmark',
  );
  assert.is(entries[0]?.page, 3, 'the summary starts on page 3, after the title page and the contents');
  for (let i = 1; i < entries.length; i++) {
    assert.ok((entries[i]?.page ?? 0) >= (entries[i - 1]?.page ?? 0), `${entries[i]?.text}: pages in order`);
  }
  assert.not.match(xmlText(files, 'word/settings.xml'), 'updateFields', 'numbered: nothing for Word to update');
});

Package('bullets use a numbering that numbering.xml defines', ({ files, doc }) => {
  const numbering = xmlText(files, 'word/numbering.xml');
  const ids = new Set([...doc.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
  assert.ok(ids.size > 0, 'the report has bullets');
  for (const id of ids) {
    const num = new RegExp(`<w:num w:numId="${id}"><w:abstractNumId w:val="(\\d+)"/>`).exec(numbering);
    assert.ok(num, `numbering ${id}`);
    assert.match(numbering, `<w:abstractNum w:abstractNumId="${num?.[1]}">`);
  }
  assert.match(numbering, /<w:lvl w:ilvl="0">.*?<w:numFmt w:val="bullet"\/>/);
});

Package('the chart is a picture part with its relationship and its description', ({ files, doc }) => {
  const embed = /<a:blip r:embed="([^"]+)"\/>/.exec(doc)?.[1];
  assert.ok(embed, 'the document embeds a picture');
  const rels = xmlText(files, 'word/_rels/document.xml.rels');
  const target = new RegExp(`Id="${embed}" Type="[^"]+/image" Target="([^"]+)"`).exec(rels)?.[1];
  assert.ok(target && files.has(`word/${target}`), `the picture's part ${target}`);
  assert.match(xmlText(files, '[Content_Types].xml'), 'Extension="png" ContentType="image/png"');
  const docPr = /<wp:docPr [^>]*\/>/.exec(doc)?.[0] ?? '';
  assert.match(docPr, 'title="Dekning per område"');
  assert.match(docPr, /descr="A1: \d+ godt dekket, \d+ delvis dekket/);
});

Package('footers: «side X av Y» on every page but the title page', ({ files, doc }) => {
  const section = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(doc)?.[0] ?? '';
  assert.match(section, '<w:titlePg/>');
  const rels = xmlText(files, 'word/_rels/document.xml.rels');
  const footer = (type: string) => {
    const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"/>`).exec(section)?.[1];
    const target = new RegExp(`Id="${id}" Type="[^"]+/footer" Target="([^"]+)"`).exec(rels)?.[1];
    return xmlText(files, `word/${target}`);
  };
  const main = footer('default');
  assert.match(main, /<w:instrText xml:space="preserve"> PAGE <\/w:instrText>/);
  assert.match(main, /<w:instrText xml:space="preserve"> NUMPAGES <\/w:instrText>/);
  assert.match(wordText(main), /EHDS konsekvensvurdering – gapanalyse · Arbeidsversjon \(ikke frosset\) · .* · side /);
  assert.is(wordText(footer('first')).trim(), '', 'the title page has an empty footer');
});

Package('a long report: Word fills in the table of contents on opening; texts are escaped', async ({ db }) => {
  const view = buildAnalysisView(await snapshotOf(db));
  const input = view.inputs[0];
  assert.ok(input, 'the sample has input');
  for (const r of view.requirements) {
    for (let i = 0; i < 30; i++) r.inputs.push({ ...input, text: `Innspill ${i} <b>&amp; "${r.ref}"\u0001` });
  }
  assert.ok(reportSize(view) > PAGE_NUMBER_BUDGET);
  const bytes = await buildReportDocx(view);
  const files = unzip(bytes);
  assertChecksums(bytes, files);
  assertPackage(files);
  const doc = xmlText(files, 'word/document.xml');
  assert.match(xmlText(files, 'word/settings.xml'), '<w:updateFields w:val="true"/>');
  const toc = doc.slice(doc.indexOf('<w:sdt>'), doc.indexOf('</w:sdt>'));
  assert.not.match(toc, 'PAGEREF', 'no estimated page numbers');
  assert.match(wordText(toc), '2 Gapanalyse per område');
  assert.match(wordText(toc), 'Vedlegg D Endringer siden forrige versjon');
  assert.ok(
    wordText(doc).includes('«Innspill 29 <b>&amp; "A1-01"»'),
    'the text as written, without the control character',
  );
});

Package.run();

const Round = suite('round-innspill docx');

Round('«Norges innspill» is a well-formed document with the round’s input', async () => {
  const data: RoundExportData = {
    round: {
      title: 'Utkast <Patient Summary> & co',
      reference_group: 'Pasientoppsummering',
      opens_on: '2025-03-01',
      closes_on: '2025-03-31',
      scope_count: 1,
      description: 'Første avsnitt.\n\nAndre avsnitt\nmed linjeskift.',
    } as unknown as RoundView,
    requirements: [{ ref: 'A2-05', title: 'Pasientoppsummeringer innen 2029' }],
    inputs: [
      {
        id: 1,
        text: 'Bør følge "IPS" <tett>\u0007',
        type: 'comment',
        organisation: 'Helse Vest',
        author: 'Kari',
        disposition: 'accepted',
        disposition_reason: 'Tas med',
        created_at: '2025-03-02T10:00:00Z',
        requirement_refs: ['A2-05'],
      },
    ],
  };
  const files = unzip(await buildRoundDocx(data));
  assertPackage(files);
  const text = wordText(xmlText(files, 'word/document.xml'));
  for (const expected of [
    'Norges innspill',
    'Utkast <Patient Summary> & co',
    'A2-05 Pasientoppsummeringer innen 2029',
    'Bør følge "IPS" <tett>',
    'Tatt til følge',
    'Begrunnelse: Tas med',
    'Andre avsnitt',
  ]) {
    assert.ok(text.includes(expected), expected);
  }
  assert.match(
    xmlText(files, 'docProps/core.xml'),
    '<dc:title>Norges innspill – Utkast &lt;Patient Summary&gt; &amp; co</dc:title>',
  );
});

Round.run();
