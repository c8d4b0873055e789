/**
 * Measures (tiltak): list with score and rank, one with its links, create, change and score. Only the
 * leaves are stored; aggregates, score and rank are computed on every read (scoring.ts) over all measures.
 */
import type { Db } from '../../schema/db.ts';
import type { AreaCode, MeasureStatus } from '../../schema/types.ts';
import { changeCache } from '../lib/change-cache.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { compareNb, containsTerm, now, searchable, searchTerms } from '../lib/text.ts';
import { type Changes, diff, recordAudit } from './audit.ts';
import { measureInTime } from './risk.ts';
import {
  CURRENT_FORMULA,
  emptyLeaves,
  emptyNotes,
  LEAVES,
  type Leaf,
  type LeafNotes,
  type LeafValues,
  type Ranked,
  rankScores,
  type ScoreResult,
  type ScoringState,
  scoreMeasure,
} from './scoring.ts';

export const MEASURE_SORTS = ['rank', 'title', 'planned_end', 'updated_at'] as const;
export type MeasureSort = (typeof MEASURE_SORTS)[number];

export interface MeasureFilters {
  status?: MeasureStatus[];
  /** Requirement ref the measure addresses. */
  requirement?: string;
  /** Areas of the requirements the measure addresses. */
  area?: AreaCode[];
  /** National solution id the measure is linked to. */
  solution?: number;
  /** Owner organisation id. */
  owner?: number;
  scoring?: ScoringState[];
  q?: string;
}

const MEASURE_COLUMNS = [
  'measure.id',
  'measure.title',
  'measure.description',
  'measure.owner_organisation_id',
  'organisation.name as owner_organisation',
  'measure.planned_start',
  'measure.planned_end',
  'measure.status',
  'measure.cost_estimate_nok',
  'measure.cost_estimate_year',
  'measure.source',
  'measure.formula_version',
  'measure.score_note',
  'measure.sheet_score',
  'measure.sheet_rank',
  'measure.version',
  'measure.created_at',
  'measure.updated_at',
] as const;

function selectMeasures(db: Db) {
  return db
    .selectFrom('measure')
    .leftJoin('organisation', 'organisation.id', 'measure.owner_organisation_id')
    .select(MEASURE_COLUMNS);
}
type MeasureRow = Awaited<ReturnType<ReturnType<typeof selectMeasures>['execute']>>[number];

/** Stored leaves and notes of some measures (all when `ids` is left out); a leaf never written reads as null. */
async function leavesOf(db: Db, ids?: number[]) {
  const result = new Map<number, { leaves: LeafValues; notes: LeafNotes }>();
  if (ids && ids.length === 0) return result;
  let qb = db.selectFrom('measure_score_leaf').select(['measure_id', 'leaf', 'value', 'note']);
  if (ids) qb = qb.where('measure_id', 'in', ids);
  for (const row of await qb.execute()) {
    if (!(LEAVES as readonly string[]).includes(row.leaf)) continue;
    let entry = result.get(row.measure_id);
    if (!entry) {
      entry = { leaves: emptyLeaves(), notes: emptyNotes() };
      result.set(row.measure_id, entry);
    }
    entry.leaves[row.leaf as Leaf] = row.value === null ? null : Number(row.value);
    entry.notes[row.leaf as Leaf] = row.note;
  }
  return result;
}

export interface BoardEntry extends Ranked {
  leaves: LeafValues;
  notes: LeafNotes;
  result: ScoreResult;
}

const boards = changeCache<Map<number, BoardEntry>>(1);

/**
 * Every measure's score and rank: a rank depends on all scores, so all are scored, whatever the page. Kept
 * until the database changes, because one requirement's page would otherwise score every measure again.
 * Callers read the entries and never change them.
 */
export function scoreBoard(db: Db): Promise<Map<number, BoardEntry>> {
  return boards.get(db, 'all', () => scoreAll(db));
}

