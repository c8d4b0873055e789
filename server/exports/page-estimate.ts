/**
 * On which page each heading of a report falls, worked out from its blocks without laying them out for real:
 * lines per paragraph from its words and Calibri's character widths, table rows from their tallest cell with
 * the header row repeated, page breaks before chapters, headings kept with what follows. Close to what Word
 * and LibreOffice do, and cheap enough to run over a small report's blocks before they are written.
 */
import type { PageSetup, ParagraphStyle, StyleSheet } from './docx-package.ts';
import {
  type Block,
  type Cell,
  isTable,
  isToc,
  type Paragraph,
  type Run,
  type Sink,
  type Table,
  TOC_PLACEHOLDER,
  type Toc,
  type TocEntry,
  TocHeadings,
} from './wordml.ts';

/** Advance widths of Calibri (Carlito has the same metrics) for ' '…'~' and then EXTRA, in 1/2048 em. */
const REGULAR = [
  463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791, 1038, 1038, 1038, 1038, 1038,
  1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949, 1831, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276,
  516, 653, 1064, 861, 1751, 1322, 1356, 1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959, 628, 791, 628,
  1020, 1020, 596, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080, 1076, 1076, 714,
  801, 686, 1076, 925, 1464, 887, 927, 809, 644, 943, 644, 1020, 1583, 1084, 981, 1563, 1359, 1185, 1049, 1049, 1020,
  517, 1019, 1854, 1414,
];
const BOLD = [
  463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880, 1038, 1038, 1038, 1038, 1038,
  1038, 1038, 1038, 1038, 1038, 565, 565, 1020, 1020, 1020, 949, 1840, 1241, 1148, 1084, 1291, 999, 940, 1305, 1292,
  546, 678, 1120, 866, 1790, 1349, 1385, 1090, 1405, 1153, 968, 1014, 1337, 1211, 1856, 1128, 1064, 979, 665, 880, 665,
  1020, 1020, 615, 1011, 1099, 857, 1099, 1031, 648, 971, 1099, 503, 523, 983, 503, 1666, 1099, 1101, 1099, 1099, 728,
  817, 710, 1099, 969, 1526, 941, 970, 814, 704, 973, 704, 1020, 1587, 1114, 1011, 1588, 1394, 1241, 1103, 1103, 1020,
  548, 1031, 1854, 1457,
];
const EXTRA = 'æøåÆØÅ«»–·é→…';
const EM = 2048;
/** Calibri's line (ascent, descent and line gap) per em. */
const LINE = 2500 / EM;
/** A bullet's text starts this far in (numbering.xml), twips. */
const BULLET_INDENT = 720;
/** Cell margins of the table style (left + right, top + bottom) and a rule, twips. */
const CELL_MARGIN_X = 160;
const CELL_MARGIN_Y = 80 + 10;
/** Room the page number takes in a table of contents line. */
const TOC_NUMBER = 600;

function charWidth(code: number, bold: boolean): number {
  const table = bold ? BOLD : REGULAR;
  if (code >= 32 && code < 127) return table[code - 32] as number;
  const extra = EXTRA.indexOf(String.fromCharCode(code));
  return extra >= 0 ? (table[95 + extra] as number) : 1000;
}

interface Metrics {
  /** Half-points. */
  size: number;
  before: number;
  after: number;
  line: number;
  keepNext: boolean;
  keepLines: boolean;
  indent: number;
  bold: boolean;
}

/** A paragraph's text laid into lines of `width` twips; returns the number of lines. */
function lineCount(runs: Run[], width: number, size: number, bold: boolean): number {
  const scale = (size * 10) / EM;
  let lines = 1;
  let x = 0;
  let word = 0;
  // The word just ended goes on this line if it fits, else on the next; one wider than a line is broken up.
  const place = () => {
    if (x > 0 && x + word > width) {
      lines++;
      x = 0;
    }
    if (word > width) {
      lines += Math.floor(word / width);
      x = word % width;
    } else x += word;
    word = 0;
  };
  for (const r of runs) {
    if (r.break) {
      place();
      lines++;
      x = 0;
    }
    const b = r.bold ?? bold;
    const s = r.size ? (r.size * 10) / EM : scale;
    for (let i = 0; i < r.text.length; i++) {
      const code = r.text.charCodeAt(i);
      const w = charWidth(code, b) * s;
      if (code === 32) {
        place();
        x += w;
      } else word += w;
    }
  }
  place();
  return lines;
}

export class PageEstimate implements Sink {
  /** The page being filled; at the end, the number of pages. */
  page = 1;
  /** Twips filled on the page. */
  private y = 0;
  private readonly height: number;
  private readonly width: number;
  private readonly styles = new Map<string, Metrics>();
  private readonly headings = new TocHeadings();
  /** Space after the last paragraph, twips. */
  private after = 0;
  /** Paragraphs kept with the next block at the end of the page: their height and headings. */
  private kept: { height: number; from: number; entries: TocEntry[] } | undefined;

