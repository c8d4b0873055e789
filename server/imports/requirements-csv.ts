/**
 * Import of the requirements CSV: parse, validate every row, then upsert by ref in one transaction.
 * Any invalid row rejects the whole file; rows equal to what is stored are not touched at all.
 *
 * Column rules: the header row is required and names columns of REQUIREMENT_CSV_COLUMNS in any
 * order (case-insensitive). `ref`, `area` and `title` are required; every other column may be left
 * out, and then keeps its stored value (new requirements get empty text, no links, `not_assessed`,
 * `todo`). A present but blank cell means empty: no group, no deadline, no articles; a blank
 * `coverage` is `not_assessed`, a blank `work_status` is `todo`. Lenient where a spreadsheet
 * interferes: codes in any case, lists separated by `;` or `,`, dates also as dd.mm.yyyy, the `'`
 * of a formula-escaped cell removed, CRLF vs LF inside a cell is no change.
 */
import type { Db } from '../../schema/db.ts';
import {
  AREA_CODES,
  type AreaCode,
  CATEGORIES,
  type Category,
  COVERAGE,
  type Coverage,
  GAP_DIMENSIONS,
  type GapDimension,
  REF_PATTERN,
  WORK_STATUS,
  type WorkStatus,
} from '../../schema/types.ts';
import {
  REQUIREMENT_CSV_COLUMNS,
  type RequirementCsvColumn,
  type RequirementCsvRow,
  requirementCsvRows,
} from '../exports/requirements-csv.ts';
import { CsvSyntaxError, parseCsv, unFormulaSafe } from '../lib/csv.ts';
import { ApiError } from '../lib/errors.ts';
import { isIsoDate } from '../lib/text.ts';
import { type AssessmentInput, saveAssessment } from '../queries/assessments.ts';
import { normalisePinpoint, resolvePinpoints } from '../queries/provisions.ts';
import { createRequirement, type RequirementInput, updateRequirement } from '../queries/requirement-writes.ts';

export const REQUIRED_COLUMNS: readonly RequirementCsvColumn[] = ['ref', 'area', 'title'];

/** Provenance of requirements the import creates. */
export const CSV_IMPORT_SOURCE = 'CSV import';

/** Rows listed in one 400 answer; the total is always given. */
const MAX_LISTED_ERRORS = 500;

export interface ImportRowError {
  /** Line in the file where the row starts (the header is line 1). */
  row: number;
  column: RequirementCsvColumn | null;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  total: number;
}

type Cells = Partial<RequirementCsvRow>;
type ReadCell = { value: string } | { error: string };

const ASSESSMENT_COLUMNS = ['coverage', 'work_status', 'gap_dimensions', 'situation', 'gap', 'justification'] as const;
const MULTILINE: ReadonlySet<RequirementCsvColumn> = new Set(['description', 'situation', 'gap', 'justification']);

const listItems = (cell: string) =>
  cell
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const splitStored = (cell: string) => (cell ? cell.split(';') : []);

function readCodes<T extends string>(cell: string, allowed: readonly T[], what: string): ReadCell {
  const items = listItems(cell).map((s) => s.toLowerCase());
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length) return { error: `Unknown ${what}: ${bad.join(', ')} (allowed: ${allowed.join(', ')})` };
  return { value: allowed.filter((a) => items.includes(a)).join(';') };
}

function readStatus<T extends string>(cell: string, allowed: readonly T[], blank: T, what: string): ReadCell {
  const code = cell.trim().toLowerCase();
  if (code === '') return { value: blank };
  if (!(allowed as readonly string[]).includes(code)) {
    return { error: `Unknown ${what} «${cell.trim()}» (allowed: ${allowed.join(', ')})` };
  }
  return { value: code };
}

/** `2029-03-26`, or `26.03.2029` as a Norwegian spreadsheet saves it. */
function readDate(cell: string): ReadCell {
  const text = cell.trim();
  if (text === '') return { value: '' };
  const nb = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = nb ? `${nb[3]}-${nb[2]!.padStart(2, '0')}-${nb[1]!.padStart(2, '0')}` : text;
  return isIsoDate(iso) ? { value: iso } : { error: `«${text}» is not a date (YYYY-MM-DD)` };
}

/**
 * A cell in its canonical form, the form compared with what is stored. Citations are normalised
 * but not looked up here (that takes the database; see checkRows).
 */