async function scoreAll(db: Db): Promise<Map<number, BoardEntry>> {
  const [measures, stored] = await Promise.all([
    db.selectFrom('measure').select(['id', 'formula_version', 'sheet_score']).execute(),
    leavesOf(db),
  ]);
  const scored = measures.map((m) => {
    const { leaves, notes } = stored.get(m.id) ?? { leaves: emptyLeaves(), notes: emptyNotes() };
    return { id: m.id, leaves, notes, result: scoreMeasure({ ...m, leaves, notes }) };
  });
  const ranks = rankScores(scored.map((s) => ({ key: s.id, score_twelfths: s.result.score_twelfths })));
  return new Map(scored.map((s) => [s.id, { ...s, ...ranks.get(s.id)! }]));
}

/** Requirements and national solutions of many measures, two queries for the whole page. */
async function linksOf(db: Db, ids: number[]) {
  const requirements = new Map<
    number,
    { ref: string; title: string; deadline: string | null; link_note: string; in_time: boolean }[]
  >();
  const solutions = new Map<number, { id: number; name: string }[]>();
  if (ids.length === 0) return { requirements, solutions };
  const [reqs, sols] = await Promise.all([
    db
      .selectFrom('measure_requirement')
      .innerJoin('requirement', 'requirement.id', 'measure_requirement.requirement_id')
      .innerJoin('measure', 'measure.id', 'measure_requirement.measure_id')
      .select([
        'measure_requirement.measure_id',
        'measure_requirement.link_note',
        'requirement.ref',
        'requirement.title',
        'requirement.deadline',
        'measure.status',
        'measure.planned_end',
      ])
      .where('measure_requirement.measure_id', 'in', ids)
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('measure_solution')
      .innerJoin('national_solution', 'national_solution.id', 'measure_solution.solution_id')
      .select(['measure_solution.measure_id', 'national_solution.id', 'national_solution.name'])
      .where('measure_solution.measure_id', 'in', ids)
      .orderBy('national_solution.name')
      .execute(),
  ]);
  for (const r of reqs) {
    const link = {
      ref: r.ref,
      title: r.title,
      deadline: r.deadline,
      link_note: r.link_note,
      in_time: measureInTime(r, r.deadline),
    };
    requirements.set(r.measure_id, [...(requirements.get(r.measure_id) ?? []), link]);
  }
  for (const s of sols)
    solutions.set(s.measure_id, [...(solutions.get(s.measure_id) ?? []), { id: s.id, name: s.name }]);
  return { requirements, solutions };
}

function present(row: MeasureRow, entry: BoardEntry, links: Awaited<ReturnType<typeof linksOf>>) {
  const { result } = entry;
  return {
    ...row,
    requirements: links.requirements.get(row.id) ?? [],
    solutions: links.solutions.get(row.id) ?? [],
    leaves: entry.leaves,
    notes: entry.notes,
    scoring_state: result.state,
    aggregates: result.aggregates,
    score: result.score,
    rank: entry.rank,
    tied: entry.tied,
    missing_leaves: result.missing_leaves,
    aggregates_without_missing: result.aggregates_without_missing,
    score_without_missing: result.score_without_missing,
    legacy: result.legacy,
  };
}

export type MeasureView = ReturnType<typeof present>;

const byNullsLast = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(a, b);
const compareText = compareNb;

