/**
 * A Word document as a package: the parts around the body (content types, relationships, document
 * properties, styles, numbering, settings, footers, pictures), then the body itself, deflated into the ZIP
 * while the chapters write it.
 */
import { BodyWriter, BULLET_NUM_ID, escapeXml, type Paragraph, paragraphXml, type Sink } from './wordml.ts';
import { ZipStream } from './zip-stream.ts';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** A paragraph style; what it leaves out comes from the style it is based on (Normal unless said). */
export interface ParagraphStyle {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  uiPriority?: number;
  /** In the style gallery. */
  quickFormat?: boolean;
  /** Out of the style lists until used (table of contents, caption). */
  semiHidden?: boolean;
  /** Half-points. */
  size?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  /** Spacing before and after, twips; line spacing in 240ths of a line. */
  before?: number;
  after?: number;
  line?: number;
  keepNext?: boolean;
  keepLines?: boolean;
  /** Left indent, twips. */
  indent?: number;
  /** Outline level (0 for Heading 1), which the table of contents field and the navigator go by. */
  outline?: number;
}

/** The document defaults (Normal) and the styles over them. */
export interface StyleSheet {
  font: string;
  size: number;
  color: string;
  after: number;
  line: number;
  paragraphs: ParagraphStyle[];
  /** Further styles (table styles) as XML. */
  extra: string;
}

export interface PageSetup {
  /** Twips. */
  width: number;
  height: number;
  margin: number;
  /** From the page's bottom edge to the footer. */
  footer: number;
}

export interface DocxOptions {
  title: string;
  subject?: string;
  creator: string;
  description: string;
  styles: StyleSheet;
  page: PageSetup;
  /** The footer of every page; with `titlePage` the first page has an empty one instead. */
  footer?: Paragraph;
  titlePage?: boolean;
  /** PNG pictures, referred to by imageRel(index). */
  images?: Uint8Array[];
  /** Word updates the fields (the table of contents) when it opens the document. */
  updateFields?: boolean;
}

export const imageRel = (index: number) => `rIdImage${index + 1}`;

function paragraphStyleXml(s: ParagraphStyle): string {
  let x = `<w:style w:type="paragraph" w:styleId="${s.id}"><w:name w:val="${s.name}"/><w:basedOn w:val="${s.basedOn ?? 'Normal'}"/>`;
  if (s.next) x += `<w:next w:val="${s.next}"/>`;
  if (s.uiPriority !== undefined) x += `<w:uiPriority w:val="${s.uiPriority}"/>`;
  if (s.semiHidden) x += '<w:semiHidden/><w:unhideWhenUsed/>';
  if (s.quickFormat) x += '<w:qFormat/>';
  let p = '';
  if (s.keepNext) p += '<w:keepNext/>';
  if (s.keepLines) p += '<w:keepLines/>';
  const spacing = (['before', 'after', 'line'] as const)
    .filter((k) => s[k] !== undefined)
    .map((k) => ` w:${k}="${s[k]}"`)
    .join('');
  if (spacing) p += `<w:spacing${spacing}${s.line === undefined ? '' : ' w:lineRule="auto"'}/>`;
  if (s.indent !== undefined) p += `<w:ind w:left="${s.indent}"/>`;
  if (s.outline !== undefined) p += `<w:outlineLvl w:val="${s.outline}"/>`;
  if (p) x += `<w:pPr>${p}</w:pPr>`;
  let r = '';
  if (s.bold) r += '<w:b/><w:bCs/>';
  if (s.italics) r += '<w:i/><w:iCs/>';
  if (s.color) r += `<w:color w:val="${s.color}"/>`;
  if (s.size) r += `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>`;
  if (r) x += `<w:rPr>${r}</w:rPr>`;
  return `${x}</w:style>`;
}

export function stylesXml(sheet: StyleSheet): string {
  const f = sheet.font;
  return (
    `${XML}<w:styles ${W}><w:docDefaults><w:rPrDefault><w:rPr>` +
    `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/><w:color w:val="${sheet.color}"/>` +
    `<w:sz w:val="${sheet.size}"/><w:szCs w:val="${sheet.size}"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing w:after="${sheet.after}" w:line="${sheet.line}" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>' +
    sheet.paragraphs.map(paragraphStyleXml).join('') +
    `${sheet.extra}</w:styles>`
  );
}

/** One bullet list (●, ○, ■ by level), the numbering every bullet paragraph refers to. */
function numberingXml(): string {
  const symbols = ['●', '○', '■'];
  const levels = Array.from(
    { length: 9 },
    (_, i) =>
      `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="${symbols[i % 3]}"/><w:lvlJc w:val="left"/>` +
      `<w:pPr><w:ind w:left="${720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>`,
  ).join('');
  return (
    `${XML}<w:numbering ${W}><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>${levels}</w:abstractNum>` +
    `<w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="1"/></w:num></w:numbering>`
  );
}

