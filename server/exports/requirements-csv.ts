/** The requirements CSV (krav): one row per requirement with its assessment, columns fixed by DESIGN.md. */
import { sql } from 'kysely';
import { type Db, openMemoryDb } from '../../schema/db.ts';
import { writeCsv } from '../lib/csv.ts';
import { applyRequirementFilters, type RequirementFilters } from '../queries/requirements.ts';
import { type Snapshot, writeSnapshot } from '../queries/snapshot.ts';

export const REQUIREMENT_CSV_COLUMNS = [
  'ref',
  'area',
  'group',
  'title',
  'title_en',
  'description',
  'articles',
  'categories',
  'deadline',
  'coverage',
  'work_status',
  'gap_dimensions',
  'situation',
  'gap',
  'justification',
] as const;

export type RequirementCsvColumn = (typeof REQUIREMENT_CSV_COLUMNS)[number];

/** One requirement as the CSV shows it: every cell a string, before formula escaping and quoting. */
export type RequirementCsvRow = Record<RequirementCsvColumn, string>;

/** The rows of the CSV in ref order; the import compares against these to find what changed. */
export async function requirementCsvRows(db: Db, filters: RequirementFilters = {}): Promise<RequirementCsvRow[]> {
  const filtered = applyRequirementFilters(
    db.selectFrom('requirement').innerJoin('assessment', 'assessment.requirement_id', 'requirement.id'),
    filters,
  );
  const ids = filtered.select('requirement.id');
  const [rows, articles, categories] = await Promise.all([
    filtered
      .select([
        'requirement.id',
        'requirement.ref',
        'requirement.area_code',
        'requirement.group_name',
        'requirement.title',
        'requirement.title_en',
        'requirement.description',
        'requirement.deadline',
        'assessment.coverage',
        'assessment.work_status',
        'assessment.gap_dimensions',
        'assessment.situation',
        'assessment.gap',
        'assessment.justification',
      ])
      // Natural ref order (A1-02 < A1-10 < A1-100), as the requirements list sorts.
      .orderBy(sql`substr(${sql.ref('requirement.ref')}, 1, 3)`)
      .orderBy(sql`length(${sql.ref('requirement.ref')})`)
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('requirement_provision')
      .select(['requirement_id', 'pinpoint'])
      .where('requirement_id', 'in', ids)
      .orderBy('requirement_id')
      .orderBy('sort_order')
      .execute(),
    db
      .selectFrom('requirement_category')
      .select(['requirement_id', 'category'])
      .where('requirement_id', 'in', ids)
      .orderBy('requirement_id')
      .orderBy('category')
      .execute(),
  ]);
  const group = <T extends { requirement_id: number }>(list: T[], pick: (item: T) => string) => {
    const byId = new Map<number, string[]>();
    for (const item of list) byId.set(item.requirement_id, [...(byId.get(item.requirement_id) ?? []), pick(item)]);
    return byId;
  };
  const articlesOf = group(articles, (a) => a.pinpoint);
  const categoriesOf = group(categories, (c) => c.category);
  return rows.map((r) => ({
    ref: r.ref,
    area: r.area_code,
    group: r.group_name ?? '',
    title: r.title,
    title_en: r.title_en ?? '',
    description: r.description,
    articles: (articlesOf.get(r.id) ?? []).join(';'),
    categories: (categoriesOf.get(r.id) ?? []).join(';'),
    deadline: r.deadline ?? '',
    coverage: r.coverage,
    work_status: r.work_status,
    gap_dimensions: r.gap_dimensions,
    situation: r.situation,
    gap: r.gap,
    justification: r.justification,
  }));
}

/** The requirements CSV: UTF-8 with BOM, CRLF, every cell formula-safe. */
export async function buildRequirementsCsv(db: Db, filters: RequirementFilters = {}): Promise<string> {
  const rows = await requirementCsvRows(db, filters);
  return writeCsv(
    REQUIREMENT_CSV_COLUMNS,
    rows.map((row) => REQUIREMENT_CSV_COLUMNS.map((column) => row[column])),
  );
}

/**
 * The CSV of a frozen version, with the same filters: the version's snapshot is loaded into a scratch
 * in-memory database, so the very query above (search, article, reference-group filters) applies to it.
 */
export async function buildRequirementsCsvFromSnapshot(
  snapshot: Snapshot,
  filters: RequirementFilters = {},
): Promise<string> {
  const { db } = await openMemoryDb();
  try {
    await writeSnapshot(db, snapshot, 'export');
    return await buildRequirementsCsv(db, filters);
  } finally {
    await db.destroy();
  }
}
