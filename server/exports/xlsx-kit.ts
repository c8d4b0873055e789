/** The workbook's building blocks: a sheet with a styled, frozen, filtered header row; text and date cells; drop-down lists. */
import type ExcelJS from 'exceljs';
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

export function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Value[][]): ExcelJS.Worksheet {
  const widths = columns.map((c) => Math.max(c.width, c.header.length + 3));
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    // About 220 characters fit across a landscape A4 page at a readable size; wider sheets print on more pages.
    pageSetup: { ...PAGE_SETUP, fitToWidth: Math.max(1, Math.ceil(totalWidth / 220)) },
    headerFooter: { oddFooter: `&L${REPORT_TITLE} – ${name}&R&P / &N` },
  });
  // One style object per column, shared by its cells: exceljs recognises a style object it has seen, where
  // a copy per cell would be turned into XML and looked up again for each of hundreds of thousands of cells.
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
  for (const values of rows) {
    const row = ws.addRow(values.map(cellValue));
    row.eachCell((cell, column) => {
      cell.style = styles[column - 1] as ExcelJS.Style;
    });
    const lines = Math.max(...values.map((v, i) => (columns[i]?.wrap ? linesOf(v, widths[i] as number) : 1)));
    if (lines > 1) row.height = Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT);
    // Written out now when the workbook is streamed (a no-op for an in-memory one).
    row.commit();
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  return ws;
}

/** exceljs keeps range validations here (not in its typings); one range, so no two validations overlap. */
type WithValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

export function listValidation(ws: ExcelJS.Worksheet, column: number, values: string[], title: string) {
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
