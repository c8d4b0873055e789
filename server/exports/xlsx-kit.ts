/** The workbook's building blocks: a sheet with a styled, frozen, filtered header row; text and date cells; drop-down lists. */
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { REPORT_TITLE, xmlSafe } from './labels.ts';

export type Value = string | number | Date | null;

export interface Column {
  header: string;
  width: number;
  /** Long text: wrapped, top-aligned. */
  wrap?: boolean;
  date?: boolean;
}

export const PRIMARY = 'FF0B4F8A';
export const FONT = 'Calibri';
/** Heights are set from the text, since not every spreadsheet (LibreOffice) fits wrapped rows on load. */
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;
/** More rows than the analysis has get the drop-downs too, so rows an analyst adds are checked as well. */
const VALIDATED_ROWS = 500;
/** Excel's limit for one cell's text. */
const MAX_CELL_TEXT = 32767;

/** `2029-03-26` as a date cell (UTC midnight, shown dd.mm.yyyy); anything else stays text. */
export function dateValue(iso: string | null): Value {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : (iso ?? null);
}

export function cellValue(value: Value): ExcelJS.CellValue {
  if (typeof value !== 'string') return value;
  // A string is written as a shared string (t="s"), which no spreadsheet evaluates, however it starts.
  return xmlSafe(value).slice(0, MAX_CELL_TEXT);
}

/** Printed (and converted to PDF) landscape on A4, as wide as the page, the header row on every page. */
export const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

/** Lines a text needs in a wrapped column `width` characters wide (Calibri averages a little under one «0»). */
function linesOf(value: Value, width: number): number {
  if (typeof value !== 'string' || value === '') return 1;
  const perLine = Math.max(4, Math.floor((width - 1) * 1.15));
  return value.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** exceljs's table of the workbook's shared strings (each text once, numbered in the order first added). */
interface SharedStrings {
  readonly count: number;
  readonly values: string[];
  add(value: string): number;
}

/** One `<si>` of the shared strings, as exceljs writes it (escaping, kept spaces). */
const SharedStringXform = createRequire(import.meta.url)(
  'exceljs/lib/xlsx/xform/strings/shared-string-xform',
) as new () => {
  toXml(value: string): string;
};

/** xl/sharedStrings.xml as exceljs writes it, in pieces of about 64 KB rather than as one string. */
function* sharedStringsXml(table: SharedStrings): Generator<string> {
  const si = new SharedStringXform();
  let out = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${table.count}" uniqueCount="${table.count}">`;
  for (const value of table.values) {
    out += si.toXml(value);
    if (out.length < 1 << 16) continue;
    yield out;
    out = '';
  }
  yield `${out}</sst>`;
}

/** The parts of exceljs's streaming workbook writer that the changes below reach. */
interface WriterInternals {
  sharedStrings: SharedStrings;
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number };
  zip: { append(source: Readable, data: { name: string }): void };
  addSharedStrings(): Promise<void>;
}

/** A stream that keeps what is written to it; `bytes()` gives it all once the writer has finished. */
export function collectingSink(): { sink: Writable; bytes(): Promise<Buffer> } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return {
    sink,
    async bytes() {
      await finished(sink);
      return Buffer.concat(chunks);
    },
  };
}

/**
 * A workbook written to `stream` as it is made (styles and shared strings on), its shared strings written out in
 * pieces at the end: exceljs would make them one string, and with it most of a large workbook's memory.
 */
export function streamingWorkbook(stream: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const internals = wb as unknown as WriterInternals;
  const table = internals.sharedStrings;
  internals.addSharedStrings = async () => {
    if (table.count) internals.zip.append(Readable.from(sharedStringsXml(table)), { name: '/xl/sharedStrings.xml' });
  };
  return wb;
}

/** A drop-down list on a column of a sheet: the values to choose from, and the title its error message carries. */
export interface ListColumn {
  column: number;
  values: string[];
  title: string;
}

/** Rows written between two pauses, in which the compressor takes what the rows gave. */
const ROWS_PER_PAUSE = 500;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bytes of a sheet's XML that may wait for the compressor before the next rows are made. */
const MAX_WAITING = 1 << 20;

/**
 * The sheet's XML not yet taken by the compressor: exceljs hands it (in its stream's first pipe) to the zip,
 * which takes it only as fast as it compresses; rows made faster than that would pile up in memory.
 */
function waiting(ws: ExcelJS.Worksheet): number {
  type State = { length?: number } | undefined;
  const pipe = (ws as unknown as { stream?: { pipes?: { _readableState?: State; _writableState?: State }[] } }).stream
    ?.pipes?.[0];
  return (pipe?._readableState?.length ?? 0) + (pipe?._writableState?.length ?? 0);
}

/**
 * Writes a whole sheet to a streaming workbook and commits it: each row is written out (to be compressed) as it
 * is made, and the sheet is closed when its last row is, so that the next sheet's rows are never held back
 * behind it. `rows` is read one row at a time.
 */
