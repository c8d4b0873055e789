/** Xt-EHR reference groups: which priority categories and requirements are in each group's scope. */
import type { Db } from '../../schema/db.ts';
import type { Category } from '../../schema/types.ts';
import { notFound } from '../lib/errors.ts';

const splitCategories = (value: string) => value.split(';').filter((c): c is Category => c.length > 0);

async function requirementRefsOf(db: Db, ids: number[]) {
  const refs = new Map<number, string[]>();
  if (ids.length === 0) return refs;
  const rows = await db
    .selectFrom('reference_group_requirement')
    .innerJoin('requirement', 'requirement.id', 'reference_group_requirement.requirement_id')
    .select(['reference_group_requirement.reference_group_id as group_id', 'requirement.ref'])
    .where('reference_group_requirement.reference_group_id', 'in', ids)
    .orderBy('requirement.ref')
    .execute();
  for (const r of rows) refs.set(r.group_id, [...(refs.get(r.group_id) ?? []), r.ref]);
  return refs;
}

export async function listReferenceGroups(db: Db, page: { limit: number; offset: number }) {
  const [{ total }, rows] = await Promise.all([
    db
      .selectFrom('reference_group')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('reference_group').selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute(),
  ]);
  const refs = await requirementRefsOf(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    ...r,
    categories: splitCategories(r.categories),
    requirement_refs: refs.get(r.id) ?? [],
  }));
  return { items, total: Number(total) };
}

/** One group with the requirements in its scope and how far their assessment has come. */
export async function getReferenceGroup(db: Db, id: number) {
  const row = await db.selectFrom('reference_group').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Reference group ${id}`);
  const requirements = await db
    .selectFrom('reference_group_requirement')
    .innerJoin('requirement', 'requirement.id', 'reference_group_requirement.requirement_id')
    .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
    .select([
      'requirement.ref',
      'requirement.title',
      'requirement.area_code',
      'requirement.deadline',
      'assessment.coverage',
      'assessment.work_status',
    ])
    .where('reference_group_requirement.reference_group_id', '=', id)
    .orderBy('requirement.ref')
    .execute();
  return {
    ...row,
    categories: splitCategories(row.categories),
    requirement_refs: requirements.map((r) => r.ref),
    requirements: requirements.map((r) => ({
      ...r,
      coverage: r.coverage ?? 'not_assessed',
      work_status: r.work_status ?? 'todo',
    })),
  };
}
