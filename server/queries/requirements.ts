/** Requirements (krav): listing with filters, one with its links, create and update. */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../schema/db.ts';
import type { AreaCode, Category, Coverage, Database, WorkStatus } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { likeContains, now, searchable, searchTerms } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { normalisePinpoint, provisionNumberOf, resolvePinpoints } from './provisions.ts';

export interface RequirementFilters {
  area?: AreaCode[];
  coverage?: Coverage[];
  work_status?: WorkStatus[];
  /** Legal deadline on or before this date. */
  deadline_before?: string;
  /** Legal deadline exactly this date. */
  deadline?: string;
  /** Article number (`14`) or annex (`Annex II`) the requirement cites. */
  article?: string;
  reference_group?: number;
  category?: Category;
  national_choice?: boolean;
  q?: string;
}

export const REQUIREMENT_SORTS = ['ref', 'title', 'area', 'deadline', 'coverage', 'work_status', 'updated_at'] as const;
export type RequirementSort = (typeof REQUIREMENT_SORTS)[number];

/** `column LIKE pattern ESCAPE '\'`: the escape that likeContains() assumes (SQLite has no default escape). */
export const likeEscaped = (column: string, pattern: string) =>
  sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;

type RequirementQuery = SelectQueryBuilder<Database, 'requirement' | 'assessment', object>;

/** Adds the WHERE clauses of the filters; used by the list, the CSV export and the dashboard links. */
export function applyRequirementFilters<Q extends RequirementQuery>(qb: Q, f: RequirementFilters): Q {
  let q = qb as RequirementQuery;
  if (f.area?.length) q = q.where('requirement.area_code', 'in', f.area);
  if (f.coverage?.length) q = q.where('assessment.coverage', 'in', f.coverage);
  if (f.work_status?.length) q = q.where('assessment.work_status', 'in', f.work_status);
  if (f.deadline_before) q = q.where('requirement.deadline', '<=', f.deadline_before);
  if (f.deadline) q = q.where('requirement.deadline', '=', f.deadline);
  if (f.national_choice !== undefined) q = q.where('requirement.national_choice', '=', f.national_choice ? 1 : 0);
  if (f.article) {
    const article = provisionNumberOf(f.article) ?? f.article;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('requirement_provision')
          .innerJoin('provision', 'provision.id', 'requirement_provision.provision_id')
          .select('requirement_provision.requirement_id')
          .whereRef('requirement_provision.requirement_id', '=', 'requirement.id')
          .where('provision.number', '=', article),
      ),
    );
  }
  if (f.reference_group !== undefined) {
    const group = f.reference_group;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('reference_group_requirement')
          .select('requirement_id')
          .whereRef('reference_group_requirement.requirement_id', '=', 'requirement.id')
          .where('reference_group_id', '=', group),
      ),
    );
  }
  if (f.category) {
    const category = f.category;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('requirement_category')
          .select('requirement_id')
          .whereRef('requirement_category.requirement_id', '=', 'requirement.id')
          .where('category', '=', category),
      ),
    );
  }
  // search_text columns are lower-cased in JS (searchable()), because SQL lower() folds only ASCII:
  // matching raw text would miss «Ønsker» for «ønsker». Assessment text lives in requirement.search_text.
  for (const term of searchTerms(f.q)) {
    const pattern = likeContains(term);
    q = q.where(({ or, exists, selectFrom }) =>
      or([
        likeEscaped('requirement.search_text', pattern),
        exists(
          selectFrom('question_requirement')
            .innerJoin('question', 'question.id', 'question_requirement.question_id')
            .select('question.id')
            .whereRef('question_requirement.requirement_id', '=', 'requirement.id')
            .where(likeEscaped('question.search_text', pattern)),
        ),
        exists(
          selectFrom('provision')
            .innerJoin('requirement_provision', 'requirement_provision.provision_id', 'provision.id')
            .select('provision.id')
            .whereRef('requirement_provision.requirement_id', '=', 'requirement.id')
            .where(likeEscaped('provision.title_en', pattern)),
        ),
      ]),
    );
  }
  return q as Q;
}

