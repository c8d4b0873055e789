/** The regulation's legal dates (Art. 105) and the milestones of the national plan. */
import type { Db } from '../../schema/db.ts';

export async function listMilestones(db: Db) {
  const [legal, plan] = await Promise.all([
    db.selectFrom('legal_milestone').selectAll().orderBy('date').execute(),
    db.selectFrom('plan_milestone').selectAll().orderBy('sort_order').orderBy('id').execute(),
  ]);
  return { legal, plan };
}
