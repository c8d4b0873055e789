/** The regulation's articles and annexes, with the requirements that cite them: the traceability start. */
import { sql } from 'kysely';
import type { Db } from '../../schema/db.ts';
import type { AreaCode } from '../../schema/types.ts';
import { notFound } from '../lib/errors.ts';
import { compareNatural, searchable, searchTerms } from '../lib/text.ts';
import { EHDS_ACT, provisionNumberOf } from './provisions.ts';

export interface ArticleFilters {
  /** Roman chapter number, `I`–`IX`. */
  chapter?: string;
  /** The article's default area. */
  area?: AreaCode;
  q?: string;
  /** true: only articles no requirement cites; false: only cited ones. */
  untraced?: boolean;
}

/** Natural order of refs in JS: A1-02 before A1-10. */
export const compareRefs = compareNatural;

const ARTICLE_COLUMNS = [
  'provision.id',
  'provision.number',
  'provision.kind',
  'provision.title_en',
  'provision.title_nb',
  'provision.chapter',
  'provision.chapter_title',
  'provision.section',
  'provision.section_title',
  'provision.area_code',
  'provision.other_areas',
  'provision.applies_from',
  'provision.applies_note',
] as const;

/** Refs of the requirements citing each provision, one query for the whole page. */
async function requirementRefsOf(db: Db, provisionIds: number[]) {
  const refs = new Map<number, string[]>();
  if (provisionIds.length === 0) return refs;
  const rows = await db
    .selectFrom('requirement_provision')
    .innerJoin('requirement', 'requirement.id', 'requirement_provision.requirement_id')
    .select(['requirement_provision.provision_id', 'requirement.ref'])
    .where('requirement_provision.provision_id', 'in', provisionIds)
    .distinct()
    .execute();
  for (const r of rows) refs.set(r.provision_id, [...(refs.get(r.provision_id) ?? []), r.ref]);
  for (const list of refs.values()) list.sort(compareRefs);
  return refs;
}

/**
 * Articles, then annexes, of Regulation (EU) 2025/327. The text search runs in JS over the ~110 rows:
 * SQL lower() folds only ASCII, and provisions keep no lower-cased copy of their titles.
 */
export async function listArticles(db: Db, f: ArticleFilters, page: { limit: number; offset: number }) {
  let qb = db.selectFrom('provision').where('provision.act', '=', EHDS_ACT);
  if (f.chapter) qb = qb.where('provision.chapter', '=', f.chapter);
  if (f.area) qb = qb.where('provision.area_code', '=', f.area);
  if (f.untraced !== undefined) {
    const untraced = f.untraced;
    qb = qb.where(({ exists, not, selectFrom }) => {
      const cited = exists(
        selectFrom('requirement_provision')
          .select('requirement_provision.provision_id')
          .whereRef('requirement_provision.provision_id', '=', 'provision.id'),
      );
      return untraced ? not(cited) : cited;
    });
  }
  const rows = await qb
    .select([...ARTICLE_COLUMNS])
    .orderBy(sql`case when ${sql.ref('provision.kind')} = 'annex' then 1 else 0 end`)
    .orderBy('provision.sort_key')
    .execute();
  const terms = searchTerms(f.q);
  const matching = terms.length
    ? rows.filter((r) => {
        const text = searchable(r.number, r.title_en, r.title_nb, r.chapter_title, r.section_title);
        return terms.every((t) => text.includes(t));
      })
    : rows;
  const pageRows = matching.slice(page.offset, page.offset + page.limit);
  const refs = await requirementRefsOf(
    db,
    pageRows.map((r) => r.id),
  );
  const items = pageRows.map(({ id, ...r }) => ({ ...r, requirement_refs: refs.get(id) ?? [] }));
  return { items, total: matching.length };
}

/** One article (`14`, `Art. 14`) or annex (`Annex II`) with the requirements, implementing acts and questions on it. */
export async function getArticle(db: Db, number: string) {
  const wanted = provisionNumberOf(number);
  const row = wanted
    ? await db
        .selectFrom('provision')
        .select([...ARTICLE_COLUMNS, 'provision.source'])
        .where('provision.act', '=', EHDS_ACT)
        .where('provision.number', '=', wanted)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound(`Article ${number}`);
  const [citations, implementingActs, questions] = await Promise.all([
    db
      .selectFrom('requirement_provision')
      .innerJoin('requirement', 'requirement.id', 'requirement_provision.requirement_id')
      .innerJoin('assessment', 'assessment.requirement_id', 'requirement.id')
      .select([
        'requirement.ref',
        'requirement.title',
        'requirement.area_code',
        'requirement.deadline',
        'assessment.coverage',
        'assessment.work_status',
        'requirement_provision.pinpoint',
      ])
      .where('requirement_provision.provision_id', '=', row.id)
      .orderBy('requirement_provision.sort_order')
      .execute(),
    db
      .selectFrom('implementing_act')
      .select(['article_paragraph', 'type', 'modality', 'commission_deadline', 'subject', 'source'])
      .where('provision_id', '=', row.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('question_provision')
      .innerJoin('question', 'question.id', 'question_provision.question_id')
      .select([
        'question.ref',
        'question.text',
        'question.status',
        'question.area_code',
        'question.origin',
        'question_provision.pinpoint',
      ])
      .where('question_provision.provision_id', '=', row.id)
      .orderBy('question_provision.pinpoint')
      .execute(),
  ]);
  const requirements = groupPinpoints(citations);
  const { id: _id, ...article } = row;
  return {
    ...article,
    requirement_refs: requirements.map((r) => r.ref),
    requirements,
    implementing_acts: implementingActs,
    questions: groupPinpoints(questions),
  };
}

/** One row per ref, in natural ref order: a requirement citing 14(1)(b) and 14(1)(c) is listed once. */
function groupPinpoints<T extends { ref: string; pinpoint: string }>(rows: T[]) {
  const byRef = new Map<string, Omit<T, 'pinpoint'> & { pinpoints: string[] }>();
  for (const { pinpoint, ...row } of rows) {
    const seen = byRef.get(row.ref);
    if (seen) seen.pinpoints.push(pinpoint);
    else byRef.set(row.ref, { ...row, pinpoints: [pinpoint] });
  }
  return [...byRef.values()]
    .sort((a, b) => compareRefs(a.ref, b.ref))
    .map((r) => ({ ...r, pinpoint: r.pinpoints.join(', ') }));
}
