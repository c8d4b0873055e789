/**
 * Principle questions: the gap analysis' own (PS-nn, verbatim from the slides and minutes) and the
 * points where the regulation lets or makes Norway choose (NV-nn, one per national-discretion point).
 */
import type { Db } from '../schema/db.ts';
import { now, searchable } from '../server/lib/text.ts';
import { recordAudit } from '../server/queries/audit.ts';
import { EHDS_ACT, normalisePinpoint, provisionNumberOf } from '../server/queries/provisions.ts';
import { AREA_OF_THEME } from './01_regulation.ts';
import { SEED_ACTOR } from './03_requirements.ts';
import { QuestionSeed, readCsv, readJson } from './load.ts';

interface NewQuestion {
  ref: string;
  text: string;
  area: 'A1' | 'A2' | 'A3' | 'A4' | 'A5' | null;
  requirementRefs: string[];
  /** [article number, pinpoint as cited]. */
  provisions: [string, string][];
  options: string[];
  origin: 'analysis' | 'discretion';
  source: string;
}

async function insertQuestion(db: Db, q: NewQuestion) {
  const exists = await db.selectFrom('question').select('id').where('ref', '=', q.ref).executeTakeFirst();
  if (exists) return false;
  const at = now();
  const { id } = await db
    .insertInto('question')
    .values({
      ref: q.ref,
      text: q.text,
      area_code: q.area,
      status: 'open',
      options: JSON.stringify(q.options),
      decision: '',
      rationale: '',
      consequences: '',
      decision_owner: '',
      origin: q.origin,
      source: q.source,
      search_text: searchable(q.ref, q.text),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (q.requirementRefs.length) {
    const reqs = await db
      .selectFrom('requirement')
      .select(['id', 'ref'])
      .where('ref', 'in', q.requirementRefs)
      .execute();
    const missing = q.requirementRefs.filter((r) => !reqs.some((x) => x.ref === r));
    if (missing.length) throw new Error(`question ${q.ref}: unknown requirement ${missing.join(', ')}`);
    await db
      .insertInto('question_requirement')
      .values(reqs.map((r) => ({ question_id: id, requirement_id: r.id })))
      .execute();
  }
  for (const [number, pinpoint] of q.provisions) {
    const provision = await db
      .selectFrom('provision')
      .select('id')
      .where('act', '=', EHDS_ACT)
      .where('number', '=', number)
      .executeTakeFirst();
    if (!provision) throw new Error(`question ${q.ref}: unknown article ${number}`);
    await db
      .insertInto('question_provision')
      .values({ question_id: id, provision_id: provision.id, pinpoint })
      .onConflict((oc) => oc.columns(['question_id', 'pinpoint']).doNothing())
      .execute();
  }
  await recordAudit(db, {
    actor: SEED_ACTOR,
    entity: 'question',
    entityId: id,
    entityRef: q.ref,
    action: 'create',
    changes: { text: [null, q.text], source: [null, q.source] },
  });
  return true;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Requirements that cite an article, for tying a national-choice point to the analysis. */
async function requirementsCiting(db: Db, number: string) {
  const rows = await db
    .selectFrom('requirement_provision')
    .innerJoin('provision', 'provision.id', 'requirement_provision.provision_id')
    .innerJoin('requirement', 'requirement.id', 'requirement_provision.requirement_id')
    .select('requirement.ref')
    .where('provision.number', '=', number)
    .distinct()
    .execute();
  return rows.map((r) => r.ref);
}

export async function seedQuestions(db: Db) {
  let created = 0;
  const analysis = readJson('questions.json', QuestionSeed);
  for (const [i, q] of analysis.entries()) {
    const provisions = q.articles.map((a): [string, string] => {
      const number = provisionNumberOf(a);
      if (!number) throw new Error(`question «${q.text}»: bad article ${a}`);
      return [number, normalisePinpoint(a) ?? a];
    });
    if (
      await insertQuestion(db, {
        ref: `PS-${pad(i + 1)}`,
        text: q.text,
        area: q.area,
        requirementRefs: q.requirement_refs,
        provisions,
        options: q.options,
        origin: 'analysis',
        source: q.source,
      })
    )
      created++;
  }
  for (const [i, row] of readCsv('ehds-national-discretion.csv').entries()) {
    const number = row.article!;
    if (
      await insertQuestion(db, {
        ref: `NV-${pad(i + 1)}`,
        text: row.principle_question!,
        area: AREA_OF_THEME[row.area!] ?? null,
        requirementRefs: await requirementsCiting(db, number),
        provisions: [[number, row.paragraph!]],
        options: [],
        origin: 'discretion',
        source: `Forordning (EU) 2025/327 art. ${row.paragraph} (${row.modality})`,
      })
    )
      created++;
  }
  return created;
}