function readCell(column: RequirementCsvColumn, raw: string): ReadCell {
  if (MULTILINE.has(column)) return { value: raw };
  switch (column) {
    case 'ref': {
      const ref = raw.trim().toUpperCase();
      if (ref === '') return { error: 'ref is required' };
      return REF_PATTERN.test(ref) ? { value: ref } : { error: `«${raw.trim()}» is not a ref like A1-01` };
    }
    case 'area': {
      const area = raw.trim().toUpperCase();
      return (AREA_CODES as readonly string[]).includes(area)
        ? { value: area }
        : { error: `Unknown area «${raw.trim()}» (allowed: ${AREA_CODES.join(', ')})` };
    }
    case 'title': {
      const title = raw.trim();
      return title ? { value: title } : { error: 'title is required' };
    }
    case 'articles': {
      const items = listItems(raw);
      const bad = items.filter((a) => normalisePinpoint(a) === null);
      if (bad.length) return { error: `Not an article citation: ${bad.join(', ')} (write e.g. 3;14(1)(a);Annex II)` };
      return { value: [...new Set(items.map((a) => normalisePinpoint(a)!))].join(';') };
    }
    case 'categories':
      return readCodes(raw, CATEGORIES, 'category');
    case 'gap_dimensions':
      return readCodes(raw, GAP_DIMENSIONS, 'gap dimension');
    case 'deadline':
      return readDate(raw);
    case 'coverage':
      return readStatus(raw, COVERAGE, 'not_assessed', 'coverage');
    case 'work_status':
      return readStatus(raw, WORK_STATUS, 'todo', 'work status');
    default:
      return { value: raw.trim() };
  }
}

/**
 * Whether a cell says the same as what is stored. Multi-line text is stored as written, but a
 * spreadsheet turning CRLF into LF inside a cell is no change.
 */
const same = (column: RequirementCsvColumn, a: string, b: string) =>
  MULTILINE.has(column) ? a.replace(/\r\n?/g, '\n') === b.replace(/\r\n?/g, '\n') : a === b;

/** A stored row in canonical form, so that a cell differing only in spelling counts as unchanged. */
function canonical(row: RequirementCsvRow): RequirementCsvRow {
  const out = { ...row };
  for (const column of REQUIREMENT_CSV_COLUMNS) {
    const read = readCell(column, row[column]);
    if ('value' in read) out[column] = read.value;
  }
  return out;
}

const NEW_ROW: Omit<RequirementCsvRow, 'ref' | 'area' | 'title'> = {
  group: '',
  title_en: '',
  description: '',
  articles: '',
  categories: '',
  deadline: '',
  coverage: 'not_assessed',
  work_status: 'todo',
  gap_dimensions: '',
  situation: '',
  gap: '',
  justification: '',
};

