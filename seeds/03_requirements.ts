/**
 * The requirements of the gap analysis (NUIT 13.02.2025 slides, A5 from the regulation), the Xt-EHR
 * reference groups and their scope, and what the sources say about today's situation.
 * No coverage verdict is set unless a source states one.
 */
import type { Db } from '../schema/db.ts';
import { saveAssessment } from '../server/queries/assessments.ts';
import { createRequirement } from '../server/queries/requirement-writes.ts';
import { getAssessment } from '../server/queries/requirements.ts';
import { AssessmentHintSeed, ReferenceGroupSeed, RequirementSeed, readJson } from './load.ts';

export const SEED_ACTOR = 'seed';

export async function seedRequirements(db: Db) {
  const groups = readJson('reference_groups.json', ReferenceGroupSeed);
  await db
    .insertInto('reference_group')
    .values(
      groups.map(({ requirement_refs: _refs, categories, ...g }) => ({
        ...g,
        categories: categories.join(';'),
      })),
    )
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();

  const existing = new Set((await db.selectFrom('requirement').select('ref').execute()).map((r) => r.ref));
  const created: string[] = [];
  for (const r of readJson('requirements.json', RequirementSeed)) {
    if (existing.has(r.ref)) continue;
    const reference_groups = groups.filter((g) => g.requirement_refs.includes(r.ref)).map((g) => g.name);
    await createRequirement(db, { ...r, reference_groups }, SEED_ACTOR);
    created.push(r.ref);
  }

  // Today's situation as the sources describe it: quoted with the source, never a verdict.
  const hints = readJson('assessment_hints.json', AssessmentHintSeed);
  for (const ref of created) {
    const mine = hints.filter((h) => h.ref === ref);
    if (mine.length === 0) continue;
    const { id } = await db.selectFrom('requirement').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
    const current = await getAssessment(db, id);
    const stated = mine.find((h) => h.coverage)?.coverage;
    await saveAssessment(
      db,
      ref,
      {
        coverage: stated ?? current.coverage,
        work_status: 'in_progress',
        gap_dimensions: [],
        situation: mine.map((h) => `«${h.situation}» (${h.source})`).join('\n\n'),
        gap: '',
        justification: '',
        responsible_organisation_id: null,
        source: [...new Set(mine.map((h) => h.source))].join('; '),
      },
      SEED_ACTOR,
    );
  }
  return created.length;
}