  constructor(sheet: StyleSheet, page: PageSetup) {
    this.height = page.height - 2 * page.margin;
    this.width = page.width - 2 * page.margin;
    const normal: Metrics = {
      size: sheet.size,
      before: 0,
      after: sheet.after,
      line: sheet.line,
      keepNext: false,
      keepLines: false,
      indent: 0,
      bold: false,
    };
    this.styles.set('Normal', normal);
    const byId = new Map(sheet.paragraphs.map((s) => [s.id, s]));
    const resolve = (s: ParagraphStyle): Metrics => {
      const cached = this.styles.get(s.id);
      if (cached) return cached;
      const base = byId.get(s.basedOn ?? 'Normal');
      const b = base ? resolve(base) : normal;
      const m: Metrics = {
        size: s.size ?? b.size,
        before: s.before ?? b.before,
        after: s.after ?? b.after,
        line: s.line ?? b.line,
        keepNext: s.keepNext ?? b.keepNext,
        keepLines: s.keepLines ?? b.keepLines,
        indent: s.indent ?? b.indent,
        bold: s.bold ?? b.bold,
      };
      this.styles.set(s.id, m);
      return m;
    };
    for (const s of sheet.paragraphs) resolve(s);
  }

  /** The headings of the table of contents, with the page each falls on. */
  get entries(): TocEntry[] {
    return this.headings.entries;
  }

  add(...blocks: Block[]): void {
    for (const b of blocks) {
      if (isToc(b)) this.toc(b);
      else if (isTable(b)) this.table(b);
      else this.paragraph(b);
    }
  }

  private metrics(style: string | undefined): Metrics {
    return this.styles.get(style ?? 'Normal') ?? (this.styles.get('Normal') as Metrics);
  }

  private newPage() {
    this.page++;
    this.y = 0;
  }

  /** Makes room for a block whose first `first` twips must be on one page, taking kept paragraphs along. */
  private room(first: number) {
    if (this.y + first <= this.height) return;
    const kept = this.kept;
    this.newPage();
    // Unless they began at the top of the page: then moving them would not help.
    if (kept && kept.from > 0 && kept.height < this.height) {
      this.y = kept.height;
      for (const e of kept.entries) e.page = this.page;
    }
  }

  private paragraph(p: Paragraph, tocLine = false) {
    const m = this.metrics(p.style);
    const entry = this.headings.entry(p);
    if (p.pageBreakBefore && this.y > 0) {
      this.newPage();
      this.kept = undefined;
    }
    const size = p.runs.find((r) => r.size)?.size ?? m.size;
    const lineHeight = size * 10 * LINE * (m.line / 240);
    const width = this.width - m.indent - (p.bullet ? BULLET_INDENT : 0) - (tocLine ? TOC_NUMBER : 0);
    const image = p.image ? (p.image.height / 635) * (m.line / 240) : 0;
    const lines = p.runs.length === 0 ? (image ? 0 : 1) : lineCount(p.runs, width, size, m.bold);
    const body = lines * lineHeight + image;
    const keepLines = m.keepLines || p.keepLines || image > 0;
    const before = p.before ?? m.before;
    this.room(this.gap(before) + (keepLines ? body : Math.min(body, lineHeight)));
    if (entry) entry.page = this.page;
    const start = this.y;
    const gap = this.gap(before);
    let y = start + gap + body;
    while (y > this.height) {
      // Lines past the page go on to the next one.
      const rest = y - this.height;
      this.newPage();
      y = Math.ceil(rest / lineHeight) * lineHeight;
    }
    this.y = y;
    this.after = p.after ?? m.after;
    if (m.keepNext || p.keepNext) {
      if (this.kept) this.kept.height += y - start;
      else this.kept = { height: y - start - gap, from: start, entries: [] };
      if (entry) this.kept.entries.push(entry);
    } else this.kept = undefined;
  }

  /**
   * The space between the last block and the next: the larger of the one's space after and the other's space
   * before (as LibreOffice lays it out), none at the top of a page.
   */
  private gap(before: number): number {
    return this.y === 0 ? 0 : Math.max(this.after, before);
  }

  private rowHeight(t: Table, cells: Cell[], header: boolean): number {
    const m = this.metrics(t.cellStyle);
    const lineHeight = m.size * 10 * LINE * (m.line / 240);
    let lines = 1;
    t.widths.forEach((w, i) => {
      const cell = cells[i];
      if (cell) lines = Math.max(lines, lineCount(cell.runs, w - CELL_MARGIN_X, m.size, header || m.bold));
    });
    return lines * lineHeight + CELL_MARGIN_Y;
  }

  private table(t: Table) {
    const header = this.rowHeight(t, t.header, true);
    let first = true;
    for (const row of t.rows) {
      const height = this.rowHeight(t, row, false);
      if (first) {
        this.room(this.gap(0) + header + (t.cantSplit ? height : Math.min(height, header)));
        this.y += this.gap(0) + header;
        this.kept = undefined;
        first = false;
      }
      if (this.y + height <= this.height) this.y += height;
      else if (t.cantSplit && height <= this.height - header) {
        this.newPage();
        this.y = header + height;
      } else {
        let rest = this.y + height - this.height;
        this.newPage();
        while (header + rest > this.height) {
          rest -= this.height - header;
          this.newPage();
        }
        this.y = header + rest;
      }
    }
    if (first) {
      this.room(this.gap(0) + header);
      this.y += this.gap(0) + header;
    }
    this.after = 0;
    this.kept = undefined;
  }

  private toc(toc: Toc) {
    const entries = toc.toc.length ? toc.toc : [{ level: 1, text: TOC_PLACEHOLDER, id: 0 }];
    for (const e of entries) this.paragraph({ style: `TOC${e.level}`, runs: [{ text: e.text }] }, true);
    this.paragraph({ runs: [] });
  }
}