export async function listMeasures(
  db: Db,
  f: MeasureFilters,
  page: { limit: number; offset: number; sort?: MeasureSort; order?: 'asc' | 'desc' },
) {
  let qb = selectMeasures(db);
  if (f.status?.length) qb = qb.where('measure.status', 'in', f.status);
  if (f.owner !== undefined) qb = qb.where('measure.owner_organisation_id', '=', f.owner);
  if (f.requirement) {
    const ref = f.requirement;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('measure_requirement')
          .innerJoin('requirement', 'requirement.id', 'measure_requirement.requirement_id')
          .select('measure_requirement.measure_id')
          .whereRef('measure_requirement.measure_id', '=', 'measure.id')
          .where('requirement.ref', '=', ref),
      ),
    );
  }
  if (f.area?.length) {
    const areas = f.area;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('measure_requirement')
          .innerJoin('requirement', 'requirement.id', 'measure_requirement.requirement_id')
          .select('measure_requirement.measure_id')
          .whereRef('measure_requirement.measure_id', '=', 'measure.id')
          .where('requirement.area_code', 'in', areas),
      ),
    );
  }
  if (f.solution !== undefined) {
    const solution = f.solution;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('measure_solution')
          .select('measure_solution.measure_id')
          .whereRef('measure_solution.measure_id', '=', 'measure.id')
          .where('measure_solution.solution_id', '=', solution),
      ),
    );
  }
  for (const term of searchTerms(f.q)) qb = qb.where(containsTerm('measure.search_text', term));

  const [rows, board] = await Promise.all([qb.execute(), scoreBoard(db)]);
  let matching = rows.map((row) => ({ row, entry: board.get(row.id)! }));
  if (f.scoring?.length) matching = matching.filter((m) => f.scoring!.includes(m.entry.result.state));

  const sign = page.order === 'desc' ? -1 : 1;
  const sort = page.sort ?? 'rank';
  const STATE_ORDER: Record<ScoringState, number> = { scored: 0, unscored: 1, legacy_formula: 2 };
  matching.sort((a, b) => {
    let c = 0;
    if (sort === 'rank') {
      c = byNullsLast(a.entry.rank, b.entry.rank, (x, y) => sign * (x - y));
      if (c === 0) c = STATE_ORDER[a.entry.result.state] - STATE_ORDER[b.entry.result.state];
      if (c === 0) {
        c = byNullsLast(a.entry.result.score_without_missing, b.entry.result.score_without_missing, (x, y) => y - x);
      }
    } else if (sort === 'title') c = sign * compareText(a.row.title, b.row.title);
    else if (sort === 'planned_end')
      c = byNullsLast(a.row.planned_end, b.row.planned_end, (x, y) => sign * compareText(x, y));
    else c = sign * compareText(a.row.updated_at, b.row.updated_at);
    return c || compareText(a.row.title, b.row.title) || a.row.id - b.row.id;
  });

  const pageRows = matching.slice(page.offset, page.offset + page.limit);
  const links = await linksOf(
    db,
    pageRows.map((m) => m.row.id),
  );
  return { items: pageRows.map((m) => present(m.row, m.entry, links)), total: matching.length };
}

