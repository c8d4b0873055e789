/**
 * The traceability matrix: article → requirement → assessment → principle questions → input.
 * Five grouped queries for the whole matrix, whatever its size. Measures and national solutions
 * are meant to join in later as further per-requirement lookups (see `RequirementLinks`).
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../schema/db.ts';
import type { AreaCode, Coverage, Database, QuestionStatus, WorkStatus } from '../../schema/types.ts';
import { compareRefs } from './articles.ts';
import { EHDS_ACT } from './provisions.ts';

export interface TraceFilters {
  /** A1–A5: articles whose area (default or further) it is or that a requirement of the area cites; requirements of the area. */
  area?: AreaCode;
  /** Roman chapter number, `I`–`IX`: articles of the chapter and the requirements citing them. */
  chapter?: string;
}

export interface TraceQuestion {
  ref: string;
  status: QuestionStatus;
}

/** What hangs below a requirement in the chain. Measures and national solutions belong here once they exist. */
interface RequirementLinks {
  questions: TraceQuestion[];
  input_count: number;
  pending_input_count: number;
}

export interface TraceRequirement extends RequirementLinks {
  ref: string;
  title: string;
  area_code: AreaCode;
  deadline: string | null;
  coverage: Coverage;
  work_status: WorkStatus;
  /** How it cites the article: `14(1)(a)`, or several joined with `, `. */
  pinpoint: string;
}

export interface TraceArticle {
  number: string;
  kind: 'article' | 'annex';
  title_en: string;
  title_nb: string | null;
  chapter: string | null;
  chapter_title: string | null;
  section: string | null;
  section_title: string | null;
  area_code: AreaCode | null;
  applies_from: string | null;
  requirements: TraceRequirement[];
}

export interface TraceUnassessed extends RequirementLinks {
  ref: string;
  title: string;
  area_code: AreaCode;
  deadline: string | null;
  work_status: WorkStatus;
  /** Citations as written, in article order. */
  articles: string[];
}

export interface Trace {
  articles: TraceArticle[];
  /** Requirements in scope whose coverage is `not_assessed` (or that have no assessment row). */
  not_assessed: TraceUnassessed[];
  /** Requirements in scope that cite no article at all (only without a chapter filter). */
  without_article: TraceUnassessed[];
  totals: {
    /** Articles and annexes in scope. */
    articles: number;
    /** Of those, the ones no requirement in scope cites. */
    untraced: number;
    /** Requirements in scope. */
    requirements: number;
    /** Of those, the ones not assessed. */
    not_assessed: number;
    /** Article × requirement pairs in the matrix. */
    links: number;
  };
}

type Eb = ExpressionBuilder<Database, 'requirement'>;

/** The requirements a filter selects: of the area, and citing an article of the chapter. */
function requirementInScope(eb: Eb, f: TraceFilters) {
  const conditions = [];
  if (f.area) conditions.push(eb('requirement.area_code', '=', f.area));
  if (f.chapter) {
    const chapter = f.chapter;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('requirement_provision as rp')
          .innerJoin('provision as p', 'p.id', 'rp.provision_id')
          .select('rp.provision_id')
          .whereRef('rp.requirement_id', '=', 'requirement.id')
          .where('p.act', '=', EHDS_ACT)
          .where('p.chapter', '=', chapter),
      ),
    );
  }
  return eb.and(conditions);
}

async function articlesInScope(db: Db, f: TraceFilters) {
  let qb = db.selectFrom('provision').where('provision.act', '=', EHDS_ACT);
  if (f.chapter) qb = qb.where('provision.chapter', '=', f.chapter);
  if (f.area) {
    const area = f.area;
    qb = qb.where((eb) =>
      eb.or([
        eb('provision.area_code', '=', area),
        eb('provision.other_areas', 'like', `%${area}%`),
        eb.exists(
          eb
            .selectFrom('requirement_provision as rp')
            .innerJoin('requirement as r', 'r.id', 'rp.requirement_id')
            .select('rp.provision_id')
            .whereRef('rp.provision_id', '=', 'provision.id')
            .where('r.area_code', '=', area),
        ),
      ]),
    );
  }
  return qb
    .select([
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
      'provision.applies_from',
    ])
    .orderBy((eb) => eb.case().when('provision.kind', '=', 'annex').then(1).else(0).end())
    .orderBy('provision.sort_key')
    .execute();
}

async function requirementsInScope(db: Db, f: TraceFilters) {
  return db
    .selectFrom('requirement')
    .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select([
      'requirement.id',
      'requirement.ref',
      'requirement.title',
      'requirement.area_code',
      'requirement.deadline',
      'assessment.coverage',
      'assessment.work_status',
    ])
    .where((eb) => requirementInScope(eb, f))
    .execute();
}

