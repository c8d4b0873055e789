/** Requirements (krav), read side: listing with filters, one with its links, history. Writes: requirement-writes.ts. */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../schema/db.ts';
import type { AreaCode, Category, Coverage, Database, WorkStatus } from '../../schema/types.ts';
import { changeCache } from '../lib/change-cache.ts';
import { notFound } from '../lib/errors.ts';
import { containsTerm, searchTerms } from '../lib/text.ts';
import { measuresOfRequirement } from './measures.ts';
import { provisionNumberOf } from './provisions.ts';
import { requirementsMatching } from './requirement-search.ts';
import { atRiskCondition, decideRisk, riskColumns, riskFromFlags } from './risk.ts';

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
  /** In the scope of this consultation round. */
  round?: number;
  /** In the scope of one of these rounds (a reference-group member's). */
  rounds?: number[];
  category?: Category;
  national_choice?: boolean;
  q?: string;
  /** Not covered and no measure that ends by the legal deadline (risk.ts). */
  at_risk?: boolean;
}

export const REQUIREMENT_SORTS = ['ref', 'title', 'area', 'deadline', 'coverage', 'work_status', 'updated_at'] as const;
export type RequirementSort = (typeof REQUIREMENT_SORTS)[number];

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
  if (f.at_risk !== undefined) {
    const atRisk = f.at_risk;
    q = q.where((eb) => atRiskCondition(eb, atRisk));
  }
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
  for (const rounds of [f.round === undefined ? undefined : [f.round], f.rounds]) {
    if (rounds === undefined) continue;
    const ids = rounds.length ? rounds : [-1];
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('round_requirement')
          .select('round_requirement.requirement_id')
          .whereRef('round_requirement.requirement_id', '=', 'requirement.id')
          .where('round_requirement.round_id', 'in', ids),
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
    // The questions and articles that match are looked up once per search (IN a subquery), not once per
    // requirement (a correlated EXISTS).
    q = q.where((eb) =>
      eb.or([
        containsTerm('requirement.search_text', term),
        eb(
          'requirement.id',
          'in',
          eb
            .selectFrom('question_requirement')
            .innerJoin('question', 'question.id', 'question_requirement.question_id')
            .select('question_requirement.requirement_id')
            .where(containsTerm('question.search_text', term)),
        ),
        eb(
          'requirement.id',
          'in',
          eb
            .selectFrom('requirement_provision')
            .select('requirement_provision.requirement_id')
            .where('requirement_provision.provision_id', 'in', (sub) =>
              sub.selectFrom('provision').select('provision.id').where(containsTerm('provision.title_en', term)),
            ),
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

/** Ids in list order for the filters other than the words searched for (see listRequirements). */
const candidateLists = changeCache<number[]>(8);

export async function listRequirements(
  db: Db,
  filters: RequirementFilters,
  page: { limit: number; offset: number; sort?: RequirementSort; order?: 'asc' | 'desc' },
) {
  const order = page.order ?? 'asc';
  const sort = page.sort ?? 'ref';
  // First the page's ids, in order; the risk flags, two subqueries per row, are then worked out for the
  // page's rows only, not for every match. In ref order the natural-order indexes (migration 0005) give the
  // page without sorting. A text search reads every row whatever the order, so it counts in the same pass
  // (a window count) rather than searching the text twice.
  const filtered = applyRequirementFilters(baseQuery(db), filters);
  const countAll = () =>
    filtered
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow()
      .then((r) => r.total);
  const terms = searchTerms(filters.q);
  const inOrder = <Q extends typeof filtered>(qb: Q) =>
    qb
      .$call((q) => (sort === 'ref' ? q : q.orderBy(SORT_COLUMNS[sort], order)))
      .$call((q) => refOrder.reduce((acc, expr) => acc.orderBy(expr, sort === 'ref' ? order : 'asc'), q));
  const ordered = inOrder(filtered).limit(page.limit).offset(page.offset);
  let ids: number[];
  let total: number;
  if (terms.length) {
    // The words are looked for in memory (requirement-search.ts); SQL gives the other filters' matches in order,
    // kept while the database does not change, since they stay the same while someone types.
    const others = { ...filters, q: undefined };
    const [matching, candidates] = await Promise.all([
      requirementsMatching(db, terms),
      candidateLists.get(db, JSON.stringify([others, sort, order]), async () =>
        (
          await inOrder(applyRequirementFilters(baseQuery(db), others))
            .select('requirement.id')
            .execute()
        ).map((r) => r.id),
      ),
    ]);
    const hits = candidates.filter((id) => matching.has(id));
    ids = hits.slice(page.offset, page.offset + page.limit);
    total = hits.length;
  } else {
    const [found, counted] = await Promise.all([ordered.select('requirement.id').execute(), countAll()]);
    ids = found.map((r) => r.id);
    total = counted;
  }
  const [rows, { articles, categories }] = ids.length
    ? await Promise.all([
        baseQuery(db)
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
          .select((eb) => riskColumns(eb))
          .where('requirement.id', 'in', ids)
          .execute(),
        linksOf(db, ids),
      ])
    : [[], await linksOf(db, [])];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map(({ id, national_choice, gap_dimensions, has_measure, has_measure_in_time, ...r }) => ({
      ...r,
      national_choice: national_choice === 1,
      gap_dimensions: splitList(gap_dimensions),
      articles: articles.get(id) ?? [],
      categories: categories.get(id) ?? [],
      ...riskFromFlags({ coverage: r.coverage, has_measure, has_measure_in_time }),
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
  const [articles, categories, assessment, groups, questions, inputs, measures] = await Promise.all([
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
    measuresOfRequirement(db, id, row.deadline),
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
    measures,
    ...decideRisk(assessment.coverage, row.deadline, measures),
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
