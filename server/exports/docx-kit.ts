/**
 * The report's Word styles and the few building blocks its chapters use: headings, text that keeps
 * its paragraphs, labelled lines, bullet lists and tables in the report's table style. Everything
 * is a real Word style, so Helsedirektoratet can restyle the document in Word.
 */
import type { PageSetup, StyleSheet } from './docx-package.ts';
import { xmlSafe } from './labels.ts';
import type { Cell, Paragraph, Run, Table } from './wordml.ts';

export const FONT = 'Calibri';
export const PRIMARY = '0B4F8A';
export const MUTED = '4F5862';
export const TABLE_STYLE = 'EhdsTabell';
export const CELL_STYLE = 'Tabelltekst';
export const SOURCE_STYLE = 'Kilde';
export const LABEL_STYLE = 'Feltetikett';
export const LIST_STYLE = 'ListParagraph';

/** A4 with 2.5 cm margins; the text is 9070 twips (16 cm) wide. */
export const PAGE: PageSetup = { width: 11906, height: 16838, margin: 1418, footer: 700 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** The table style: a dark-blue header row that repeats, thin grey rules, compact cells, banded rows. */
const tableStyle =
  `<w:style w:type="table" w:styleId="${TABLE_STYLE}"><w:name w:val="EHDS tabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>` +
  `<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>` +
  `<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="${PRIMARY}"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="${PRIMARY}"/>` +
  `<w:insideH w:val="single" w:sz="4" w:space="0" w:color="C9D0D7"/></w:tblBorders>` +
  `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
  `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${PRIMARY}"/></w:tcPr></w:tblStylePr>` +
  `<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F4F6F8"/></w:tcPr></w:tblStylePr>` +
  '</w:style>';

const headingStyle = { next: 'Normal', quickFormat: true, uiPriority: 9, bold: true, keepNext: true, keepLines: true };
const tocStyle = { next: 'Normal', uiPriority: 39, semiHidden: true, after: 100 };

export const styles: StyleSheet = {
  font: FONT,
  size: 22,
  color: '1B1F24',
  after: 120,
  line: 264,
  paragraphs: [
    { id: 'Title', name: 'Title', next: 'Normal', quickFormat: true, size: 56, bold: true, color: PRIMARY, after: 240 },
    { id: 'Heading1', name: 'heading 1', ...headingStyle, size: 34, color: PRIMARY, before: 0, after: 200, outline: 0 },
    {
      id: 'Heading2',
      name: 'heading 2',
      ...headingStyle,
      size: 28,
      color: PRIMARY,
      before: 360,
      after: 120,
      outline: 1,
    },
    {
      id: 'Heading3',
      name: 'heading 3',
      ...headingStyle,
      size: 24,
      color: '1B1F24',
      before: 280,
      after: 80,
      outline: 2,
    },
    {
      id: 'Caption',
      name: 'caption',
      next: 'Normal',
      uiPriority: 35,
      semiHidden: true,
      quickFormat: true,
      size: 18,
      italics: true,
      color: MUTED,
      before: 60,
      after: 240,
    },
    { id: LIST_STYLE, name: 'List Paragraph', uiPriority: 34, quickFormat: true },
    { id: 'TOC1', name: 'toc 1', ...tocStyle },
    { id: 'TOC2', name: 'toc 2', ...tocStyle, indent: 220 },
    { id: 'TOC3', name: 'toc 3', ...tocStyle, indent: 440 },
    { id: CELL_STYLE, name: 'Tabelltekst', quickFormat: true, size: 18, before: 0, after: 0, line: 240 },
    {
      id: SOURCE_STYLE,
      name: 'Kilde',
      quickFormat: true,
      size: 16,
      italics: true,
      color: MUTED,
      before: 40,
      after: 160,
    },
    {
      id: LABEL_STYLE,
      name: 'Feltetikett',
      next: 'Normal',
      quickFormat: true,
      bold: true,
      size: 20,
      color: PRIMARY,
      before: 160,
      after: 40,
      keepNext: true,
    },
    { id: 'Undertittel', name: 'Undertittel', size: 30, color: MUTED, after: 480 },
  ],
  extra: tableStyle,
};

/** Text as it may go into the document (no characters XML forbids). */
export const clean = xmlSafe;

export type RunOptions = Omit<Run, 'text' | 'field' | 'break'>;

/** Runs for one paragraph's text, single line breaks kept as breaks. */
export function runs(text: string, options: RunOptions = {}): Run[] {
  return clean(text)
    .split('\n')
    .map((line, i) => (i > 0 ? { text: line, break: true, ...options } : { text: line, ...options }));
}

/** A paragraph of plain text. */
export const text = (value: string, options: Omit<Paragraph, 'runs'> = {}): Paragraph => ({
  ...options,
  runs: runs(value),
});

/** Text as paragraphs: a blank line starts a new one. `empty` is shown (greyed) when there is no text. */
export function paragraphs(value: string, empty = 'Ikke beskrevet.', style?: string): Paragraph[] {
  const blocks = clean(value)
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (blocks.length === 0) return [{ style, runs: [{ text: empty, italics: true, color: MUTED }] }];
  return blocks.map((b) => ({ style, runs: runs(b) }));
}

/** «Label: value» in one line, the label bold. */
export function labelled(pairs: [string, string][]): Paragraph {
  const out: Run[] = [];
  pairs.forEach(([name, value], i) => {
    if (i > 0) out.push({ text: '   ·   ', color: MUTED });
    out.push({ text: `${name}: `, bold: true }, { text: clean(value) || '–' });
  });
  return { runs: out, after: 80 };
}

/** A chapter heading (Heading 1), always on a new page. */
export const chapter = (value: string): Paragraph => ({ style: 'Heading1', pageBreakBefore: true, runs: runs(value) });

/** A section heading (Heading 2 in the table of contents, Heading 3 per requirement). */
export const heading = (level: 2 | 3, value: string): Paragraph => ({ style: `Heading${level}`, runs: runs(value) });

export const caption = (value: string): Paragraph => ({ style: 'Caption', runs: runs(value) });

export const fieldLabel = (value: string): Paragraph => ({ style: LABEL_STYLE, runs: runs(value) });

export const bullet = (content: Run[]): Paragraph => ({ style: LIST_STYLE, bullet: true, runs: content, after: 60 });

export const sourceLine = (value: string): Paragraph => ({ style: SOURCE_STYLE, runs: runs(`Kilde: ${value}`) });

export const spacer = (after = 120): Paragraph => ({ runs: [], after });

export type CellContent = string | Run[] | { text: string; fill?: string; bold?: boolean };

function cell(content: CellContent): Cell {
  if (typeof content === 'string') return { runs: runs(content) };
  if (Array.isArray(content)) return { runs: content };
  return { runs: runs(content.text, { bold: content.bold }), fill: content.fill };
}

/** Rows turned into cells as the table is read, not all at once. */
function* cellRows(rows: Iterable<CellContent[]>): Generator<Cell[]> {
  for (const row of rows) yield row.map(cell);
}

/**
 * A table in the report's style. `widths` are parts of the text width (they are scaled to it); the
 * header row repeats on every page and a row is never split across pages unless `cantSplit` is false.
 */
export function table(
  headers: string[],
  rows: Iterable<CellContent[]>,
  widths: number[],
  { cantSplit = true }: { cantSplit?: boolean } = {},
): Table {
  const sum = widths.reduce((a, b) => a + b, 0);
  return {
    style: TABLE_STYLE,
    cellStyle: CELL_STYLE,
    widths: widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH)),
    header: headers.map((h) => cell({ text: h, bold: true })),
    rows: { [Symbol.iterator]: () => cellRows(rows) },
    cantSplit,
  };
}
