/** The dashboard's figures, each from one grouped query rather than one query per row. */
import type { Db } from '../../schema/db.ts';
import { AREA_CODES, type AreaCode, COVERAGE, type Coverage, QUESTION_STATUS } from '../../schema/types.ts';
import { EHDS_ACT } from './provisions.ts';
import { riskOf } from './risk.ts';
import { listRounds } from './rounds.ts';

/** The dates by which parts of the regulation apply (Art. 105), after its entry into force. */
export const DUE_DATES = ['2027-03-26', '2029-03-26', '2031-03-26', '2035-03-26'] as const;

/** Coverage that needs no further work by the deadline. */
const DONE_COVERAGE: readonly Coverage[] = ['covered', 'not_applicable'];

const zeroCounts = () => Object.fromEntries(COVERAGE.map((c) => [c, 0])) as Record<Coverage, number>;

export async function getDashboard(db: Db) {
  const [coverageRows, dueRows, milestoneRows, questionRows, pending, articleRows, risks, rounds] = await Promise.all([
    db
      .selectFrom('requirement')
      .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
      .select(['requirement.area_code', 'assessment.coverage', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['requirement.area_code', 'assessment.coverage'])
      .execute(),
    db
      .selectFrom('requirement')
      .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
      .select(['requirement.ref', 'requirement.deadline', 'assessment.coverage'])
      .where('requirement.deadline', 'in', [...DUE_DATES])
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('legal_milestone')
      .select(['date', 'title_nb', 'title_en'])
      .where('date', 'in', [...DUE_DATES])
      .execute(),
    db
      .selectFrom('question')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('input')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('disposition', '=', 'pending')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('provision')
      .select([
        'provision.number',
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('requirement_provision')
                .select('requirement_provision.requirement_id')
                .whereRef('requirement_provision.provision_id', '=', 'provision.id'),
            )
            .as('traced'),
      ])
      .where('provision.act', '=', EHDS_ACT)
      .where('provision.kind', '=', 'article')
      .orderBy('provision.sort_key')
      .execute(),
    riskOf(db),
    listRounds(db, { status: 'open' }, { limit: 100, offset: 0 }),
  ]);

  const byArea = new Map<AreaCode, Record<Coverage, number>>(AREA_CODES.map((a) => [a, zeroCounts()]));
  for (const row of coverageRows) {
    const counts = byArea.get(row.area_code);
    if (counts) counts[row.coverage ?? 'not_assessed'] += Number(row.n);
  }
  const coverage_by_area = AREA_CODES.map((area) => {
    const counts = byArea.get(area)!;
    return { area, counts, total: COVERAGE.reduce((sum, c) => sum + counts[c], 0) };
  });

  const due_not_covered = DUE_DATES.map((date) => {
    const due = dueRows.filter((r) => r.deadline === date);
    const open = due.filter((r) => !DONE_COVERAGE.includes(r.coverage ?? 'not_assessed'));
    const milestone = milestoneRows.find((m) => m.date === date);
    return {
      date,
      title_nb: milestone?.title_nb ?? null,
      title_en: milestone?.title_en ?? null,
      total: due.length,
      not_covered: open.length,
      refs: open.map((r) => r.ref),
    };
  });

  const questions = Object.fromEntries(QUESTION_STATUS.map((s) => [s, 0])) as Record<
    (typeof QUESTION_STATUS)[number],
    number
  >;
  for (const row of questionRows) if (row.status in questions) questions[row.status] += Number(row.n);

  const atRisk = [...risks.values()].filter((r) => r.at_risk).sort((a, b) => (a.ref < b.ref ? -1 : 1));
  const at_risk_by_deadline = DUE_DATES.map((date) => {
    const due = atRisk.filter((r) => r.deadline === date);
    return {
      date,
      at_risk: due.length,
      no_measure: due.filter((r) => r.at_risk_reason === 'no_measure').length,
      late_measures: due.filter((r) => r.at_risk_reason === 'late_measures').length,
      refs: due.map((r) => r.ref),
    };
  });

  const untraced = articleRows.filter((a) => !a.traced).map((a) => a.number);
  return {
    coverage_by_area,
    due_not_covered,
    questions: { ...questions, total: QUESTION_STATUS.reduce((sum, s) => sum + questions[s], 0) },
    inputs_pending: Number(pending.n),
    not_assessed: coverage_by_area.reduce((sum, a) => sum + a.counts.not_assessed, 0),
    at_risk_by_deadline,
    at_risk_total: atRisk.length,
    open_rounds: rounds.items
      .map((r) => ({
        id: r.id,
        title: r.title,
        reference_group: r.reference_group,
        closes_on: r.closes_on,
        days_left: r.days_left ?? 0,
        accepting_input: r.accepting_input,
        scope_count: r.scope_count,
        requirements_with_input: r.requirements_with_input,
        input_count: r.input_count,
        input_share: r.input_share,
      }))
      .sort((a, b) => a.closes_on.localeCompare(b.closes_on)),
    totals: {
      requirements: coverage_by_area.reduce((sum, a) => sum + a.total, 0),
      articles: articleRows.length,
      untraced_articles: untraced.length,
      untraced_article_numbers: untraced,
    },
  };
}
