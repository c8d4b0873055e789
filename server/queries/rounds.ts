/**
 * Consultation rounds (høringsrunder) of the Xt-EHR reference groups: a group, a title (the EU draft it is
 * about), opening and closing dates, a scope of requirements, and a status draft → open → closed.
 * A round takes input while it is open and its closing date has not passed (Norwegian calendar).
 */
import type { Db } from '../../schema/db.ts';
import type { ConsultationRound, Coverage, RoundStatus } from '../../schema/types.ts';
import { notFound } from '../lib/errors.ts';
import { splitList } from './requirements.ts';
import { listVersions, loadVersionSnapshot } from './versions.ts';

const osloDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' });
/** Today's date in Norway, `YYYY-MM-DD`. */
export const todayOslo = (at = new Date()) => osloDate.format(at);

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

export function acceptsInput(round: Pick<ConsultationRound, 'status' | 'closes_on'>, today = todayOslo()): boolean {
  return round.status === 'open' && today <= round.closes_on;
}

/** Days from today to the closing date (0 on the last day), for an open round; null otherwise. */
export function daysLeft(round: Pick<ConsultationRound, 'status' | 'closes_on'>, today = todayOslo()): number | null {
  if (round.status !== 'open') return null;
  return Math.max(0, dayNumber(round.closes_on) - dayNumber(today));
}

export interface RoundFilters {
  reference_group?: number;
  status?: RoundStatus;
  /** Only these rounds (a member's). */
  ids?: number[];
}

async function countsOf(db: Db, ids: number[]) {
  const scope = new Map<number, string[]>();
  const inputs = new Map<number, number>();
  const covered = new Map<number, number>();
  if (ids.length === 0) return { scope, inputs, covered };
  const [refs, inputRows, coveredRows] = await Promise.all([
    db
      .selectFrom('round_requirement')
      .innerJoin('requirement', 'requirement.id', 'round_requirement.requirement_id')
      .select(['round_requirement.round_id', 'requirement.ref'])
      .where('round_requirement.round_id', 'in', ids)
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('input')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', ids)
      .groupBy('round_id')
      .execute(),
    // Requirements of the scope that have at least one input in the round.
    db
      .selectFrom('round_requirement')
      .select(['round_requirement.round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_requirement.round_id', 'in', ids)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('input_requirement')
            .innerJoin('input', 'input.id', 'input_requirement.input_id')
            .select('input.id')
            .whereRef('input.round_id', '=', 'round_requirement.round_id')
            .whereRef('input_requirement.requirement_id', '=', 'round_requirement.requirement_id'),
        ),
      )
      .groupBy('round_requirement.round_id')
      .execute(),
  ]);
  for (const r of refs) scope.set(r.round_id, [...(scope.get(r.round_id) ?? []), r.ref]);
  for (const r of inputRows) if (r.round_id !== null) inputs.set(r.round_id, Number(r.n));
  for (const r of coveredRows) covered.set(r.round_id, Number(r.n));
  return { scope, inputs, covered };
}

const ROUND_COLUMNS = [
  'consultation_round.id',
  'consultation_round.reference_group_id',
  'reference_group.name as reference_group',
  'consultation_round.title',
  'consultation_round.description',
  'consultation_round.opens_on',
  'consultation_round.closes_on',
  'consultation_round.status',
  'consultation_round.created_by',
  'consultation_round.version',
  'consultation_round.created_at',
  'consultation_round.updated_at',
] as const;

function selectRounds(db: Db) {
  return db
    .selectFrom('consultation_round')
    .innerJoin('reference_group', 'reference_group.id', 'consultation_round.reference_group_id');
}

type RoundRow = Awaited<ReturnType<typeof fetchRows>>[number];
const fetchRows = (db: Db, f: RoundFilters) => {
  let qb = selectRounds(db);
  if (f.reference_group !== undefined) qb = qb.where('consultation_round.reference_group_id', '=', f.reference_group);
  if (f.status) qb = qb.where('consultation_round.status', '=', f.status);
  if (f.ids)
    qb = f.ids.length ? qb.where('consultation_round.id', 'in', f.ids) : qb.where('consultation_round.id', '=', -1);
  return qb
    .select(ROUND_COLUMNS)
    .orderBy('consultation_round.opens_on', 'desc')
    .orderBy('consultation_round.id', 'desc')
    .execute();
};

async function views(db: Db, rows: RoundRow[]) {
  const counts = await countsOf(
    db,
    rows.map((r) => r.id),
  );
  const today = todayOslo();
  return rows.map((r) => {
    const refs = counts.scope.get(r.id) ?? [];
    const withInput = counts.covered.get(r.id) ?? 0;
    return {
      ...r,
      accepting_input: acceptsInput(r, today),
      days_left: daysLeft(r, today),
      requirement_refs: refs,
      scope_count: refs.length,
      input_count: counts.inputs.get(r.id) ?? 0,
      requirements_with_input: withInput,
      input_share: refs.length ? withInput / refs.length : 0,
    };
  });
}

export type RoundView = Awaited<ReturnType<typeof views>>[number];

export async function listRounds(db: Db, f: RoundFilters, page: { limit: number; offset: number }) {
  const rows = await fetchRows(db, f);
  return { items: await views(db, rows.slice(page.offset, page.offset + page.limit)), total: rows.length };
}

