/**
 * The traceability matrix: article → requirement → assessment → principle questions → measures →
 * national solutions → input. Seven grouped queries for the whole matrix, whatever its size. A
 * requirement's national solutions are those of its measures.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../schema/db.ts';
import type { AreaCode, Coverage, Database, MeasureStatus, QuestionStatus, WorkStatus } from '../../schema/types.ts';
import { compareNb } from '../lib/text.ts';
import { compareRefs } from './articles.ts';
import { EHDS_ACT } from './provisions.ts';
import { decideRisk, measureInTime, type RiskReason } from './risk.ts';

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

export interface TraceMeasure {
  id: number;
  title: string;
  status: MeasureStatus;
  planned_end: string | null;
  /** Not stopped and planned to end on or before the requirement's deadline (risk.ts). */
  in_time: boolean;
}

export interface TraceSolution {
  id: number;
  name: string;
}

/** What hangs below a requirement in the chain. */
interface RequirementLinks {
  questions: TraceQuestion[];
  /** Measures addressing the requirement, by planned end (none last), then title. */
  measures: TraceMeasure[];
  /** National solutions of those measures, each once, by name. */
  solutions: TraceSolution[];
  input_count: number;
  pending_input_count: number;
  /** Deadline risk (risk.ts): not covered, and no measure that counts ends in time. */
  at_risk: boolean;
  at_risk_reason: RiskReason | null;
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

type ScopedRequirement = Awaited<ReturnType<typeof requirementsInScope>>[number];

const compareMeasures = (a: TraceMeasure, b: TraceMeasure) =>
  (a.planned_end ?? '9999').localeCompare(b.planned_end ?? '9999') || compareNb(a.title, b.title) || a.id - b.id;

/** Questions, measures, national solutions and input counts for many requirements: four grouped queries. */
async function linksOf(db: Db, requirements: ScopedRequirement[]) {
  const links = new Map<number, RequirementLinks>();
  for (const r of requirements) {
    links.set(r.id, {
      questions: [],
      measures: [],
      solutions: [],
      input_count: 0,
      pending_input_count: 0,
      at_risk: false,
      at_risk_reason: null,
    });
  }
  const requirementIds = requirements.map((r) => r.id);
  if (requirementIds.length === 0) return links;
  const [questions, inputs, measures, solutions] = await Promise.all([
    db
      .selectFrom('question_requirement')
      .innerJoin('question', 'question.id', 'question_requirement.question_id')
      .select(['question_requirement.requirement_id', 'question.ref', 'question.status'])
      .where('question_requirement.requirement_id', 'in', requirementIds)
      .execute(),
    db
      .selectFrom('input_requirement')
      // Pending input by id from the disposition index, rather than each input's row read for its disposition:
      // the links alone answer the count (migration 0005's covering index).
      .select((eb) => [
        'input_requirement.requirement_id',
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(
                'input_requirement.input_id',
                'in',
                eb.selectFrom('input').select('input.id').where('input.disposition', '=', 'pending'),
              )
              .then(1)
              .else(0)
              .end(),
          )
          .as('pending'),
      ])
      .where('input_requirement.requirement_id', 'in', requirementIds)
      .groupBy('input_requirement.requirement_id')
      .execute(),
    db
      .selectFrom('measure_requirement')
      .innerJoin('measure', 'measure.id', 'measure_requirement.measure_id')
      .select([
        'measure_requirement.requirement_id',
        'measure.id',
        'measure.title',
        'measure.status',
        'measure.planned_end',
      ])
      .where('measure_requirement.requirement_id', 'in', requirementIds)
      .execute(),
    db
      .selectFrom('measure_requirement')
      .innerJoin('measure_solution', 'measure_solution.measure_id', 'measure_requirement.measure_id')
      .innerJoin('national_solution', 'national_solution.id', 'measure_solution.solution_id')
      .select(['measure_requirement.requirement_id', 'national_solution.id', 'national_solution.name'])
      .where('measure_requirement.requirement_id', 'in', requirementIds)
      .distinct()
      .execute(),
  ]);
  const deadlines = new Map(requirements.map((r) => [r.id, r.deadline]));
  for (const q of questions) links.get(q.requirement_id)?.questions.push({ ref: q.ref, status: q.status });
  for (const m of measures) {
    links.get(m.requirement_id)?.measures.push({
      id: m.id,
      title: m.title,
      status: m.status,
      planned_end: m.planned_end,
      in_time: measureInTime(m, deadlines.get(m.requirement_id) ?? null),
    });
  }
  for (const s of solutions) {
    const l = links.get(s.requirement_id);
    if (l && !l.solutions.some((x) => x.id === s.id)) l.solutions.push({ id: s.id, name: s.name });
  }
  for (const i of inputs) {
    const l = links.get(i.requirement_id);
    if (l) {
      l.input_count = Number(i.n);
      l.pending_input_count = Number(i.pending ?? 0);
    }
  }
  for (const r of requirements) {
    const l = links.get(r.id)!;
    l.questions.sort((a, b) => compareRefs(a.ref, b.ref));
    l.measures.sort(compareMeasures);
    l.solutions.sort((a, b) => compareNb(a.name, b.name));
    Object.assign(l, decideRisk(r.coverage, r.deadline, l.measures));
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
    linksOf(db, requirements),
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

/** Measures as `PLL (planned, 2028-12-31, in_time); Kritisk info (proposed, no_end, late)`. */
const measureCell = (measures: TraceMeasure[]) =>
  measures
    .map((m) => `${m.title} (${m.status}, ${m.planned_end ?? 'no_end'}, ${m.in_time ? 'in_time' : 'late'})`)
    .join('; ');

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
  'measures',
  'national_solutions',
  'at_risk',
  'at_risk_reason',
] as const;

/**
 * One row per article × requirement; an untraced article is one row with the requirement columns empty.
 * New columns go at the end, so that a sheet built on the older export keeps its column letters.
 */
export function traceCsvRows(trace: Trace): string[][] {
  const rows: string[][] = [];
  for (const a of trace.articles) {
    const article = [a.number, a.title_en, a.chapter ?? '', a.section ?? '', a.applies_from ?? ''];
    if (a.requirements.length === 0) {
      rows.push([...article, ...Array<string>(TRACE_CSV_HEADER.length - article.length).fill('')]);
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
        measureCell(r.measures),
        r.solutions.map((s) => s.name).join('; '),
        String(r.at_risk),
        r.at_risk_reason ?? '',
      ]);
    }
  }
  return rows;
}
