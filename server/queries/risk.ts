/**
 * Deadline risk: a requirement is at risk when it is neither covered nor not applicable, and no measure
 * addresses it in time. A measure counts when it is not stopped; it is in time when its planned end is on
 * or before the requirement's legal deadline (a measure without an end date is not in time). A requirement
 * without a legal deadline is in time with any measure that counts.
 * The same rule is written twice, once in SQL (filters, counts) and once in code (decideRisk); tests pin both.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../schema/db.ts';
import type { Coverage, Database, MeasureStatus } from '../../schema/types.ts';

export const RISK_REASONS = ['no_measure', 'late_measures'] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/** Coverage that needs no measure. */
export const SETTLED_COVERAGE: readonly Coverage[] = ['covered', 'not_applicable'];

export interface Risk {
  at_risk: boolean;
  at_risk_reason: RiskReason | null;
}

/** Whether one measure counts, and is in time, for a requirement with this deadline. */
export function measureInTime(measure: { status: MeasureStatus; planned_end: string | null }, deadline: string | null) {
  if (measure.status === 'stopped') return false;
  if (deadline === null) return true;
  return measure.planned_end !== null && measure.planned_end <= deadline;
}

/** The rule in code, for one requirement and its linked measures. */
export function decideRisk(
  coverage: Coverage | null,
  deadline: string | null,
  measures: { status: MeasureStatus; planned_end: string | null }[],
): Risk {
  if (coverage !== null && SETTLED_COVERAGE.includes(coverage)) return { at_risk: false, at_risk_reason: null };
  const counting = measures.filter((m) => m.status !== 'stopped');
  if (counting.length === 0) return { at_risk: true, at_risk_reason: 'no_measure' };
  if (counting.some((m) => measureInTime(m, deadline))) return { at_risk: false, at_risk_reason: null };
  return { at_risk: true, at_risk_reason: 'late_measures' };
}

type RequirementScope = ExpressionBuilder<Database, 'requirement'>;

/** SQL: the requirement (in the outer query) has a measure that counts. */
export function countingMeasureExists(eb: RequirementScope) {
  return eb.exists(
    eb
      .selectFrom('measure_requirement')
      .innerJoin('measure', 'measure.id', 'measure_requirement.measure_id')
      .select('measure_requirement.measure_id')
      .whereRef('measure_requirement.requirement_id', '=', 'requirement.id')
      .where('measure.status', '!=', 'stopped'),
  );
}

/** SQL: the requirement (in the outer query) has a measure that counts and ends in time. ISO dates compare as text. */
export function inTimeMeasureExists(eb: RequirementScope) {
  return eb.exists(
    eb
      .selectFrom('measure_requirement')
      .innerJoin('measure', 'measure.id', 'measure_requirement.measure_id')
      .select('measure_requirement.measure_id')
      .whereRef('measure_requirement.requirement_id', '=', 'requirement.id')
      .where('measure.status', '!=', 'stopped')
      .where((w) =>
        w.or([
          w('requirement.deadline', 'is', null),
          w.and([
            w('measure.planned_end', 'is not', null),
            w('measure.planned_end', '<=', w.ref('requirement.deadline')),
          ]),
        ]),
      ),
  );
}

/** SQL condition for the list filter `at_risk=true|false`, on a query that joins `assessment`. */
export function atRiskCondition(eb: ExpressionBuilder<Database, 'requirement' | 'assessment'>, atRisk: boolean) {
  const unsettled = eb.or([
    eb('assessment.coverage', 'is', null),
    eb('assessment.coverage', 'not in', [...SETTLED_COVERAGE]),
  ]);
  return atRisk
    ? eb.and([unsettled, eb.not(inTimeMeasureExists(eb))])
    : eb.or([eb.not(unsettled), inTimeMeasureExists(eb)]);
}

/** The two flags the rule needs, as columns of a query over `requirement` (no extra query per row). */
export const riskColumns = (eb: RequirementScope) =>
  [countingMeasureExists(eb).as('has_measure'), inTimeMeasureExists(eb).as('has_measure_in_time')] as const;

/** The rule applied to a row carrying the coverage and the two flags of riskColumns(). */
export function riskFromFlags(row: {
  coverage: Coverage | null;
  has_measure: unknown;
  has_measure_in_time: unknown;
}): Risk {
  if (row.coverage !== null && SETTLED_COVERAGE.includes(row.coverage)) return { at_risk: false, at_risk_reason: null };
  if (!truthy(row.has_measure)) return { at_risk: true, at_risk_reason: 'no_measure' };
  if (truthy(row.has_measure_in_time)) return { at_risk: false, at_risk_reason: null };
  return { at_risk: true, at_risk_reason: 'late_measures' };
}

/** Risk of many requirements in one query (all of them, for the dashboard, or some). */
export async function riskOf(db: Db, requirementIds?: number[]): Promise<Map<number, Risk & RiskRow>> {
  if (requirementIds && requirementIds.length === 0) return new Map();
  let qb = db
    .selectFrom('requirement')
    .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select((eb) => [
      'requirement.id',
      'requirement.ref',
      'requirement.deadline',
      'assessment.coverage',
      ...riskColumns(eb),
    ]);
  if (requirementIds) qb = qb.where('requirement.id', 'in', requirementIds);
  const rows = await qb.execute();
  return new Map(rows.map((r) => [r.id, { ...riskFromFlags(r), ref: r.ref, deadline: r.deadline }]));
}

interface RiskRow {
  ref: string;
  deadline: string | null;
}

/** SQLite answers EXISTS with 0/1, PostgreSQL with a boolean. */
const truthy = (v: unknown) => v === true || v === 1 || v === '1';