export async function addSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Column[],
  rows: Iterable<Value[]>,
  lists: ListColumn[] = [],
): Promise<void> {
  const widths = columns.map((c) => Math.max(c.width, c.header.length + 3));
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    // About 220 characters fit across a landscape A4 page at a readable size; wider sheets print on more pages.
    pageSetup: { ...PAGE_SETUP, fitToWidth: Math.max(1, Math.ceil(totalWidth / 220)) },
    headerFooter: { oddFooter: `&L${REPORT_TITLE} – ${name}&R&P / &N` },
  });
  const styles: Partial<ExcelJS.Style>[] = columns.map((c) => ({
    alignment: { vertical: 'top', wrapText: Boolean(c.wrap) },
    ...(c.date ? { numFmt: 'dd.mm.yyyy' } : {}),
  }));
  ws.columns = widths.map((width, i) => ({ width, style: styles[i] }));
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { name: FONT, size: 11, bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 30;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PRIMARY } };
  });
  header.commit();
  const write = rowWriter(wb, ws, styles);
  let count = 0;
  let xml = '';
  for (const values of rows) {
    const lines = Math.max(...values.map((v, i) => (columns[i]?.wrap ? linesOf(v, widths[i] as number) : 1)));
    xml += write(count + 2, values, lines > 1 ? Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT) : undefined);
    if (++count % ROWS_PER_PAUSE !== 0) continue;
    sheetStream(ws).write(xml);
    xml = '';
    do await pause();
    while (waiting(ws) > MAX_WAITING);
  }
  if (xml) sheetStream(ws).write(xml);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  for (const list of lists) listValidation(ws, list);
  ws.commit();
  await pause();
}

/** Where exceljs writes a sheet's XML (after its header row, the `<sheetData>` is open). */
const sheetStream = (ws: ExcelJS.Worksheet) => (ws as unknown as { stream: { write(xml: string): void } }).stream;

const TYPE_OF = { string: ExcelJS.ValueType.String, number: ExcelJS.ValueType.Number } as const;

/**
 * The XML of a data row as exceljs would write it for `ws.addRow(values.map(cellValue))` with each cell given
 * its column's style: a text as a shared string (t="s", which no spreadsheet evaluates), a number as a number,
 * a date as its serial number, an empty value as a styled empty cell. Written here rather than through
 * exceljs's Row and Cell objects, which take most of the time a workbook of a hundred thousand rows needs.
 */
function rowWriter(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, styles: Partial<ExcelJS.Style>[]) {
  const internals = wb as unknown as WriterInternals;
  const letters = styles.map((_, i) => ws.getColumn(i + 1).letter);
  const styleIds: number[] = [];
  // As exceljs does: a style is registered with the type of the first cell that has it.
  const styleOf = (i: number, type: ExcelJS.ValueType) =>
    (styleIds[i] ??= internals.styles.addStyleModel(styles[i] as Partial<ExcelJS.Style>, type));
  return (number: number, values: Value[], height?: number): string => {
    let xml = `<row r="${number}"${height ? ` ht="${height}" customHeight="1"` : ''} spans="1:${values.length}" x14ac:dyDescent="0.25">`;
    values.forEach((raw, i) => {
      const value = cellValue(raw);
      const cell = `<c r="${letters[i]}${number}"`;
      if (value === null || value === undefined) {
        const s = styleOf(i, ExcelJS.ValueType.Null);
        xml += s ? `${cell} s="${s}"/>` : '';
      } else if (value instanceof Date) {
        const s = styleOf(i, ExcelJS.ValueType.Date);
        xml += `${cell}${s ? ` s="${s}"` : ''}><v>${25569 + value.getTime() / 86_400_000}</v></c>`;
      } else {
        const type = TYPE_OF[typeof value as 'string' | 'number'];
        const s = styleOf(i, type);
        const v = type === ExcelJS.ValueType.String ? internals.sharedStrings.add(value as string) : value;
        xml += `${cell}${s ? ` s="${s}"` : ''}${type === ExcelJS.ValueType.String ? ' t="s"' : ''}><v>${v}</v></c>`;
      }
    });
    return `${xml}</row>`;
  };
}

/** exceljs keeps range validations here (not in its typings); one range, so no two validations overlap. */
type WithValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function listValidation(ws: ExcelJS.Worksheet, { column, values, title }: ListColumn) {
  const letter = ws.getColumn(column).letter;
  (ws as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: title,
    error: `Velg en av: ${values.join(', ')}`,
  });
}

export const join = (list: readonly string[]) => list.join(', ');

/** The rows of a sheet, one per item, each made when it is written. */
export function* rowsFrom<T>(items: Iterable<T>, row: (item: T) => Value[]): Generator<Value[]> {
  for (const item of items) yield row(item);
}
