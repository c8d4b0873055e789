/**
 * A small WordprocessingML writer: runs, paragraphs, tables, an inline picture and a table of contents, as XML
 * text written straight to where the document goes. Only what the reports use. Every text passes through
 * xmlSafe and is escaped here, so the chapters never write markup themselves.
 */
import { xmlSafe } from './labels.ts';
import type { TextOut } from './zip-stream.ts';

export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  /** Hex colour without `#`. */
  color?: string;
  /** Half-points. */
  size?: number;
  /** A line break before the text. */
  break?: boolean;
  /** A field (PAGE, NUMPAGES); `text` is the value shown until it is updated. */
  field?: string;
}

export interface InlineImage {
  /** The relationship id of the image part. */
  rel: string;
  /** Size in EMU. */
  width: number;
  height: number;
  name: string;
  title: string;
  description: string;
}

export interface Paragraph {
  style?: string;
  runs: Run[];
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  align?: 'center' | 'right';
  /** Spacing before and after, twips; left out: the style's. */
  before?: number;
  after?: number;
  /** An item of the bullet list (numbering.xml). */
  bullet?: boolean;
  image?: InlineImage;
}

export interface Cell {
  runs: Run[];
  fill?: string;
}

export interface Table {
  style: string;
  /** The paragraph style of the cells. */
  cellStyle: string;
  /** Column widths, twips. */
  widths: number[];
  header: Cell[];
  /** Read once per pass over the document, so it may be produced as it is read. */
  rows: Iterable<Cell[]>;
  /** Body rows are kept whole on one page. The header row always is, and repeats on every page. */
  cantSplit: boolean;
}

export interface TocEntry {
  /** 1 for Heading 1… */
  level: number;
  text: string;
  /** The bookmark on the heading: `_Toc<id>`. */
  id: number;
  /** Left out: no page numbers, the reader fills them in. */
  page?: number;
}

/** The table of contents field, with the entries shown until Word or LibreOffice updates it. */
export interface Toc {
  toc: TocEntry[];
  title: string;
  /** Where the page numbers are right-aligned (the text width), twips. */
  tabPos: number;
}

export type Block = Paragraph | Table | Toc;

/** Where the chapters put their blocks: the document being written, or a pass that only measures it. */
export interface Sink {
  add(...blocks: Block[]): void;
}

/** Headings down to this level are in the table of contents and carry a bookmark. */
export const TOC_LEVELS = 2;
/** The bullet list's numbering instance in numbering.xml. */
export const BULLET_NUM_ID = 1;

export const isTable = (b: Block): b is Table => 'rows' in b;
export const isToc = (b: Block): b is Toc => 'toc' in b;

/** 1 for `Heading1`…, 0 for any other style. */
export function headingLevel(style: string | undefined): number {
  const m = style === undefined ? null : /^Heading([1-9])$/.exec(style);
  return m ? Number(m[1]) : 0;
}

/** Numbers the headings the table of contents lists, in document order; every pass numbers them alike. */
export class TocHeadings {
  readonly entries: TocEntry[] = [];

  /** The entry of a paragraph that is a listed heading. */
  entry(p: Paragraph): TocEntry | undefined {
    const level = headingLevel(p.style);
    if (level === 0 || level > TOC_LEVELS) return undefined;
    const e = { level, text: p.runs.map((r) => r.text).join(''), id: this.entries.length + 1 };
    this.entries.push(e);
    return e;
  }
}

const XML_SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as it may stand in element content or an attribute: characters XML forbids dropped, the rest escaped. */
export const escapeXml = (text: string) => xmlSafe(text).replace(XML_SPECIAL, (c) => ENTITY[c] as string);

function runProperties(r: Omit<Run, 'text'>): string {
  let x = '';
  if (r.bold) x += '<w:b/><w:bCs/>';
  if (r.italics) x += '<w:i/><w:iCs/>';
  if (r.color) x += `<w:color w:val="${r.color}"/>`;
  if (r.size) x += `<w:sz w:val="${r.size}"/><w:szCs w:val="${r.size}"/>`;
  return x === '' ? '' : `<w:rPr>${x}</w:rPr>`;
}

const textXml = (text: string) => `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;

/** The start of a complex field: its code, up to where the value shown begins. */
function fieldStart(code: string, props = ''): string {
  return (
    `<w:r>${props}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${props}<w:instrText xml:space="preserve"> ${escapeXml(code)} </w:instrText></w:r>` +
    `<w:r>${props}<w:fldChar w:fldCharType="separate"/></w:r>`
  );
}

const fieldEnd = (props = '') => `<w:r>${props}<w:fldChar w:fldCharType="end"/></w:r>`;

/** A complex field: its code, and the value shown until it is updated. */
function fieldXml(code: string, shown: string, props = ''): string {
  return `${fieldStart(code, props)}${shown === '' ? '' : `<w:r>${props}${textXml(shown)}</w:r>`}${fieldEnd(props)}`;
}

export function runXml(r: Run): string {
  const props = runProperties(r);
  if (r.field) return fieldXml(r.field, r.text, props);
  if (r.text === '' && !r.break) return '';
  return `<w:r>${props}${r.break ? '<w:br/>' : ''}${r.text === '' ? '' : textXml(r.text)}</w:r>`;
}

function paragraphProperties(p: Paragraph): string {
  let x = '';
  if (p.style) x += `<w:pStyle w:val="${p.style}"/>`;
  if (p.keepNext) x += '<w:keepNext/>';
  if (p.keepLines) x += '<w:keepLines/>';
  if (p.pageBreakBefore) x += '<w:pageBreakBefore/>';
  if (p.bullet) x += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${BULLET_NUM_ID}"/></w:numPr>`;
  if (p.before !== undefined || p.after !== undefined) {
    x += `<w:spacing${p.before === undefined ? '' : ` w:before="${p.before}"`}${p.after === undefined ? '' : ` w:after="${p.after}"`}/>`;
  }
  if (p.align) x += `<w:jc w:val="${p.align}"/>`;
  return x === '' ? '' : `<w:pPr>${x}</w:pPr>`;
}

