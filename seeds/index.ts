/**
 * The seed dataset: everything the sources say, loaded into an empty database on first start.
 * Idempotent: each step adds only what is missing, so seeding twice gives the same content and
 * never overwrites an analyst's work.
 */
import type { Db } from '../schema/db.ts';
import { seedRegulation } from './01_regulation.ts';
import { seedEngagement } from './02_engagement.ts';
import { seedRequirements } from './03_requirements.ts';
import { seedQuestions } from './04_questions.ts';
import { seedInputs } from './05_inputs.ts';
import { seedMeasures } from './06_measures.ts';

export interface SeedCounts {
  [table: string]: number;
}

export async function seedDatabase(db: Db): Promise<SeedCounts> {
  await db.transaction().execute(async (trx) => {
    await seedRegulation(trx);
    await seedEngagement(trx);
    await seedRequirements(trx);
    await seedQuestions(trx);
    await seedInputs(trx);
    await seedMeasures(trx);
  });
  return countRows(db);
}

export const COUNTED_TABLES = [
  'area',
  'provision',
  'implementing_act',
  'legal_milestone',
  'plan_milestone',
  'category',
  'requirement',
  'assessment',
  'organisation',
  'meeting',
  'question',
  'input',
  'reference_group',
  'reference_group_requirement',
  'national_solution',
  'measure',
  'measure_requirement',
  'audit_log',
] as const;

export async function countRows(db: Db): Promise<SeedCounts> {
  const counts: SeedCounts = {};
  for (const table of COUNTED_TABLES) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  return counts;
}

/** True when the database holds no analysis yet (first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('requirement').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