/** Questions and input counts for many requirements: two grouped queries. */
async function linksOf(db: Db, requirementIds: number[]) {
  const links = new Map<number, RequirementLinks>();
  for (const id of requirementIds) links.set(id, { questions: [], input_count: 0, pending_input_count: 0 });
  if (requirementIds.length === 0) return links;
  const [questions, inputs] = await Promise.all([
    db
      .selectFrom('question_requirement')
      .innerJoin('question', 'question.id', 'question_requirement.question_id')
      .select(['question_requirement.requirement_id', 'question.ref', 'question.status'])
      .where('question_requirement.requirement_id', 'in', requirementIds)
      .execute(),
    db
      .selectFrom('input_requirement')
      .innerJoin('input', 'input.id', 'input_requirement.input_id')
      .select((eb) => [
        'input_requirement.requirement_id',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('input.disposition', '=', 'pending').then(1).else(0).end()).as('pending'),
      ])
      .where('input_requirement.requirement_id', 'in', requirementIds)
      .groupBy('input_requirement.requirement_id')
      .execute(),
  ]);
  for (const q of questions) links.get(q.requirement_id)?.questions.push({ ref: q.ref, status: q.status });
  for (const l of links.values()) l.questions.sort((a, b) => compareRefs(a.ref, b.ref));
  for (const i of inputs) {
    const l = links.get(i.requirement_id);
    if (l) {
      l.input_count = Number(i.n);
      l.pending_input_count = Number(i.pending ?? 0);
    }
  }
  return links;
}

export async function getTrace(db: Db, f: TraceFilters): Promise<Trace> {
  const [articles, requirements] = await Promise.all([articlesInScope(db, f), requirementsInScope(db, f)]);
  const articleIds = articles.map((a) => a.id);
  const requirementIds = requirements.map((r) => r.id);
  const [citations, links] = await Promise.all([
    articleIds.length && requirementIds.length
      ? db
          .selectFrom('requirement_provision')
          .innerJoin('provision', 'provision.id', 'requirement_provision.provision_id')
          .select([
            'requirement_provision.provision_id',
            'requirement_provision.requirement_id',
            'requirement_provision.pinpoint',
            'provision.sort_key',
          ])
          .where('provision.act', '=', EHDS_ACT)
          .where('requirement_provision.requirement_id', 'in', requirementIds)
          .orderBy('provision.sort_key')
          .orderBy('requirement_provision.sort_order')
          .execute()
      : Promise.resolve([]),
    linksOf(db, requirementIds),
  ]);

  const byId = new Map(requirements.map((r) => [r.id, r]));
  const inScope = new Set(articleIds);
  const cells = new Map<string, TraceRequirement>();
  const perArticle = new Map<number, TraceRequirement[]>();
  const citedBy = new Map<number, string[]>();
  for (const c of citations) {
    const r = byId.get(c.requirement_id)!;
    citedBy.set(r.id, [...(citedBy.get(r.id) ?? []), c.pinpoint]);
    if (!inScope.has(c.provision_id)) continue;
    const key = `${c.provision_id}:${c.requirement_id}`;
    const seen = cells.get(key);
    if (seen) {
      seen.pinpoint += `, ${c.pinpoint}`;
      continue;
    }
    const cell: TraceRequirement = {
      ref: r.ref,
      title: r.title,
      area_code: r.area_code,
      deadline: r.deadline,
      coverage: r.coverage ?? 'not_assessed',
      work_status: r.work_status ?? 'todo',
      pinpoint: c.pinpoint,
      ...links.get(r.id)!,
    };
    cells.set(key, cell);
    perArticle.set(c.provision_id, [...(perArticle.get(c.provision_id) ?? []), cell]);
  }

  const rows: TraceArticle[] = articles.map(({ id, ...a }) => ({
    ...a,
    requirements: (perArticle.get(id) ?? []).sort((x, y) => compareRefs(x.ref, y.ref)),
  }));
  const summary = (r: (typeof requirements)[number]): TraceUnassessed => ({
    ref: r.ref,
    title: r.title,
    area_code: r.area_code,
    deadline: r.deadline,
    work_status: r.work_status ?? 'todo',
    articles: citedBy.get(r.id) ?? [],
    ...links.get(r.id)!,
  });
  const sorted = [...requirements].sort((a, b) => compareRefs(a.ref, b.ref));
  const notAssessed = sorted.filter((r) => (r.coverage ?? 'not_assessed') === 'not_assessed').map(summary);
  const withoutArticle = f.chapter ? [] : sorted.filter((r) => !citedBy.has(r.id)).map(summary);

  return {
    articles: rows,
    not_assessed: notAssessed,
    without_article: withoutArticle,
    totals: {
      articles: rows.length,
      untraced: rows.filter((a) => a.requirements.length === 0).length,
      requirements: requirements.length,
      not_assessed: notAssessed.length,
      links: cells.size,
    },
  };
}

/** Questions as `PS-01 (open); NV-03 (decided)`. */
const questionCell = (questions: TraceQuestion[]) => questions.map((q) => `${q.ref} (${q.status})`).join('; ');

export const TRACE_CSV_HEADER = [
  'article',
  'article_title',
  'chapter',
  'section',
  'applies_from',
  'requirement',
  'citation',
  'requirement_title',
  'area',
  'deadline',
  'coverage',
  'work_status',
  'questions',
  'inputs',
  'pending_inputs',
] as const;

/** One row per article × requirement; an untraced article is one row with the requirement columns empty. */
export function traceCsvRows(trace: Trace): string[][] {
  const rows: string[][] = [];
  for (const a of trace.articles) {
    const article = [a.number, a.title_en, a.chapter ?? '', a.section ?? '', a.applies_from ?? ''];
    if (a.requirements.length === 0) {
      rows.push([...article, '', '', '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const r of a.requirements) {
      rows.push([
        ...article,
        r.ref,
        r.pinpoint,
        r.title,
        r.area_code,
        r.deadline ?? '',
        r.coverage,
        r.work_status,
        questionCell(r.questions),
        String(r.input_count),
        String(r.pending_input_count),
      ]);
    }
  }
  return rows;
}