/** One round; 404 when it does not exist or is not in `visible` (a member's rounds). */
export async function getRound(db: Db, id: number, visible?: number[]): Promise<RoundView> {
  if (visible && !visible.includes(id)) throw notFound(`Round ${id}`);
  const rows = await fetchRows(db, { ids: [id] });
  const row = rows[0];
  if (!row) throw notFound(`Round ${id}`);
  return (await views(db, [row]))[0] as RoundView;
}

/** The round with its status, for the input rules. */
export async function roundForInput(db: Db, id: number) {
  const round = await db
    .selectFrom('consultation_round')
    .innerJoin('reference_group', 'reference_group.id', 'consultation_round.reference_group_id')
    .select([
      'consultation_round.id',
      'consultation_round.title',
      'consultation_round.status',
      'consultation_round.closes_on',
      'consultation_round.reference_group_id',
      'reference_group.name as reference_group',
    ])
    .where('consultation_round.id', '=', id)
    .executeTakeFirst();
  return round;
}

export async function roundScopeIds(db: Db, id: number): Promise<number[]> {
  const rows = await db.selectFrom('round_requirement').select('requirement_id').where('round_id', '=', id).execute();
  return rows.map((r) => r.requirement_id);
}

export type AssessmentSource = { kind: 'version'; name: string; date: string } | { kind: 'now' };

interface PublishedAssessment {
  coverage: Coverage;
  gap_dimensions: string[];
  situation: string;
  gap: string;
  justification: string;
}

/** The assessments of the newest frozen version, parsed once per version (a snapshot is the whole analysis). */
let publishedCache: { hash: string; byRequirement: Map<number, PublishedAssessment> } | undefined;

/**
 * What a round shows of each requirement's assessment: the newest frozen version's (the published
 * analysis), or, before any version is frozen, the assessment as it is now.
 */
async function publishedAssessments(
  db: Db,
  ids: number[],
): Promise<{ source: AssessmentSource; byRequirement: Map<number, PublishedAssessment> }> {
  const versions = await listVersions(db);
  const newest = versions.at(-1);
  if (newest) {
    if (publishedCache?.hash !== newest.content_hash) {
      const snapshot = await loadVersionSnapshot(db, newest.name);
      const byRequirement = new Map<number, PublishedAssessment>();
      for (const a of snapshot.tables.assessment ?? []) {
        byRequirement.set(a.requirement_id, {
          coverage: a.coverage,
          gap_dimensions: splitList(a.gap_dimensions),
          situation: a.situation,
          gap: a.gap,
          justification: a.justification,
        });
      }
      publishedCache = { hash: newest.content_hash, byRequirement };
    }
    return {
      source: { kind: 'version', name: newest.name, date: newest.date },
      byRequirement: publishedCache.byRequirement,
    };
  }
  const rows = ids.length
    ? await db
        .selectFrom('assessment')
        .select(['requirement_id', 'coverage', 'gap_dimensions', 'situation', 'gap', 'justification'])
        .where('requirement_id', 'in', ids)
        .execute()
    : [];
  return {
    source: { kind: 'now' },
    byRequirement: new Map(rows.map((a) => [a.requirement_id, { ...a, gap_dimensions: splitList(a.gap_dimensions) }])),
  };
}

/** The requirements in a round's scope with their articles, published assessment and how much input each has. */
export async function roundRequirements(db: Db, roundId: number) {
  const requirements = await db
    .selectFrom('round_requirement')
    .innerJoin('requirement', 'requirement.id', 'round_requirement.requirement_id')
    .select([
      'requirement.id',
      'requirement.ref',
      'requirement.area_code',
      'requirement.title',
      'requirement.title_en',
      'requirement.description',
      'requirement.deadline',
    ])
    .where('round_requirement.round_id', '=', roundId)
    .execute();
  const ids = requirements.map((r) => r.id);
  const [articles, inputCounts, published] = await Promise.all([
    ids.length
      ? db
          .selectFrom('requirement_provision')
          .innerJoin('provision', 'provision.id', 'requirement_provision.provision_id')
          .select([
            'requirement_provision.requirement_id',
            'requirement_provision.pinpoint',
            'provision.number',
            'provision.kind',
            'provision.title_en',
          ])
          .where('requirement_provision.requirement_id', 'in', ids)
          .orderBy('requirement_provision.sort_order')
          .execute()
      : [],
    ids.length
      ? db
          .selectFrom('input_requirement')
          .innerJoin('input', 'input.id', 'input_requirement.input_id')
          .select(['input_requirement.requirement_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('input.round_id', '=', roundId)
          .groupBy('input_requirement.requirement_id')
          .execute()
      : [],
    publishedAssessments(db, ids),
  ]);
  const counts = new Map(inputCounts.map((r) => [r.requirement_id, Number(r.n)]));
  const items = requirements
    .map((r) => ({
      ref: r.ref,
      area_code: r.area_code,
      title: r.title,
      title_en: r.title_en,
      description: r.description,
      deadline: r.deadline,
      articles: articles.filter((a) => a.requirement_id === r.id).map(({ requirement_id: _id, ...a }) => a),
      assessment: published.byRequirement.get(r.id) ?? null,
      input_count: counts.get(r.id) ?? 0,
    }))
    .sort((a, b) => compareRefs(a.ref, b.ref));
  return { assessment_source: published.source, items };
}

/** A1-02 < A1-10 < A2-01. */
export function compareRefs(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
