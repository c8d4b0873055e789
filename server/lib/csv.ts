/** RFC 4180 CSV: parsing (`,` or `;`, optional BOM, quoted fields with newlines) and formula-safe writing. */

export interface ParsedCsv {
  header: string[];
  /** Data rows; `line` is the 1-based line in the file where the row starts (header is line 1). */
  rows: { line: number; cells: string[] }[];
  separator: ',' | ';';
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Picks the separator from the header line: the one of `,` `;` that occurs more often outside quotes. */
function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

export function parseCsv(input: string): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    cells.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(`Unexpected character after closing quote: ${JSON.stringify(next)}`, line);
        }
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === separator) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    if (ch === '"') throw new CsvSyntaxError('Quote inside an unquoted field', line);
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvSyntaxError('Quoted field is not closed before the end of the file', recordLine);
  if (field !== '' || cells.length > 0) endRecord();
  const [head, ...rows] = records;
  if (!head) throw new CsvSyntaxError('The file is empty: a header row is required', 1);
  return { header: head.cells.map((h) => h.trim()), rows, separator };
}

/** Reads CSV with a header into objects keyed by column name (for seed files we ship). */
export function parseCsvObjects(input: string): Record<string, string>[] {
  const { header, rows } = parseCsv(input);
  return rows.map(({ cells }) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/**
 * Makes a cell safe for spreadsheets: text that starts with `= + - @` (or tab/CR, which some
 * spreadsheets strip before evaluating) gets a leading apostrophe so it is shown, never run.
 */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes formulaSafe on import so a round trip gives back the text that was exported. */
export function unFormulaSafe(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quote(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** UTF-8 CSV with BOM and CRLF line ends, every cell formula-safe. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map((c) => quote(formulaSafe(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