function baseQuery(db: Db) {
  return db.selectFrom('requirement').innerJoin('assessment', 'assessment.requirement_id', 'requirement.id');
}

/**
 * Natural order of refs, portable SQL: area prefix (`A1-`), then shorter numbers first, then the text,
 * so that A1-02 < A1-10 < A1-100.
 */
const refOrder = [
  sql`substr(${sql.ref('requirement.ref')}, 1, 3)`,
  sql`length(${sql.ref('requirement.ref')})`,
  sql`${sql.ref('requirement.ref')}`,
];

const SORT_COLUMNS = {
  title: 'requirement.title',
  area: 'requirement.area_code',
  deadline: 'requirement.deadline',
  coverage: 'assessment.coverage',
  work_status: 'assessment.work_status',
  updated_at: 'assessment.updated_at',
} as const;

/** Article citations and categories of many requirements, two queries for the whole page. */
async function linksOf(db: Db, ids: number[]) {
  const articles = new Map<number, string[]>();
  const categories = new Map<number, Category[]>();
  if (ids.length === 0) return { articles, categories };
  const [arts, cats] = await Promise.all([
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
      .orderBy('category')
      .execute(),
  ]);
  for (const a of arts) articles.set(a.requirement_id, [...(articles.get(a.requirement_id) ?? []), a.pinpoint]);
  for (const c of cats) categories.set(c.requirement_id, [...(categories.get(c.requirement_id) ?? []), c.category]);
  return { articles, categories };
}

export async function listRequirements(
  db: Db,
  filters: RequirementFilters,
  page: { limit: number; offset: number; sort?: RequirementSort; order?: 'asc' | 'desc' },
) {
  const filtered = applyRequirementFilters(baseQuery(db), filters);
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const order = page.order ?? 'asc';
  const sort = page.sort ?? 'ref';
  const rows = await filtered
    .select([
      'requirement.id',
      'requirement.ref',
      'requirement.area_code',
      'requirement.group_name',
      'requirement.title',
      'requirement.title_en',
      'requirement.deadline',
      'requirement.deadline_note',
      'requirement.national_choice',
      'requirement.version',
      'assessment.coverage',
      'assessment.work_status',
      'assessment.gap_dimensions',
      'assessment.updated_at',
    ])
    .$call((qb) => (sort === 'ref' ? qb : qb.orderBy(SORT_COLUMNS[sort], order)))
    .$call((qb) => refOrder.reduce((acc, expr) => acc.orderBy(expr, sort === 'ref' ? order : 'asc'), qb))
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { articles, categories } = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map(({ id, national_choice, gap_dimensions, ...r }) => ({
    ...r,
    national_choice: national_choice === 1,
    gap_dimensions: splitList(gap_dimensions),
    articles: articles.get(id) ?? [],
    categories: categories.get(id) ?? [],
  }));
  return { items, total: Number(total) };
}

export const splitList = (value: string | null | undefined): string[] =>
  value ? value.split(';').filter((v) => v.length > 0) : [];

export async function findRequirementId(db: Db, ref: string): Promise<number> {
  const row = await db.selectFrom('requirement').select('id').where('ref', '=', ref).executeTakeFirst();
  if (!row) throw notFound(`Requirement ${ref}`);
  return row.id;
}