function checkHeader(header: string[]): RequirementCsvColumn[] {
  const names = header.map((h) => h.toLowerCase());
  const known = REQUIREMENT_CSV_COLUMNS as readonly string[];
  const unknown = names.filter((n) => !known.includes(n));
  const duplicate = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (unknown.length || duplicate.length || missing.length) {
    const parts = [
      missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
      unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `«${u}»`).join(', ')}` : '',
      duplicate.length ? `duplicate column${duplicate.length > 1 ? 's' : ''} ${duplicate.join(', ')}` : '',
    ].filter(Boolean);
    throw new ApiError(400, `The header row is not valid: ${parts.join('; ')}. Columns: ${known.join(',')}`, {
      missing,
      unknown,
      duplicate,
      required: REQUIRED_COLUMNS,
      columns: REQUIREMENT_CSV_COLUMNS,
    });
  }
  return names as RequirementCsvColumn[];
}

interface ParsedRow {
  line: number;
  cells: Cells;
}

function readRows(text: string): { columns: RequirementCsvColumn[]; rows: ParsedRow[]; errors: ImportRowError[] } {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      throw new ApiError(400, `The file is not valid CSV (line ${err.line}): ${err.message}`, {
        rows: [{ row: err.line, column: null, message: err.message }],
      });
    }
    throw err;
  }
  const columns = checkHeader(parsed.header);
  const errors: ImportRowError[] = [];
  const rows: ParsedRow[] = [];
  for (const { line, cells: raw } of parsed.rows) {
    const extra = raw.slice(columns.length).some((c) => c.trim() !== '');
    if (raw.length < columns.length || extra) {
      errors.push({
        row: line,
        column: null,
        message: `The row has ${raw.length} cells; the header has ${columns.length}`,
      });
      continue;
    }
    const cells: Cells = {};
    columns.forEach((column, i) => {
      const read = readCell(column, unFormulaSafe(raw[i]!));
      if ('error' in read) errors.push({ row: line, column, message: read.error });
      else cells[column] = read.value;
    });
    rows.push({ line, cells });
  }
  return { columns, rows, errors };
}

/** Cross-row and database checks: duplicate refs, ref against area, citations, the not_applicable rule. */
async function checkRows(db: Db, rows: ParsedRow[], stored: Map<string, RequirementCsvRow>, errors: ImportRowError[]) {
  const citations = [...new Set(rows.flatMap((r) => splitStored(r.cells.articles ?? '')))];
  const unknown = new Set((await resolvePinpoints(db, citations)).unknown);
  const firstLine = new Map<string, number>();
  for (const { line, cells } of rows) {
    const { ref, area } = cells;
    if (ref) {
      const seen = firstLine.get(ref);
      if (seen !== undefined) errors.push({ row: line, column: 'ref', message: `${ref} is also on line ${seen}` });
      else firstLine.set(ref, line);
      if (area && !ref.startsWith(`${area}-`) && stored.get(ref)?.area !== area) {
        errors.push({ row: line, column: 'area', message: `${ref} belongs to area ${ref.slice(0, 2)}, not ${area}` });
      }
    }
    const missing = splitStored(cells.articles ?? '').filter((a) => unknown.has(a));
    if (missing.length) {
      errors.push({
        row: line,
        column: 'articles',
        message: `No such article in the regulation: ${missing.join(', ')}`,
      });
    }
    const before = ref ? stored.get(ref) : undefined;
    const coverage = cells.coverage ?? before?.coverage ?? NEW_ROW.coverage;
    const justification = cells.justification ?? before?.justification ?? '';
    if (coverage === 'not_applicable' && justification.trim() === '') {
      errors.push({
        row: line,
        column: cells.justification !== undefined ? 'justification' : 'coverage',
        message: 'Coverage not_applicable (Ikke relevant) needs a justification',
      });
    }
  }
}

function requirementInput(
  row: RequirementCsvRow,
): Omit<RequirementInput, 'deadline_note' | 'national_choice' | 'reference_groups' | 'source'> {
  return {
    ref: row.ref,
    area: row.area as AreaCode,
    group: row.group || null,
    title: row.title,
    title_en: row.title_en || null,
    description: row.description,
    articles: splitStored(row.articles),
    categories: splitStored(row.categories) as Category[],
    deadline: row.deadline || null,
  };
}

async function applyRow(db: Db, cells: Cells, before: RequirementCsvRow | undefined, actor: string) {
  const ref = cells.ref!;
  const after: RequirementCsvRow = { ...NEW_ROW, ...before, ...cells } as RequirementCsvRow;
  const changed = REQUIREMENT_CSV_COLUMNS.filter((c) => before === undefined || !same(c, before[c], after[c]));
  if (changed.length === 0) return 'unchanged';
  if (before === undefined) {
    await createRequirement(
      db,
      {
        ...requirementInput(after),
        deadline_note: null,
        national_choice: false,
        reference_groups: [],
        source: CSV_IMPORT_SOURCE,
      },
      actor,
    );
  } else {
    const full = requirementInput(after);
    const patch = Object.fromEntries(
      Object.entries(full).filter(([key]) => changed.includes(key as RequirementCsvColumn)),
    ) as Partial<RequirementInput>;
    if (Object.keys(patch).length) await updateRequirement(db, ref, patch, actor);
  }
  const base = before ?? { ...NEW_ROW };
  if (ASSESSMENT_COLUMNS.some((c) => !same(c, base[c], after[c]))) {
    // The CSV has no column for it: keep whoever is responsible.
    const { responsible_organisation_id: responsible } = await db
      .selectFrom('assessment')
      .innerJoin('requirement', 'requirement.id', 'assessment.requirement_id')
      .select('assessment.responsible_organisation_id')
      .where('requirement.ref', '=', ref)
      .executeTakeFirstOrThrow();
    const assessment: AssessmentInput = {
      coverage: after.coverage as Coverage,
      work_status: after.work_status as WorkStatus,
      gap_dimensions: splitStored(after.gap_dimensions) as GapDimension[],
      situation: after.situation,
      gap: after.gap,
      justification: after.justification,
      responsible_organisation_id: responsible,
    };
    await saveAssessment(db, ref, assessment, actor);
  }
  return before === undefined ? 'created' : 'updated';
}

/**
 * Imports the requirements CSV. Throws ApiError 400 (with `rows: [{ row, column, message }]`, or
 * `missing`/`unknown`/`duplicate` for the header) and then nothing has changed.
 */
export async function importRequirementsCsv(db: Db, text: string, actor: string): Promise<ImportResult> {
  const { rows, errors } = readRows(text);
  return db.transaction().execute(async (trx) => {
    const stored = new Map((await requirementCsvRows(trx)).map((r) => [r.ref, canonical(r)]));
    await checkRows(trx, rows, stored, errors);
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      const lines = new Set(errors.map((e) => e.row)).size;
      throw new ApiError(
        400,
        `${lines} row${lines > 1 ? 's have' : ' has'} errors; nothing was imported. First: line ${errors[0]!.row}${errors[0]!.column ? `, ${errors[0]!.column}` : ''}: ${errors[0]!.message}`,
        { rows: errors.slice(0, MAX_LISTED_ERRORS), error_count: errors.length },
      );
    }
    const result: ImportResult = { created: 0, updated: 0, unchanged: 0, total: rows.length };
    for (const { cells } of rows) {
      const outcome = await applyRow(trx, cells, stored.get(cells.ref!), actor);
      result[outcome]++;
    }
    return result;
  });
}
