/** Requirements (krav), write side: create and update with their links, search text and audit. */
import type { Db } from '../../schema/db.ts';
import type { AreaCode, Category } from '../../schema/types.ts';
import { ApiError } from '../lib/errors.ts';
import { now, searchable } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { normalisePinpoint, resolvePinpoints } from './provisions.ts';
import { findRequirementId } from './requirements.ts';

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