/** One requirement with its articles, categories, assessment, reference groups, questions and input. */
export async function getRequirement(db: Db, ref: string) {
  const row = await db.selectFrom('requirement').selectAll().where('ref', '=', ref).executeTakeFirst();
  if (!row) throw notFound(`Requirement ${ref}`);
  const id = row.id;
  const [articles, categories, assessment, groups, questions, inputs] = await Promise.all([
    db
      .selectFrom('requirement_provision')
      .innerJoin('provision', 'provision.id', 'requirement_provision.provision_id')
      .select([
        'requirement_provision.pinpoint',
        'provision.number',
        'provision.kind',
        'provision.title_en',
        'provision.chapter',
        'provision.applies_from',
      ])
      .where('requirement_provision.requirement_id', '=', id)
      .orderBy('requirement_provision.sort_order')
      .execute(),
    db
      .selectFrom('requirement_category')
      .select('category')
      .where('requirement_id', '=', id)
      .orderBy('category')
      .execute(),
    getAssessment(db, id),
    db
      .selectFrom('reference_group_requirement')
      .innerJoin('reference_group', 'reference_group.id', 'reference_group_requirement.reference_group_id')
      .select(['reference_group.id', 'reference_group.name', 'reference_group.name_en'])
      .where('reference_group_requirement.requirement_id', '=', id)
      .orderBy('reference_group.name')
      .execute(),
    db
      .selectFrom('question_requirement')
      .innerJoin('question', 'question.id', 'question_requirement.question_id')
      .select([
        'question.id',
        'question.ref',
        'question.text',
        'question.status',
        'question.area_code',
        'question.origin',
      ])
      .where('question_requirement.requirement_id', '=', id)
      .orderBy('question.ref')
      .execute(),
    db
      .selectFrom('input_requirement')
      .innerJoin('input', 'input.id', 'input_requirement.input_id')
      .leftJoin('organisation', 'organisation.id', 'input.organisation_id')
      .select([
        'input.id',
        'input.text',
        'input.type',
        'input.disposition',
        'input.disposition_reason',
        'input.source',
        'organisation.name as organisation',
      ])
      .where('input_requirement.requirement_id', '=', id)
      .orderBy('input.id')
      .execute(),
  ]);
  const { search_text: _search, national_choice, ...rest } = row;
  return {
    ...rest,
    national_choice: national_choice === 1,
    articles,
    categories: categories.map((c) => c.category),
    assessment,
    reference_groups: groups,
    questions,
    inputs,
  };
}

/** The audit log of a requirement and its assessment, newest first. */
export async function listRequirementHistory(db: Db, ref: string, page: { limit: number; offset: number }) {
  const id = await findRequirementId(db, ref);
  const about = db
    .selectFrom('audit_log')
    .where('audit_log.entity', 'in', ['requirement', 'assessment'])
    .where('audit_log.entity_id', '=', id);
  const [{ total }, rows] = await Promise.all([
    about.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    about
      .select(['id', 'at', 'actor', 'entity', 'entity_ref', 'action', 'changes'])
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  const items = rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, [unknown, unknown]> }));
  return { items, total: Number(total) };
}

export async function getAssessment(db: Db, requirementId: number) {
  const a = await db
    .selectFrom('assessment')
    .leftJoin('organisation', 'organisation.id', 'assessment.responsible_organisation_id')
    .selectAll('assessment')
    .select('organisation.name as responsible_organisation')
    .where('requirement_id', '=', requirementId)
    .executeTakeFirstOrThrow();
  const { requirement_id: _id, gap_dimensions, ...rest } = a;
  return { ...rest, gap_dimensions: splitList(gap_dimensions) };
}

export interface RequirementInput {
  ref: string;
  area: AreaCode;
  group: string | null;
  title: string;
  title_en: string | null;
  description: string;
  articles: string[];
  categories: Category[];
  deadline: string | null;
  deadline_note: string | null;
  national_choice: boolean;
  reference_groups: string[];
  source: string;
}

async function referenceGroupIds(db: Db, names: string[]) {
  if (names.length === 0) return [];
  const rows = await db.selectFrom('reference_group').select(['id', 'name']).where('name', 'in', names).execute();
  const unknown = names.filter((n) => !rows.some((r) => r.name === n));
  if (unknown.length)
    throw new ApiError(400, `Unknown reference group: ${unknown.join(', ')}`, { field: 'reference_groups' });
  return rows.map((r) => r.id);
}

