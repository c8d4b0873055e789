/**
 * The benchmark dataset, written through the project's own write functions (createRequirement,
 * saveAssessment, createMeasure, createInput, setDisposition, freezeVersion, createUser) into a SQLite
 * file, in transactions of a few hundred writes. Only what the project has no write function for is
 * inserted with plain Kysely: the articles of other acts, and requirements' citations of them
 * (createRequirement resolves citations of the EHDS regulation only).
 *
 * Run alone: `tsx test/bench/generate.ts FILE` (BENCH_SCALE=0.1 for a tenth).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import type { Db } from '../../schema/db.ts';
import { migrate, openDb } from '../../schema/db.ts';
import { AREA_CODES, CATEGORIES, type Coverage, GAP_DIMENSIONS, INPUT_TYPES } from '../../schema/types.ts';
import { seedDatabase } from '../../seeds/index.ts';
import { saveAssessment } from '../../server/queries/assessments.ts';
import { createInput, setDisposition } from '../../server/queries/inputs.ts';
import { createMeasure } from '../../server/queries/measures.ts';
import { EHDS_ACT } from '../../server/queries/provisions.ts';
import { createRequirement } from '../../server/queries/requirement-writes.ts';
import { getAssessment } from '../../server/queries/requirements.ts';
import { LEAVES, type LeafValues } from '../../server/queries/scoring.ts';
import { createUser } from '../../server/queries/users.ts';
import { freezeVersion } from '../../server/queries/versions.ts';
import {
  gapText,
  inputText,
  measureDescription,
  measureTitle,
  type Random,
  random,
  requirementDescription,
  requirementTitle,
  situationText,
} from './text.ts';

export const BENCH_ADMIN = { email: 'bench-admin@ehds-gap.test', password: 'benchmark-passord-æøå-2025' };
const ACTOR = 'bench';

/** Totals at scale 1, counted with the seed's own rows. */
export const FULL = { requirements: 6000, articles: 600, inputs: 60_000, measures: 2000, versions: 20, users: 50 };

export type Counts = Omit<typeof FULL, 'articles'>;

/** `BENCH_SCALE=0.1` gives a tenth of the rows (versions and users stay as they are). */
export function countsAt(scale: number): Counts {
  const n = (v: number) => Math.max(1, Math.round(v * scale));
  return {
    requirements: n(FULL.requirements),
    inputs: n(FULL.inputs),
    measures: n(FULL.measures),
    versions: FULL.versions,
    users: FULL.users,
  };
}

/** Other acts the analysis cites, with their real article counts; filled up to the article target in order. */
const OTHER_ACTS = [
  { act: 'EU 2016/679', short: 'GDPR', articles: 99, title: 'Personvernforordningen' },
  { act: 'EU 2024/1689', short: 'AI Act', articles: 113, title: 'KI-forordningen' },
  { act: 'EU 2022/2555', short: 'NIS2', articles: 46, title: 'NIS2-direktivet' },
  { act: 'EU 2017/745', short: 'MDR', articles: 123, title: 'Forordningen om medisinsk utstyr' },
  { act: 'EU 2023/2854', short: 'Data Act', articles: 50, title: 'Dataforordningen' },
  { act: 'EU 2022/868', short: 'DGA', articles: 38, title: 'Datastyringsforordningen' },
  { act: 'EU 2024/1183', short: 'eIDAS2', articles: 60, title: 'eIDAS-forordningen' },
];

const DEADLINES = ['2027-03-26', '2029-03-26', '2031-03-26', '2035-03-26', null] as const;
const COVERAGE_MIX: [Coverage, number][] = [
  ['covered', 25],
  ['partially_covered', 30],
  ['not_covered', 20],
  ['not_applicable', 5],
  ['not_assessed', 20],
];

type Step = (trx: Db, i: number) => Promise<void>;

/** Runs `step` for 0…n-1 in transactions of `batch` steps. */
async function inBatches(db: Db, n: number, batch: number, step: Step) {
  for (let start = 0; start < n; start += batch) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(n, start + batch); i++) await step(trx, i);
    });
  }
}

