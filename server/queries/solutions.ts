/** National e-health solutions and portfolio projects (PLL, Kjernejournal, ICD-11…): list, one, create, change. */
import type { Db } from '../../schema/db.ts';
import type { SolutionKind, SolutionStatus } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { compareNb, now, searchable, searchTerms } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';

export interface SolutionFilters {
  kind?: SolutionKind;
  status?: SolutionStatus;
  /** Owner organisation id. */
  owner?: number;
  q?: string;
}

const SOLUTION_COLUMNS = [
  'national_solution.id',
  'national_solution.name',
  'national_solution.kind',
  'national_solution.description',
  'national_solution.owner_organisation_id',
  'organisation.name as owner_organisation',
  'national_solution.owner_note',
  'national_solution.status',
  'national_solution.status_note',
  'national_solution.planned_end',
  'national_solution.planned_end_note',
  'national_solution.source',
  'national_solution.version',
  'national_solution.created_at',
  'national_solution.updated_at',
] as const;

function selectSolutions(db: Db) {
  return db
    .selectFrom('national_solution')
    .leftJoin('organisation', 'organisation.id', 'national_solution.owner_organisation_id')
    .select(SOLUTION_COLUMNS);
}

/**
 * Solutions with how many measures they are linked to. Filtering and sorting run in code over the few dozen
 * rows, because SQL `lower()` folds only ASCII and names carry æøå.
 */
export async function listSolutions(db: Db, f: SolutionFilters, page: { limit: number; offset: number }) {
  let qb = selectSolutions(db).select((eb) =>
    eb
      .selectFrom('measure_solution')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('measure_solution.solution_id', '=', 'national_solution.id')
      .as('measure_count'),
  );
  if (f.kind) qb = qb.where('national_solution.kind', '=', f.kind);
  if (f.status) qb = qb.where('national_solution.status', '=', f.status);
  if (f.owner !== undefined) qb = qb.where('national_solution.owner_organisation_id', '=', f.owner);
  const rows = await qb.execute();
  const terms = searchTerms(f.q);
  const matching = rows
    .filter((r) => {
      const text = searchable(r.name, r.description, r.owner_organisation, r.status_note);
      return terms.every((t) => text.includes(t));
    })
    .sort((a, b) => compareNb(a.name, b.name))
    .map((r) => ({ ...r, measure_count: Number(r.measure_count ?? 0) }));
  return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
}

/** One solution with the measures linked to it. */
export async function getSolution(db: Db, id: number) {
  const row = await selectSolutions(db).where('national_solution.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`National solution ${id}`);
  const measures = await db
    .selectFrom('measure_solution')
    .innerJoin('measure', 'measure.id', 'measure_solution.measure_id')
    .select(['measure.id', 'measure.title', 'measure.status', 'measure.planned_end'])
    .where('measure_solution.solution_id', '=', id)
    .orderBy('measure.id')
    .execute();
  return { ...row, measures };
}

/** What a writer may set on a solution; also the shape the audit log compares. */
export interface SolutionInput {
  name: string;
  kind: SolutionKind;
  description: string;
  owner_organisation_id: number | null;
  owner_note: string;
  status: SolutionStatus | null;
  status_note: string;
  planned_end: string | null;
  planned_end_note: string;
  source: string;
}

const SOLUTION_FIELDS: (keyof SolutionInput)[] = [
  'name',
  'kind',
  'description',
  'owner_organisation_id',
  'owner_note',
  'status',
  'status_note',
  'planned_end',
  'planned_end_note',
  'source',
];

const definedOnly = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function checkSolution(db: Db, s: SolutionInput, id?: number) {
  if (s.owner_organisation_id !== null) {
    const org = await db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', s.owner_organisation_id)
      .executeTakeFirst();
    if (!org) {
      throw new ApiError(400, `owner_organisation_id: Unknown organisation ${s.owner_organisation_id}`, {
        issues: [{ field: 'owner_organisation_id', message: 'Unknown organisation' }],
      });
    }
  }
  let same = db.selectFrom('national_solution').select('id').where('name', '=', s.name);
  if (id !== undefined) same = same.where('id', '!=', id);
  const clash = await same.executeTakeFirst();
  if (clash)
    throw new ApiError(409, `A national solution named «${s.name}» exists already (id ${clash.id})`, { id: clash.id });
}

const searchTextOf = (s: SolutionInput) => searchable(s.name, s.description, s.status_note, s.owner_note);

export type NewSolution = Pick<SolutionInput, 'name'> & Partial<SolutionInput>;

/** Creates a solution; returns its id. `seedKey` marks a seeded row. Call inside a transaction. */
export async function createSolution(db: Db, input: NewSolution, actor: string, seedKey?: string): Promise<number> {
  const s: SolutionInput = {
    kind: 'project',
    description: '',
    owner_organisation_id: null,
    owner_note: '',
    status: null,
    status_note: '',
    planned_end: null,
    planned_end_note: '',
    source: 'Registrert i ehds-gap',
    ...definedOnly(input),
    name: input.name,
  };
  await checkSolution(db, s);
  const at = now();
  const { id } = await db
    .insertInto('national_solution')
    .values({
      ...s,
      seed_key: seedKey ?? null,
      search_text: searchTextOf(s),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor,
    entity: 'national_solution',
    entityId: id,
    entityRef: s.name,
    action: 'create',
    changes: diff({}, s, SOLUTION_FIELDS),
  });
  return id;
}

/** Changes a solution; a stale `expectedVersion` gets 409 with the solution as it is now. Call inside a transaction. */
export async function updateSolution(
  db: Db,
  id: number,
  patch: Partial<SolutionInput>,
  actor: string,
  expectedVersion: number,
): Promise<void> {
  const row = await db.selectFrom('national_solution').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`National solution ${id}`);
  if (row.version !== expectedVersion) {
    throw new ApiError(
      409,
      `National solution ${id} was changed by someone else (version ${row.version}, you read ${expectedVersion})`,
      { current: await getSolution(db, id) },
    );
  }
  const before: SolutionInput = Object.fromEntries(SOLUTION_FIELDS.map((f) => [f, row[f]])) as unknown as SolutionInput;
  const after: SolutionInput = { ...before, ...definedOnly(patch) };
  const changes = diff(before, after, SOLUTION_FIELDS);
  if (Object.keys(changes).length === 0) return;
  await checkSolution(db, after, id);
  const result = await db
    .updateTable('national_solution')
    .set({ ...after, search_text: searchTextOf(after), version: row.version + 1, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ApiError(409, `National solution ${id} was changed while you saved`, {
      current: await getSolution(db, id),
    });
  }
  await recordAudit(db, {
    actor,
    entity: 'national_solution',
    entityId: id,
    entityRef: after.name,
    action: 'update',
    changes,
  });
}
