/**
 * The report's Word styles and the few building blocks its chapters use: headings, text that keeps
 * its paragraphs, labelled lines, bullet lists and tables in the report's table style. Everything
 * is a real Word style, so Helsedirektoratet can restyle the document in Word.
 */
import {
  AlignmentType,
  type ISectionOptions,
  type IStylesOptions,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { xmlSafe } from './labels.ts';

export const FONT = 'Calibri';
export const PRIMARY = '0B4F8A';
export const MUTED = '4F5862';
export const TABLE_STYLE = 'EhdsTabell';
export const CELL_STYLE = 'Tabelltekst';
export const SOURCE_STYLE = 'Kilde';
export const LABEL_STYLE = 'Feltetikett';

/** A4 with 2.5 cm margins; the text is 9070 twips (16 cm) wide. */
export const PAGE = { width: 11906, height: 16838, margin: 1418 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const pageProperties: ISectionOptions['properties'] = {
  page: {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 700 },
  },
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * The table style: a dark-blue header row that repeats, thin grey rules, compact cells. docx has no
 * option for table styles, so it comes in as an «external» styles part, which docx merges with its
 * default styles (Normal, Title, Heading 1–3, Caption…).
 */
export const externalStyles =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>` +
  `<w:style w:type="table" w:styleId="${TABLE_STYLE}"><w:name w:val="EHDS tabell"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>` +
  `<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>` +
  `<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="${PRIMARY}"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="${PRIMARY}"/>` +
  `<w:insideH w:val="single" w:sz="4" w:space="0" w:color="C9D0D7"/></w:tblBorders>` +
  `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
  `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${PRIMARY}"/></w:tcPr></w:tblStylePr>` +
  `<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F4F6F8"/></w:tcPr></w:tblStylePr>` +
  '</w:style></w:styles>';

export const styles: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: 22, color: '1B1F24' },
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: 56, bold: true, color: PRIMARY },
      paragraph: { spacing: { after: 240 } },
    },
    heading1: {
      run: { font: FONT, size: 34, bold: true, color: PRIMARY },
      paragraph: { spacing: { before: 0, after: 200 }, keepNext: true, keepLines: true },
    },
    heading2: {
      run: { font: FONT, size: 28, bold: true, color: PRIMARY },
      paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, keepLines: true },
    },
    heading3: {
      run: { font: FONT, size: 24, bold: true, color: '1B1F24' },
      paragraph: { spacing: { before: 280, after: 80 }, keepNext: true, keepLines: true },
    },
    caption: {
      run: { font: FONT, size: 18, italics: true, color: MUTED },
      paragraph: { spacing: { before: 60, after: 240 } },
    },
  },
  paragraphStyles: [
    {
      id: CELL_STYLE,
      name: 'Tabelltekst',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: 18 },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: SOURCE_STYLE,
      name: 'Kilde',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: 16, italics: true, color: MUTED },
      paragraph: { spacing: { before: 40, after: 160 } },
    },
    {
      id: LABEL_STYLE,
      name: 'Feltetikett',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { bold: true, size: 20, color: PRIMARY },
      paragraph: { spacing: { before: 160, after: 40 }, keepNext: true },
    },
    {
      id: 'Undertittel',
      name: 'Undertittel',
      basedOn: 'Normal',
      run: { size: 30, color: MUTED },
      paragraph: { spacing: { after: 480 } },
    },
  ],
};

/** Text as it may go into the document (no characters XML forbids). */
export const clean = xmlSafe;

/** Runs for one paragraph's text, single line breaks kept as breaks. */
export function runs(text: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

/** Text as paragraphs: a blank line starts a new one. `empty` is shown (greyed) when there is no text. */
export function paragraphs(text: string, empty = 'Ikke beskrevet.', style?: string): Paragraph[] {
  const blocks = clean(text)
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (blocks.length === 0)
    return [new Paragraph({ style, children: [new TextRun({ text: empty, italics: true, color: MUTED })] })];
  return blocks.map((b) => new Paragraph({ style, children: runs(b) }));
}

/** «Label: value» in one line, the label bold. */
export function labelled(pairs: [string, string][]): Paragraph {
  const children: TextRun[] = [];
  pairs.forEach(([name, value], i) => {
    if (i > 0) children.push(new TextRun({ text: '   ·   ', color: MUTED }));
    children.push(new TextRun({ text: `${name}: `, bold: true }), new TextRun({ text: clean(value) || '–' }));
  });
  return new Paragraph({ children, spacing: { after: 80 } });
}

export const fieldLabel = (text: string) => new Paragraph({ style: LABEL_STYLE, text });

export const bullet = (children: TextRun[], level = 0) =>
  new Paragraph({ bullet: { level }, children, spacing: { after: 60 } });

export const sourceLine = (text: string) => new Paragraph({ style: SOURCE_STYLE, children: runs(`Kilde: ${text}`) });

export type CellContent = string | TextRun[] | { text: string; fill?: string; bold?: boolean };

function cell(content: CellContent, width: number, header: boolean): TableCell {
  const fill = typeof content === 'object' && !Array.isArray(content) ? content.fill : undefined;
  const children = Array.isArray(content)
    ? content
    : typeof content === 'string'
      ? runs(content)
      : runs(content.text, { bold: content.bold });
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
    children: [new Paragraph({ style: CELL_STYLE, children, keepLines: header })],
  });
}

/**
 * A table in the report's style. `widths` are parts of the text width (they are scaled to it); the
 * header row repeats on every page and a row is never split across pages.
 */
export function table(
  headers: string[],
  rows: CellContent[][],
  widths: number[],
  { cantSplit = true }: { cantSplit?: boolean } = {},
): Table {
  const sum = widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  return new Table({
    style: TABLE_STYLE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: true, noHBand: false, noVBand: true, firstColumn: false, lastRow: false, lastColumn: false },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell({ text: h, bold: true }, twips[i] as number, true)),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit,
            children: row.map((content, i) => cell(content, twips[i] as number, false)),
          }),
      ),
    ],
  });
}

/** A chapter heading (Heading 1), always on a new page. */
export const chapter = (text: string) =>
  new Paragraph({ heading: 'Heading1', pageBreakBefore: true, children: runs(text) });

export const spacer = (after = 120) => new Paragraph({ spacing: { after }, children: [] });

export const centred = (children: TextRun[], after = 120) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