async function addArticlesOfOtherActs(db: Db, r: Random, wanted: number) {
  const rows = [];
  for (const act of OTHER_ACTS) {
    for (let n = 1; n <= act.articles && rows.length < wanted; n++) {
      rows.push({
        act: act.act,
        number: String(n),
        kind: 'article' as const,
        sort_key: n,
        title_en: `${act.short} Article ${n}`,
        title_nb: `${act.title} artikkel ${n}`,
        chapter: null,
        chapter_title: null,
        section: null,
        section_title: null,
        area_code: r.pick(AREA_CODES),
        other_areas: null,
        applies_from: null,
        applies_note: null,
        source: `${act.title} (${act.act}) art. ${n}`,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('provision')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}

function assessmentOf(r: Random, coverage: Coverage) {
  return {
    coverage,
    work_status: r.pick(['todo', 'in_progress', 'in_review', 'done'] as const),
    gap_dimensions: r.some(GAP_DIMENSIONS, 0, 3),
    situation: coverage === 'not_assessed' ? '' : situationText(r),
    gap: coverage === 'covered' || coverage === 'not_assessed' ? '' : gapText(r),
    justification: coverage === 'not_applicable' ? 'Gjelder ikke for Norge som EØS-land før innlemmelse.' : '',
    responsible_organisation_id: null,
  };
}

function leavesOf(r: Random): LeafValues | undefined {
  const kind = r.weighted([
    ['full', 8],
    ['partial', 1],
    ['none', 1],
  ] as const);
  if (kind === 'none') return undefined;
  return Object.fromEntries(
    LEAVES.map((leaf) => [leaf, kind === 'partial' && r.next() < 0.3 ? null : r.int(0, 10)]),
  ) as LeafValues;
}

export interface Generated {
  file: string;
  seconds: number;
  counts: Record<string, number>;
  /** Bytes of the database file (without WAL) when done. */
  bytes: number;
  phases: { name: string; seconds: number }[];
}

export async function generateDataset(file: string, scale: number, log = console.log): Promise<Generated> {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
  const want = countsAt(scale);
  const r = random(20250327);
  const started = performance.now();
  const phases: { name: string; seconds: number }[] = [];
  let mark = started;
  const phase = (name: string) => {
    const t = performance.now();
    phases.push({ name, seconds: (t - mark) / 1000 });
    log(`  ${name}: ${((t - mark) / 1000).toFixed(1)} s`);
    mark = t;
  };

  const { db, sqlite } = openDb(file);
  // The dataset is rebuilt on every run; losing it in a power cut costs nothing. The server opens the
  // file with its own (FULL) setting.
  sqlite.pragma('synchronous = OFF');
  await migrate(db);
  await seedDatabase(db);
  phase('seed');

  await db.transaction().execute(async (trx) => {
    await createUser(trx, { ...BENCH_ADMIN, name: 'Benchmark-administrator', role: 'admin' }, ACTOR);
    const orgs = (await trx.selectFrom('organisation').select('id').execute()).map((o) => o.id);
    for (let i = 1; i < want.users; i++) {
      const role = r.weighted([
        ['analyst', 4],
        ['viewer', 3],
        ['reference_member', 3],
      ] as const);
      await createUser(
        trx,
        {
          email: `bruker${i}@helsedir.test`,
          name: `Bruker ${i} Ødegård-Æsøy`,
          role,
          organisation_id: role === 'reference_member' ? r.pick(orgs) : null,
          password: `passord-for-bruker-${i}`,
        },
        ACTOR,
      );
    }
  });
  phase(`${want.users} users`);

  const ehdsArticles = await db
    .selectFrom('provision')
    .select(['id', 'number'])
    .where('act', '=', EHDS_ACT)
    .where('kind', '=', 'article')
    .execute();
  // The EHDS articles are the seed's; the other acts' share scales with the rest.
  const otherWanted = Math.max(0, Math.round((FULL.articles - ehdsArticles.length) * scale));
  await addArticlesOfOtherActs(db, r, otherWanted);
  const otherArticles = await db
    .selectFrom('provision')
    .select(['id', 'act', 'number'])
    .where('act', '!=', EHDS_ACT)
    .execute();
  const shortOf = new Map(OTHER_ACTS.map((a) => [a.act, a.short]));
  phase(`${otherArticles.length} articles of other acts`);

  const groups = (await db.selectFrom('reference_group').select('name').execute()).map((g) => g.name);
  const seeded = await db.selectFrom('requirement').select(['id', 'ref']).execute();
  const newRequirements = Math.max(0, want.requirements - seeded.length);
  const refs: string[] = seeded.map((s) => s.ref);
  // Four-digit numbers (the ref rule allows two to four): the seed's refs have two, and refs up to three digits
  // would leave room for only 5 × 990 requirements.
  const refOf = (i: number) => `${AREA_CODES[i % 5]}-${1000 + Math.floor(i / 5)}`;
  await inBatches(db, newRequirements, 300, async (trx, i) => {
    const ref = refOf(i);
    const area = AREA_CODES[i % 5]!;
    const cited = r.some(ehdsArticles, 1, 3).map((a) => {
      const shape = r.int(0, 2);
      return shape === 0
        ? a.number
        : shape === 1
          ? `${a.number}(${r.int(1, 6)})`
          : `${a.number}(1)(${r.pick(['a', 'b', 'c', 'd'])})`;
    });
    const deadline = r.pick(DEADLINES);
    const id = await createRequirement(
      trx,
      {
        ref,
        area,
        group: `Gruppe ${area}.${r.int(1, 12)}`,
        title: requirementTitle(r),
        title_en: r.next() < 0.5 ? `Requirement ${ref} on health data` : null,
        description: requirementDescription(r),
        articles: cited,
        categories: r.some(CATEGORIES, 0, 2),
        deadline,
        deadline_note: deadline ? null : 'Avhenger av gjennomføringsrettsakt',
        national_choice: r.next() < 0.15,
        reference_groups: r.next() < 0.3 ? r.some(groups, 1, 2) : [],
        source: `Syntetisk krav ${ref} (benchmark)`,
      },
      ACTOR,
    );
    // Cross-references to other acts: every requirement cites the EHDS, about half also another act.
    const others = r.next() < 0.5 ? r.some(otherArticles, 1, 2) : [];
    if (others.length) {
      await trx
        .insertInto('requirement_provision')
        .values(
          others.map((a, k) => ({
            requirement_id: id,
            provision_id: a.id,
            pinpoint: `${shortOf.get(a.act)} ${a.number}(${r.int(1, 4)})`,
            sort_order: 10 + k,
          })),
        )
        .execute();
    }
    refs.push(ref);
  });
  phase(`${newRequirements} requirements`);

  // A first assessment of every new requirement; later rounds of changes come between the versions.
  await inBatches(db, refs.length, 300, async (trx, i) => {
    const ref = refs[i]!;
    if (i < seeded.length) return;
    const coverage = r.weighted(COVERAGE_MIX);
    if (coverage === 'not_assessed' && r.next() < 0.5) return;
    await saveAssessment(trx, ref, assessmentOf(r, coverage), ACTOR);
  });
  phase('assessments');

  const solutions = (await db.selectFrom('national_solution').select('id').execute()).map((s) => s.id);
  const seededMeasures = Number(
    (
      await db
        .selectFrom('measure')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const newMeasures = Math.max(0, want.measures - seededMeasures);
  await inBatches(db, newMeasures, 200, async (trx, i) => {
    const leaves = leavesOf(r);
    const start = `${r.int(2025, 2030)}-${String(r.int(1, 12)).padStart(2, '0')}-01`;
    const end = r.next() < 0.85 ? `${Number(start.slice(0, 4)) + r.int(0, 5)}-12-31` : null;
    await createMeasure(
      trx,
      {
        title: measureTitle(r, i + 1),
        description: measureDescription(r),
        status: r.weighted([
          ['proposed', 3],
          ['planned', 3],
          ['in_progress', 2],
          ['done', 1],
          ['stopped', 1],
        ] as const),
        planned_start: start,
        planned_end: end,
        ...(r.next() < 0.5
          ? { cost_estimate_nok: r.int(1, 500) * 100_000, cost_estimate_year: 2025 }
          : { cost_estimate_nok: null, cost_estimate_year: null }),
        requirements: r.some(refs, 1, 5).map((ref) => ({ ref, link_note: 'Tiltaket lukker deler av gapet' })),
        solution_ids: r.next() < 0.4 ? r.some(solutions, 1, 2) : [],
        source: 'Syntetisk tiltak (benchmark)',
      },
      ACTOR,
      leaves && { leaves, notes: { needs_met: 'Vurdert i arbeidsmøte' } },
    );
  });
  phase(`${newMeasures} measures`);

  const organisations = (await db.selectFrom('organisation').select('id').execute()).map((o) => o.id);
  const meetings = (await db.selectFrom('meeting').select('id').execute()).map((m) => m.id);
  const questions = (await db.selectFrom('question').select('ref').execute()).map((q) => q.ref);
  const seededInputs = (await db.selectFrom('input').select('id').execute()).length;
  const newInputs = Math.max(0, want.inputs - seededInputs);
  const perVersion = Math.ceil(newInputs / want.versions);
  let inputsMade = 0;
  let inputSeconds = 0;
  let versionSeconds = 0;
  let changeSeconds = 0;
  for (let v = 1; v <= want.versions; v++) {
    let t = performance.now();
    const count = Math.min(perVersion, newInputs - inputsMade);
    await inBatches(db, count, 500, async (trx) => {
      const id = await createInput(
        trx,
        {
          text: inputText(r),
          type: r.pick(INPUT_TYPES),
          area: r.next() < 0.7 ? r.pick(AREA_CODES) : null,
          requirement_refs: r.some(refs, 1, 3),
          question_refs: r.next() < 0.1 ? [r.pick(questions)] : [],
          organisation_id: r.next() < 0.8 ? r.pick(organisations) : null,
          meeting_id: r.next() < 0.3 ? r.pick(meetings) : null,
          author: r.next() < 0.5 ? `Saksbehandler ${r.int(1, 400)}` : null,
          source: 'Høringsinnspill (benchmark)',
        },
        ACTOR,
      );
      if (r.next() < 0.4) {
        const disposition = r.pick(['accepted', 'partially_accepted', 'rejected', 'noted'] as const);
        await setDisposition(trx, id, { disposition, reason: 'Vurdert i møte i arbeidsgruppen' }, ACTOR, 1);
      }
    });
    inputsMade += count;
    inputSeconds += (performance.now() - t) / 1000;

    // The analysis moves on between versions: a few per cent of the assessments change.
    t = performance.now();
    const changed = r.some(refs, Math.ceil(refs.length * 0.02), Math.ceil(refs.length * 0.05));
    await inBatches(db, changed.length, 300, async (trx, i) => {
      const ref = changed[i]!;
      const { id } = await trx.selectFrom('requirement').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
      const current = await getAssessment(trx, id);
      const coverage = r.weighted(COVERAGE_MIX);
      await saveAssessment(trx, ref, assessmentOf(r, coverage), ACTOR, current.version);
    });
    changeSeconds += (performance.now() - t) / 1000;

    t = performance.now();
    const month = v - 1;
    const date = `${2025 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15`;
    await freezeVersion(db, { name: `V${(v / 10).toFixed(1)}`, date, note: `Versjon ${v} (benchmark)` }, ACTOR);
    versionSeconds += (performance.now() - t) / 1000;
    log(`  version ${v}/${want.versions}: ${inputsMade} inputs so far`);
  }
  phases.push({ name: `${newInputs} inputs`, seconds: inputSeconds });
  phases.push({ name: 'assessment changes between versions', seconds: changeSeconds });
  phases.push({ name: `${want.versions} versions frozen`, seconds: versionSeconds });
  mark = performance.now();

  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const counts: Record<string, number> = {};
  for (const table of [
    'requirement',
    'provision',
    'requirement_provision',
    'assessment',
    'input',
    'input_requirement',
    'measure',
    'measure_requirement',
    'analysis_version',
    'app_user',
    'audit_log',
  ] as const) {
    const { n } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(n);
  }
  await db.destroy();
  return { file, seconds: (performance.now() - started) / 1000, counts, bytes: statSync(file).size, phases };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? '/tmp/ehds-bench.db';
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const result = await generateDataset(file, scale);
  console.log(result);
}