const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

/** A picture in the line of text, with its description for screen readers (wp:docPr descr and title). */
function imageXml(image: InlineImage, drawingId: number): string {
  const size = `cx="${image.width}" cy="${image.height}"`;
  return (
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent ${size}/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${drawingId}" name="${escapeXml(image.name)}" descr="${escapeXml(image.description)}" title="${escapeXml(image.title)}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks ${A} noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic ${A}><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic ${PIC}>` +
    `<pic:nvPicPr><pic:cNvPr id="${drawingId}" name="${escapeXml(image.name)}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${image.rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ${size}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
  );
}

/** A paragraph; a listed heading gets its bookmark, a picture its drawing id. */
export function paragraphXml(p: Paragraph, heading?: TocEntry, drawingId = 0): string {
  let body = '';
  for (const r of p.runs) body += runXml(r);
  if (p.image) body += imageXml(p.image, drawingId);
  if (heading) {
    body = `<w:bookmarkStart w:id="${heading.id}" w:name="_Toc${heading.id}"/>${body}<w:bookmarkEnd w:id="${heading.id}"/>`;
  }
  return `<w:p>${paragraphProperties(p)}${body}</w:p>`;
}

function cellXml(cell: Cell, width: number, style: string, header: boolean): string {
  const shading = cell.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${cell.fill}"/>` : '';
  const keep = header ? '<w:keepLines/>' : '';
  let runs = '';
  for (const r of cell.runs) runs += runXml(r);
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shading}</w:tcPr><w:p><w:pPr><w:pStyle w:val="${style}"/>${keep}</w:pPr>${runs}</w:p></w:tc>`;
}

function rowXml(t: Table, cells: Cell[], header: boolean): string {
  const props = header
    ? '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
    : t.cantSplit
      ? '<w:trPr><w:cantSplit/></w:trPr>'
      : '';
  let x = `<w:tr>${props}`;
  t.widths.forEach((w, i) => {
    x += cellXml(cells[i] ?? { runs: [] }, w, t.cellStyle, header);
  });
  return `${x}</w:tr>`;
}

/** A table, written row by row: the rows of a long one are never one string. */
export function writeTable(out: TextOut, t: Table): void {
  const width = t.widths.reduce((a, b) => a + b, 0);
  out.write(
    `<w:tbl><w:tblPr><w:tblStyle w:val="${t.style}"/><w:tblW w:w="${width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
      '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>' +
      `<w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  );
  out.write(rowXml(t, t.header, true));
  for (const row of t.rows) out.write(rowXml(t, row, false));
  out.write('</w:tbl>');
}

const tocInstruction = `TOC \\h \\o "1-${TOC_LEVELS}"`;
/** What an empty table of contents shows. */
export const TOC_PLACEHOLDER = 'Høyreklikk og velg Oppdater felt for å vise innholdsfortegnelsen.';

/**
 * The table of contents: a TOC field in a content control, each entry linked to its heading's bookmark, with
 * its page number when the entries have one. Without entries the field shows how to fill it in.
 */
export function tocXml(toc: Toc): string {
  const begin = fieldStart(tocInstruction);
  const tabs = `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${toc.tabPos}"/></w:tabs>`;
  let x = `<w:sdt><w:sdtPr><w:alias w:val="${escapeXml(toc.title)}"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>`;
  if (toc.toc.length === 0) {
    x += `<w:p>${begin}${runXml({ text: TOC_PLACEHOLDER, italics: true })}</w:p>`;
  }
  toc.toc.forEach((e, i) => {
    const page =
      e.page === undefined ? '' : `<w:r><w:tab/></w:r>${fieldXml(`PAGEREF _Toc${e.id} \\h`, String(e.page))}`;
    x +=
      `<w:p><w:pPr><w:pStyle w:val="TOC${e.level}"/>${tabs}</w:pPr>${i === 0 ? begin : ''}` +
      `<w:hyperlink w:anchor="_Toc${e.id}" w:history="1">${runXml({ text: e.text })}${page}</w:hyperlink></w:p>`;
  });
  return `${x}<w:p>${fieldEnd()}</w:p></w:sdtContent></w:sdt>`;
}

/** The body of a document as XML, block by block, to `out`. */
export class BodyWriter implements Sink {
  private readonly headings = new TocHeadings();
  private drawings = 0;

  constructor(private readonly out: TextOut) {}

  add(...blocks: Block[]): void {
    for (const b of blocks) {
      if (isToc(b)) this.out.write(tocXml(b));
      else if (isTable(b)) writeTable(this.out, b);
      else this.out.write(paragraphXml(b, this.headings.entry(b), b.image ? ++this.drawings : 0));
    }
  }
}

/** A pass that only lists the headings of the table of contents; it does not even read the tables. */
export class HeadingList implements Sink {
  private readonly headings = new TocHeadings();

  get entries(): TocEntry[] {
    return this.headings.entries;
  }

  add(...blocks: Block[]): void {
    for (const b of blocks) if (!isToc(b) && !isTable(b)) this.headings.entry(b);
  }
}