async function writeLinks(
  db: Db,
  id: number,
  input: Pick<RequirementInput, 'articles' | 'categories' | 'reference_groups'>,
) {
  const { resolved, unknown } = await resolvePinpoints(db, input.articles);
  if (unknown.length) throw new ApiError(400, `Unknown article: ${unknown.join(', ')}`, { field: 'articles', unknown });
  const groupIds = await referenceGroupIds(db, input.reference_groups);
  await db.deleteFrom('requirement_provision').where('requirement_id', '=', id).execute();
  await db.deleteFrom('requirement_category').where('requirement_id', '=', id).execute();
  await db.deleteFrom('reference_group_requirement').where('requirement_id', '=', id).execute();
  if (resolved.length) {
    await db
      .insertInto('requirement_provision')
      .values(
        resolved.map((r, i) => ({
          requirement_id: id,
          provision_id: r.provisionId,
          pinpoint: r.pinpoint,
          sort_order: i,
        })),
      )
      .execute();
  }
  const categories = [...new Set(input.categories)];
  if (categories.length) {
    await db
      .insertInto('requirement_category')
      .values(categories.map((category) => ({ requirement_id: id, category })))
      .execute();
  }
  if (groupIds.length) {
    await db
      .insertInto('reference_group_requirement')
      .values(groupIds.map((reference_group_id) => ({ reference_group_id, requirement_id: id })))
      .execute();
  }
}

const searchTextOf = (r: Pick<RequirementInput, 'ref' | 'title' | 'title_en' | 'description' | 'group'>) =>
  searchable(r.ref, r.title, r.title_en, r.description, r.group);

/**
 * Recomputes a requirement's search_text from its fields and its assessment's texts, so that full-text
 * search finds words of today's situation and the gap with Norwegian case folding. Call after any write.
 */
export async function refreshSearchText(db: Db, requirementId: number): Promise<void> {
  const row = await db
    .selectFrom('requirement')
    .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select([
      'requirement.ref',
      'requirement.title',
      'requirement.title_en',
      'requirement.description',
      'requirement.group_name',
      'assessment.situation',
      'assessment.gap',
      'assessment.justification',
    ])
    .where('requirement.id', '=', requirementId)
    .executeTakeFirstOrThrow();
  const text = searchable(searchTextOf({ ...row, group: row.group_name }), row.situation, row.gap, row.justification);
  await db.updateTable('requirement').set({ search_text: text }).where('id', '=', requirementId).execute();
}

/** Refs of the national analysis carry their area: `A2-04` belongs to A2. */
function checkAreaMatchesRef(input: Pick<RequirementInput, 'ref' | 'area'>) {
  const prefix = /^(A[1-5])-/.exec(input.ref)?.[1];
  if (prefix && prefix !== input.area) {
    throw new ApiError(400, `Area ${input.area} does not match ref ${input.ref} (area ${prefix})`, {
      issues: [{ field: 'area', message: `Must be ${prefix} for ref ${input.ref}` }],
    });
  }
}

