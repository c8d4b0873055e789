/**
 * National solutions and portfolio projects the sources name, with owner, status and end date only where a
 * source gives them; and the measures Nasjonalt e-helsestyre scored on 8 June 2022, with every leaf and note
 * of the sheet. Columns of the sheet that used an older formula keep that formula and the sheet's figure.
 */
import { z } from 'zod';
import type { Db } from '../schema/db.ts';
import { MEASURE_STATUS, SOLUTION_KINDS, SOLUTION_STATUS } from '../schema/types.ts';
import { createMeasure } from '../server/queries/measures.ts';
import { FORMULA_VERSIONS, LEAVES, type Leaf } from '../server/queries/scoring.ts';
import { createSolution } from '../server/queries/solutions.ts';
import { organisationIds } from './02_engagement.ts';
import { SEED_ACTOR } from './03_requirements.ts';
import { readJson } from './load.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SolutionSeed = z.object({
  seed_key: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(SOLUTION_KINDS),
  description: z.string(),
  owner: z.string().nullable(),
  owner_note: z.string(),
  status: z.enum(SOLUTION_STATUS).nullable(),
  status_note: z.string(),
  planned_end: date.nullable(),
  planned_end_note: z.string(),
  source: z.string().min(1),
});

const leafValue = z.number().int().min(0).max(10).nullable();

export const MeasureSeed = z.object({
  seed_key: z.string().min(1),
  title: z.string().min(1),
  description: z.string(),
  status: z.enum(MEASURE_STATUS),
  leaves: z.strictObject(Object.fromEntries(LEAVES.map((l) => [l, leafValue])) as Record<Leaf, typeof leafValue>),
  notes: z.partialRecord(z.enum(LEAVES), z.string()),
  formula_version: z.enum(FORMULA_VERSIONS),
  sheet_score: z.number().nullable(),
  sheet_rank: z.number().int().nullable(),
  score_note: z.string(),
  requirements: z.array(z.object({ ref: z.string(), link_note: z.string().min(1) })),
  solutions: z.array(z.string()),
  source: z.string().min(1),
});

async function seedKeys(db: Db, table: 'measure' | 'national_solution') {
  const rows = await db.selectFrom(table).select(['id', 'seed_key']).where('seed_key', 'is not', null).execute();
  return new Map(rows.map((r) => [r.seed_key!, r.id]));
}

export async function seedMeasures(db: Db) {
  let created = 0;
  const orgIds = await organisationIds(db);
  const existingSolutions = await seedKeys(db, 'national_solution');
  const names = new Set((await db.selectFrom('national_solution').select('name').execute()).map((r) => r.name));
  for (const { seed_key, owner, ...s } of readJson('solutions.json', SolutionSeed)) {
    if (existingSolutions.has(seed_key) || names.has(s.name)) continue;
    const ownerId = owner === null ? null : orgIds.get(owner);
    if (ownerId === undefined) throw new Error(`solution ${s.name}: unknown organisation ${owner}`);
    await createSolution(db, { ...s, owner_organisation_id: ownerId }, SEED_ACTOR, seed_key);
    created++;
  }

  const solutionIds = await seedKeys(db, 'national_solution');
  const existingMeasures = await seedKeys(db, 'measure');
  for (const m of readJson('measures.json', MeasureSeed)) {
    if (existingMeasures.has(m.seed_key)) continue;
    const solution_ids = m.solutions.map((key) => {
      const id = solutionIds.get(key);
      if (id === undefined) throw new Error(`measure ${m.title}: unknown national solution ${key}`);
      return id;
    });
    await createMeasure(
      db,
      {
        title: m.title,
        description: m.description,
        status: m.status,
        source: m.source,
        requirements: m.requirements,
        solution_ids,
      },
      SEED_ACTOR,
      { leaves: m.leaves, notes: m.notes },
      {
        seed_key: m.seed_key,
        formula_version: m.formula_version,
        score_note: m.score_note,
        sheet_score: m.sheet_score,
        sheet_rank: m.sheet_rank,
      },
    );
    created++;
  }
  return created;
}