export async function getMeasure(db: Db, id: number) {
  const row = await selectMeasures(db).where('measure.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Measure ${id}`);
  const [board, links] = await Promise.all([scoreBoard(db), linksOf(db, [id])]);
  return present(row, board.get(id)!, links);
}

/** The measures linked to one requirement, with score, rank and whether each is in time for its deadline. */
export async function measuresOfRequirement(db: Db, requirementId: number, deadline: string | null) {
  const [rows, board] = await Promise.all([
    db
      .selectFrom('measure_requirement')
      .innerJoin('measure', 'measure.id', 'measure_requirement.measure_id')
      .select([
        'measure.id',
        'measure.title',
        'measure.status',
        'measure.planned_start',
        'measure.planned_end',
        'measure_requirement.link_note',
      ])
      .where('measure_requirement.requirement_id', '=', requirementId)
      .orderBy('measure.id')
      .execute(),
    scoreBoard(db),
  ]);
  return rows.map((m) => {
    const entry = board.get(m.id);
    return {
      ...m,
      in_time: measureInTime(m, deadline),
      scoring_state: entry?.result.state ?? 'unscored',
      score: entry?.result.score ?? null,
      rank: entry?.rank ?? null,
      tied: entry?.tied ?? false,
    };
  });
}

// ---- writes ------------------------------------------------------------------------------------

export interface RequirementLink {
  ref: string;
  link_note: string;
}

/** What a writer may set on a measure; also the shape the audit log compares. */
export interface MeasureInput {
  title: string;
  description: string;
  owner_organisation_id: number | null;
  planned_start: string | null;
  planned_end: string | null;
  status: MeasureStatus;
  cost_estimate_nok: number | null;
  cost_estimate_year: number | null;
  source: string;
  requirements: RequirementLink[];
  solution_ids: number[];
}

const MEASURE_FIELDS: (keyof MeasureInput)[] = [
  'title',
  'description',
  'owner_organisation_id',
  'planned_start',
  'planned_end',
  'status',
  'cost_estimate_nok',
  'cost_estimate_year',
  'source',
  'requirements',
  'solution_ids',
];

export interface ScoreWrite {
  leaves: LeafValues;
  notes?: Partial<LeafNotes>;
  score_note?: string;
}

/** Provenance only the seed sets: where a score came from and under which formula. */
export interface ScoreProvenance {
  seed_key?: string;
  formula_version?: string;
  score_note?: string;
  sheet_score?: number | null;
  sheet_rank?: number | null;
}

const issue = (field: string, message: string) =>
  new ApiError(400, `${field}: ${message}`, { issues: [{ field, message }] });

/** Checks the cross-field rules and that every linked thing exists; returns requirement ids by ref. */
async function checkMeasure(db: Db, m: MeasureInput): Promise<Map<string, number>> {
  if (m.planned_start && m.planned_end && m.planned_start > m.planned_end) {
    throw issue('planned_end', `Planned end ${m.planned_end} is before planned start ${m.planned_start}`);
  }
  if ((m.cost_estimate_nok === null) !== (m.cost_estimate_year === null)) {
    throw issue('cost_estimate_year', 'A cost estimate needs both the amount in NOK and the year of its prices');
  }
  if (m.owner_organisation_id !== null) {
    const org = await db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', m.owner_organisation_id)
      .executeTakeFirst();
    if (!org) throw issue('owner_organisation_id', `Unknown organisation ${m.owner_organisation_id}`);
  }
  const refs = m.requirements.map((r) => r.ref);
  const twice = refs.filter((r, i) => refs.indexOf(r) !== i);
  if (twice.length) throw issue('requirements', `Requirement listed twice: ${[...new Set(twice)].join(', ')}`);
  const ids = new Map<string, number>();
  if (refs.length) {
    const rows = await db.selectFrom('requirement').select(['id', 'ref']).where('ref', 'in', refs).execute();
    for (const r of rows) ids.set(r.ref, r.id);
    const unknown = refs.filter((r) => !ids.has(r));
    if (unknown.length) {
      throw new ApiError(400, `Unknown requirement: ${unknown.join(', ')}`, { field: 'requirements', unknown });
    }
  }
  if (m.solution_ids.length) {
    const rows = await db.selectFrom('national_solution').select('id').where('id', 'in', m.solution_ids).execute();
    const unknown = [...new Set(m.solution_ids)].filter((s) => !rows.some((r) => r.id === s));
    if (unknown.length) {
      throw new ApiError(400, `Unknown national solution: ${unknown.join(', ')}`, { field: 'solution_ids', unknown });
    }
  }
  return ids;
}

/** Links as stored and read back: requirements by ref, solutions by id, both sorted. */
function normalise(m: MeasureInput): MeasureInput {
  return {
    ...m,
    requirements: [...m.requirements]
      .map((r) => ({ ref: r.ref, link_note: r.link_note ?? '' }))
      .sort((a, b) => compareText(a.ref, b.ref)),
    solution_ids: [...new Set(m.solution_ids)].sort((a, b) => a - b),
  };
}

async function writeLinks(db: Db, id: number, m: MeasureInput, requirementIds: Map<string, number>) {
  await db.deleteFrom('measure_requirement').where('measure_id', '=', id).execute();
  await db.deleteFrom('measure_solution').where('measure_id', '=', id).execute();
  if (m.requirements.length) {
    await db
      .insertInto('measure_requirement')
      .values(
        m.requirements.map((r) => ({
          measure_id: id,
          requirement_id: requirementIds.get(r.ref)!,
          link_note: r.link_note,
        })),
      )
      .execute();
  }
  if (m.solution_ids.length) {
    await db
      .insertInto('measure_solution')
      .values(m.solution_ids.map((solution_id) => ({ measure_id: id, solution_id })))
      .execute();
  }
}

async function measureState(db: Db, id: number): Promise<MeasureInput & { version: number; formula_version: string }> {
  const row = await db.selectFrom('measure').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const [reqs, sols] = await Promise.all([
    db
      .selectFrom('measure_requirement')
      .innerJoin('requirement', 'requirement.id', 'measure_requirement.requirement_id')
      .select(['requirement.ref', 'measure_requirement.link_note'])
      .where('measure_requirement.measure_id', '=', id)
      .execute(),
    db.selectFrom('measure_solution').select('solution_id').where('measure_id', '=', id).execute(),
  ]);
  return {
    ...normalise({
      title: row.title,
      description: row.description,
      owner_organisation_id: row.owner_organisation_id,
      planned_start: row.planned_start,
      planned_end: row.planned_end,
      status: row.status,
      cost_estimate_nok: row.cost_estimate_nok,
      cost_estimate_year: row.cost_estimate_year,
      source: row.source,
      requirements: reqs,
      solution_ids: sols.map((s) => s.solution_id),
    }),
    version: row.version,
    formula_version: row.formula_version,
  };
}

const searchTextOf = (m: Pick<MeasureInput, 'title' | 'description' | 'source'>) =>
  searchable(m.title, m.description, m.source);

/** The score as the audit log records it: one field per leaf value and per note. */
function scoreFields(formulaVersion: string, scoreNote: string, leaves: LeafValues, notes: LeafNotes) {
  const fields: Record<string, unknown> = { formula_version: formulaVersion, score_note: scoreNote };
  for (const l of LEAVES) {
    fields[`leaves.${l}`] = leaves[l];
    fields[`notes.${l}`] = notes[l];
  }
  return fields;
}

async function writeLeaves(db: Db, id: number, leaves: LeafValues, notes: LeafNotes) {
  await db.deleteFrom('measure_score_leaf').where('measure_id', '=', id).execute();
  await db
    .insertInto('measure_score_leaf')
    .values(LEAVES.map((leaf) => ({ measure_id: id, leaf, value: leaves[leaf], note: notes[leaf] })))
    .execute();
}

export type NewMeasure = Pick<MeasureInput, 'title'> & Partial<MeasureInput>;

/** Creates a measure (and its score when leaves are given); returns its id. Call inside a transaction. */
export async function createMeasure(
  db: Db,
  input: NewMeasure,
  actor: string,
  score?: ScoreWrite,
  provenance: ScoreProvenance = {},
): Promise<number> {
  const m = normalise({
    description: '',
    owner_organisation_id: null,
    planned_start: null,
    planned_end: null,
    status: 'proposed',
    cost_estimate_nok: null,
    cost_estimate_year: null,
    source: 'Registrert i ehds-gap',
    requirements: [],
    solution_ids: [],
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    title: input.title,
  } as MeasureInput);
  const requirementIds = await checkMeasure(db, m);
  const at = now();
  const formulaVersion = provenance.formula_version ?? CURRENT_FORMULA;
  const scoreNote = score?.score_note ?? provenance.score_note ?? '';
  const { id } = await db
    .insertInto('measure')
    .values({
      seed_key: provenance.seed_key ?? null,
      title: m.title,
      description: m.description,
      owner_organisation_id: m.owner_organisation_id,
      planned_start: m.planned_start,
      planned_end: m.planned_end,
      status: m.status,
      cost_estimate_nok: m.cost_estimate_nok,
      cost_estimate_year: m.cost_estimate_year,
      source: m.source,
      formula_version: formulaVersion,
      score_note: scoreNote,
      sheet_score: provenance.sheet_score ?? null,
      sheet_rank: provenance.sheet_rank ?? null,
      search_text: searchTextOf(m),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(db, id, m, requirementIds);
  let changes: Changes = diff({}, m, MEASURE_FIELDS);
  if (score) {
    const notes = { ...emptyNotes(), ...score.notes };
    await writeLeaves(db, id, score.leaves, notes);
    const fields = scoreFields(formulaVersion, scoreNote, score.leaves, notes);
    changes = { ...changes, ...diff({}, fields, Object.keys(fields)) };
  }
  await recordAudit(db, { actor, entity: 'measure', entityId: id, entityRef: m.title, action: 'create', changes });
  return id;
}

async function checkVersion(db: Db, id: number, expectedVersion: number) {
  const row = await db.selectFrom('measure').select(['id', 'version']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Measure ${id}`);
  if (row.version !== expectedVersion) {
    throw new ApiError(
      409,
      `Measure ${id} was changed by someone else (version ${row.version}, you read ${expectedVersion})`,
      {
        current: await getMeasure(db, id),
      },
    );
  }
  return row.version;
}

async function bumpVersion(db: Db, id: number, version: number, set: Record<string, unknown>) {
  const result = await db
    .updateTable('measure')
    .set({ ...set, version: version + 1, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ApiError(409, `Measure ${id} was changed while you saved`, { current: await getMeasure(db, id) });
  }
}

/** Changes a measure; a stale `expectedVersion` gets 409 with the measure as it is now. Call inside a transaction. */
export async function updateMeasure(
  db: Db,
  id: number,
  patch: Partial<MeasureInput>,
  actor: string,
  expectedVersion: number,
): Promise<void> {
  const version = await checkVersion(db, id, expectedVersion);
  const { version: _v, formula_version: _f, ...before } = await measureState(db, id);
  const after = normalise({
    ...before,
    ...(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<MeasureInput>),
  });
  const requirementIds = await checkMeasure(db, after);
  const changes = diff(before, after, MEASURE_FIELDS);
  if (Object.keys(changes).length === 0) return;
  if (changes.requirements || changes.solution_ids) await writeLinks(db, id, after, requirementIds);
  await bumpVersion(db, id, version, {
    title: after.title,
    description: after.description,
    owner_organisation_id: after.owner_organisation_id,
    planned_start: after.planned_start,
    planned_end: after.planned_end,
    status: after.status,
    cost_estimate_nok: after.cost_estimate_nok,
    cost_estimate_year: after.cost_estimate_year,
    source: after.source,
    search_text: searchTextOf(after),
  });
  await recordAudit(db, { actor, entity: 'measure', entityId: id, entityRef: after.title, action: 'update', changes });
}

/**
 * Replaces a measure's score: all eleven leaves (a number 0–10 or null) and their notes, under the current
 * formula. A legacy score scored again becomes a current one. Call inside a transaction.
 */
export async function saveMeasureScore(
  db: Db,
  id: number,
  score: ScoreWrite,
  actor: string,
  expectedVersion: number,
): Promise<void> {
  const version = await checkVersion(db, id, expectedVersion);
  const row = await db
    .selectFrom('measure')
    .select(['title', 'formula_version', 'score_note'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const stored = (await leavesOf(db, [id])).get(id) ?? { leaves: emptyLeaves(), notes: emptyNotes() };
  const notes = { ...emptyNotes(), ...score.notes };
  const scoreNote = score.score_note ?? row.score_note;
  const before = scoreFields(row.formula_version, row.score_note, stored.leaves, stored.notes);
  const after = scoreFields(CURRENT_FORMULA, scoreNote, score.leaves, notes);
  const changes = diff(before, after, Object.keys(after));
  if (Object.keys(changes).length === 0) return;
  await writeLeaves(db, id, score.leaves, notes);
  await bumpVersion(db, id, version, { formula_version: CURRENT_FORMULA, score_note: scoreNote });
  await recordAudit(db, { actor, entity: 'measure', entityId: id, entityRef: row.title, action: 'update', changes });
}