/** Links in the form they are stored, so that a diff shows only real changes (`Art. 3` = `3`, `b;a` = `a;b`). */
function normaliseLinks<T extends Partial<RequirementInput>>(input: T): T {
  const out = { ...input };
  if (out.articles) out.articles = [...new Set(out.articles.map((a) => normalisePinpoint(a) ?? a))];
  if (out.categories) out.categories = [...new Set(out.categories)].sort();
  if (out.reference_groups)
    out.reference_groups = [...new Set(out.reference_groups)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

/** Snapshot of a requirement in input form, for audit diffs and updates. */
async function requirementState(db: Db, id: number): Promise<RequirementInput> {
  const row = await db.selectFrom('requirement').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const [arts, cats, groups] = await Promise.all([
    db
      .selectFrom('requirement_provision')
      .select('pinpoint')
      .where('requirement_id', '=', id)
      .orderBy('sort_order')
      .execute(),
    db
      .selectFrom('requirement_category')
      .select('category')
      .where('requirement_id', '=', id)
      .orderBy('category')
      .execute(),
    db
      .selectFrom('reference_group_requirement')
      .innerJoin('reference_group', 'reference_group.id', 'reference_group_requirement.reference_group_id')
      .select('reference_group.name')
      .where('requirement_id', '=', id)
      .orderBy('reference_group.name')
      .execute(),
  ]);
  return {
    ref: row.ref,
    area: row.area_code,
    group: row.group_name,
    title: row.title,
    title_en: row.title_en,
    description: row.description,
    articles: arts.map((a) => a.pinpoint),
    categories: cats.map((c) => c.category),
    deadline: row.deadline,
    deadline_note: row.deadline_note,
    national_choice: row.national_choice === 1,
    reference_groups: groups.map((g) => g.name),
    source: row.source,
  };
}

const REQUIREMENT_FIELDS: (keyof RequirementInput)[] = [
  'ref',
  'area',
  'group',
  'title',
  'title_en',
  'description',
  'articles',
  'categories',
  'deadline',
  'deadline_note',
  'national_choice',
  'reference_groups',
  'source',
];

/** Creates a requirement with a `not_assessed` assessment. Call inside a transaction. */
export async function createRequirement(db: Db, given: RequirementInput, actor: string): Promise<number> {
  const input = normaliseLinks(given);
  checkAreaMatchesRef(input);
  const exists = await db.selectFrom('requirement').select('id').where('ref', '=', input.ref).executeTakeFirst();
  if (exists) throw new ApiError(409, `Requirement ${input.ref} already exists`, { ref: input.ref });
  const at = now();
  const { id } = await db
    .insertInto('requirement')
    .values({
      ref: input.ref,
      area_code: input.area,
      group_name: input.group,
      title: input.title,
      title_en: input.title_en,
      description: input.description,
      deadline: input.deadline,
      deadline_note: input.deadline_note,
      national_choice: input.national_choice ? 1 : 0,
      source: input.source,
      search_text: searchTextOf(input),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(db, id, input);
  await db
    .insertInto('assessment')
    .values({
      requirement_id: id,
      coverage: 'not_assessed',
      work_status: 'todo',
      gap_dimensions: '',
      situation: '',
      gap: '',
      justification: '',
      responsible_organisation_id: null,
      source: null,
      version: 1,
      updated_by: actor,
      updated_at: at,
    })
    .execute();
  await recordAudit(db, {
    actor,
    entity: 'requirement',
    entityId: id,
    entityRef: input.ref,
    action: 'create',
    changes: diff({}, input, REQUIREMENT_FIELDS),
  });
  return id;
}

/**
 * Changes a requirement's fields. With `expectedVersion` a stale write is refused with 409 and the
 * current state; without it (CSV import) the change applies as is. Returns whether anything changed.
 */
export async function updateRequirement(
  db: Db,
  ref: string,
  patch: Partial<RequirementInput>,
  actor: string,
  expectedVersion?: number,
): Promise<boolean> {
  const id = await findRequirementId(db, ref);
  const row = await db.selectFrom('requirement').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const before = await requirementState(db, id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new ApiError(
      409,
      `Requirement ${ref} was changed by someone else (version ${row.version}, you read ${expectedVersion})`,
      {
        current: { ...before, version: row.version },
      },
    );
  }
  const after: RequirementInput = { ...before, ...normaliseLinks(patch) };
  checkAreaMatchesRef(after);
  if (after.ref !== before.ref) {
    const taken = await db.selectFrom('requirement').select('id').where('ref', '=', after.ref).executeTakeFirst();
    if (taken) throw new ApiError(409, `Requirement ${after.ref} already exists`, { ref: after.ref });
  }
  const changes = diff(before, after, REQUIREMENT_FIELDS);
  if (Object.keys(changes).length === 0) return false;
  await db
    .updateTable('requirement')
    .set({
      ref: after.ref,
      area_code: after.area,
      group_name: after.group,
      title: after.title,
      title_en: after.title_en,
      description: after.description,
      deadline: after.deadline,
      deadline_note: after.deadline_note,
      national_choice: after.national_choice ? 1 : 0,
      source: after.source,
      version: row.version + 1,
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
  if (changes.articles || changes.categories || changes.reference_groups) await writeLinks(db, id, after);
  await refreshSearchText(db, id);
  await recordAudit(db, {
    actor,
    entity: 'requirement',
    entityId: id,
    entityRef: after.ref,
    action: 'update',
    changes,
  });
  return true;
}