function settingsXml(updateFields: boolean): string {
  return (
    `${XML}<w:settings ${W}><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
    (updateFields ? '<w:updateFields w:val="true"/>' : '') +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
  );
}

const footerXml = (p: Paragraph) => `${XML}<w:ftr ${W} ${R}>${paragraphXml(p)}</w:ftr>`;

function contentTypes(footers: number): string {
  const part = (name: string, type: string) => `<Override PartName="/${name}" ContentType="${type}"/>`;
  let x =
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>' +
    part('word/document.xml', `${WML}.document.main+xml`) +
    part('word/styles.xml', `${WML}.styles+xml`) +
    part('word/numbering.xml', `${WML}.numbering+xml`) +
    part('word/settings.xml', `${WML}.settings+xml`) +
    part('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    part('docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml');
  for (let i = 1; i <= footers; i++) x += part(`word/footer${i}.xml`, `${WML}.footer+xml`);
  return `${x}</Types>`;
}

const relationships = (rels: [id: string, type: string, target: string][]) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('') +
  '</Relationships>';

function coreXml(o: DocxOptions): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const date = (name: string) => `<dcterms:${name} xsi:type="dcterms:W3CDTF">${now}</dcterms:${name}>`;
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(o.title)}</dc:title>${o.subject ? `<dc:subject>${escapeXml(o.subject)}</dc:subject>` : ''}` +
    `<dc:creator>${escapeXml(o.creator)}</dc:creator><dc:description>${escapeXml(o.description)}</dc:description>` +
    `<cp:lastModifiedBy>${escapeXml(o.creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>${date('created')}${date('modified')}` +
    '</cp:coreProperties>'
  );
}

const appXml = () =>
  `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ehds-gap</Application></Properties>`;

function sectionXml(o: DocxOptions): string {
  const { width, height, margin, footer } = o.page;
  const footers = o.footer
    ? `<w:footerReference w:type="default" r:id="rIdFooter1"/>${o.titlePage ? '<w:footerReference w:type="first" r:id="rIdFooter2"/>' : ''}`
    : '';
  return (
    `<w:sectPr>${footers}<w:pgSz w:w="${width}" w:h="${height}"/>` +
    `<w:pgMar w:top="${margin}" w:right="${margin}" w:bottom="${margin}" w:left="${margin}" w:header="708" w:footer="${footer}" w:gutter="0"/>` +
    `${o.titlePage ? '<w:titlePg/>' : ''}</w:sectPr>`
  );
}

/**
 * Writes the document: `body` puts its blocks into the sink it is given, which turns each into XML and deflates
 * it at once, so a long document is never held whole.
 */
export function writeDocx(o: DocxOptions, body: (out: Sink) => void): Buffer {
  const zip = new ZipStream();
  const images = o.images ?? [];
  const footers = o.footer ? (o.titlePage ? 2 : 1) : 0;
  zip.file('[Content_Types].xml', contentTypes(footers));
  zip.file(
    '_rels/.rels',
    relationships([
      ['rId1', `${REL}/officeDocument`, 'word/document.xml'],
      [
        'rId2',
        'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
        'docProps/core.xml',
      ],
      ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
    ]),
  );
  zip.file('docProps/core.xml', coreXml(o));
  zip.file('docProps/app.xml', appXml());
  zip.file(
    'word/_rels/document.xml.rels',
    relationships([
      ['rIdStyles', `${REL}/styles`, 'styles.xml'],
      ['rIdNumbering', `${REL}/numbering`, 'numbering.xml'],
      ['rIdSettings', `${REL}/settings`, 'settings.xml'],
      ...Array.from({ length: footers }, (_, i): [string, string, string] => [
        `rIdFooter${i + 1}`,
        `${REL}/footer`,
        `footer${i + 1}.xml`,
      ]),
      ...images.map((_, i): [string, string, string] => [imageRel(i), `${REL}/image`, `media/image${i + 1}.png`]),
    ]),
  );
  zip.file('word/styles.xml', stylesXml(o.styles));
  zip.file('word/numbering.xml', numberingXml());
  zip.file('word/settings.xml', settingsXml(o.updateFields ?? false));
  if (o.footer) zip.file('word/footer1.xml', footerXml(o.footer));
  if (o.footer && o.titlePage) zip.file('word/footer2.xml', footerXml({ runs: [] }));
  images.forEach((png, i) => {
    zip.file(`word/media/image${i + 1}.png`, png);
  });
  const document = zip.text('word/document.xml');
  document.write(`${XML}<w:document ${W} ${R} ${WP}><w:body>`);
  body(new BodyWriter(document));
  document.write(`${sectionXml(o)}</w:body></w:document>`);
  document.close();
  return zip.finish();
}
