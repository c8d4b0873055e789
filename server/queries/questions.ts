/** Principle questions (prinsipielle spørsmål): listing with filters, one with its links, create and update. */
import type { Db } from '../../schema/db.ts';
import type { AreaCode, QuestionStatus } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { containsTerm, now, searchable, searchTerms } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';
import { provisionNumberOf, resolvePinpoints } from './provisions.ts';

export const QUESTION_ORIGINS = ['analysis', 'discretion'] as const;
export type QuestionOrigin = (typeof QUESTION_ORIGINS)[number];

/** Prefix of the refs the analysts' own questions get; `NV-` refs come from the regulation's discretion points. */
const NEW_QUESTION_PREFIX = 'PS-';

export interface QuestionFilters {
  area?: AreaCode;
  status?: QuestionStatus;
  origin?: QuestionOrigin;
  /** Requirement ref the question is linked to. */
  requirement?: string;
  /** Article number (`14`) or citation (`14(1)(a)`) the question cites. */
  article?: string;
  q?: string;
}

/** The object without its `undefined` fields, so that spreading a patch never blanks a field. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Parses the stored JSON array of options; anything else reads as no options. */
export function parseOptions(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

/** Ids for requirement refs; 400 naming every ref that does not exist. */
export async function requirementIdsByRef(db: Db, refs: string[], field = 'requirement_refs') {
  const wanted = [...new Set(refs)];
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom('requirement').select(['id', 'ref']).where('ref', 'in', wanted).execute();
  const unknown = wanted.filter((r) => !rows.some((row) => row.ref === r));
  if (unknown.length) throw new ApiError(400, `Unknown requirement: ${unknown.join(', ')}`, { field, unknown });
  return rows.map((r) => r.id);
}

/** Ids for question refs; 400 naming every ref that does not exist. */
export async function questionIdsByRef(db: Db, refs: string[], field = 'question_refs') {
  const wanted = [...new Set(refs)];
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom('question').select(['id', 'ref']).where('ref', 'in', wanted).execute();
  const unknown = wanted.filter((r) => !rows.some((row) => row.ref === r));
  if (unknown.length) throw new ApiError(400, `Unknown question: ${unknown.join(', ')}`, { field, unknown });
  return rows.map((r) => r.id);
}

function filteredQuestions(db: Db, f: QuestionFilters) {
  let qb = db.selectFrom('question');
  if (f.area) qb = qb.where('question.area_code', '=', f.area);
  if (f.status) qb = qb.where('question.status', '=', f.status);
  if (f.origin) qb = qb.where('question.origin', '=', f.origin);
  if (f.requirement) {
    const ref = f.requirement;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('question_requirement')
          .innerJoin('requirement', 'requirement.id', 'question_requirement.requirement_id')
          .select('question_requirement.question_id')
          .whereRef('question_requirement.question_id', '=', 'question.id')
          .where('requirement.ref', '=', ref),
      ),
    );
  }
  if (f.article) {
    const number = provisionNumberOf(f.article) ?? f.article.trim();
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('question_provision')
          .innerJoin('provision', 'provision.id', 'question_provision.provision_id')
          .select('question_provision.question_id')
          .whereRef('question_provision.question_id', '=', 'question.id')
          .where('provision.number', '=', number),
      ),
    );
  }
  for (const term of searchTerms(f.q)) {
    qb = qb.where(containsTerm('question.search_text', term));
  }
  return qb;
}

/** Requirement refs, citations and input counts of many questions: three queries for the whole page. */
async function linksOf(db: Db, ids: number[]) {
  const requirementRefs = new Map<number, string[]>();
  const articles = new Map<number, string[]>();
  const inputCounts = new Map<number, number>();
  if (ids.length === 0) return { requirementRefs, articles, inputCounts };
  const [reqs, arts, counts] = await Promise.all([
    db
      .selectFrom('question_requirement')
      .innerJoin('requirement', 'requirement.id', 'question_requirement.requirement_id')
      .select(['question_requirement.question_id', 'requirement.ref'])
      .where('question_requirement.question_id', 'in', ids)
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('question_provision')
      .innerJoin('provision', 'provision.id', 'question_provision.provision_id')
      .select(['question_provision.question_id', 'question_provision.pinpoint'])
      .where('question_provision.question_id', 'in', ids)
      .orderBy('provision.sort_key')
      .orderBy('question_provision.pinpoint')
      .execute(),
    db
      .selectFrom('input_question')
      .select(['question_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('question_id', 'in', ids)
      .groupBy('question_id')
      .execute(),
  ]);
  for (const r of reqs) requirementRefs.set(r.question_id, [...(requirementRefs.get(r.question_id) ?? []), r.ref]);
  for (const a of arts) articles.set(a.question_id, [...(articles.get(a.question_id) ?? []), a.pinpoint]);
  for (const c of counts) inputCounts.set(c.question_id, Number(c.n));
  return { requirementRefs, articles, inputCounts };
}

const QUESTION_COLUMNS = [
  'question.id',
  'question.ref',
  'question.text',
  'question.area_code',
  'question.status',
  'question.origin',
  'question.options',
  'question.decision',
  'question.rationale',
  'question.consequences',
  'question.decision_owner',
  'question.source',
  'question.version',
  'question.created_at',
  'question.updated_at',
] as const;

export async function listQuestions(db: Db, filters: QuestionFilters, page: { limit: number; offset: number }) {
  const filtered = filteredQuestions(db, filters);
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await filtered
    .select(QUESTION_COLUMNS)
    .orderBy('question.origin')
    .orderBy('question.ref')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    ...r,
    options: parseOptions(r.options),
    requirement_refs: links.requirementRefs.get(r.id) ?? [],
    articles: links.articles.get(r.id) ?? [],
    input_count: links.inputCounts.get(r.id) ?? 0,
  }));
  return { items, total: Number(total) };
}

/** One question with its requirements (and their coverage), cited articles and the input about it. */
export async function getQuestion(db: Db, ref: string) {
  const row = await db.selectFrom('question').select(QUESTION_COLUMNS).where('ref', '=', ref).executeTakeFirst();
  if (!row) throw notFound(`Question ${ref}`);
  const [requirements, articles, inputs] = await Promise.all([
    db
      .selectFrom('question_requirement')
      .innerJoin('requirement', 'requirement.id', 'question_requirement.requirement_id')
      .leftJoin('assessment', 'assessment.requirement_id', 'requirement.id')
      .select([
        'requirement.ref',
        'requirement.title',
        'requirement.area_code',
        'requirement.deadline',
        'assessment.coverage',
      ])
      .where('question_requirement.question_id', '=', row.id)
      .orderBy('requirement.ref')
      .execute(),
    db
      .selectFrom('question_provision')
      .innerJoin('provision', 'provision.id', 'question_provision.provision_id')
      .select(['question_provision.pinpoint', 'provision.number', 'provision.title_en', 'provision.applies_from'])
      .where('question_provision.question_id', '=', row.id)
      .orderBy('provision.sort_key')
      .orderBy('question_provision.pinpoint')
      .execute(),
    db
      .selectFrom('input_question')
      .innerJoin('input', 'input.id', 'input_question.input_id')
      .leftJoin('organisation', 'organisation.id', 'input.organisation_id')
      .select([
        'input.id',
        'input.text',
        'input.type',
        'input.disposition',
        'input.disposition_reason',
        'input.source',
        'organisation.name as organisation',
      ])
      .where('input_question.question_id', '=', row.id)
      .orderBy('input.id')
      .execute(),
  ]);
  return {
    ...row,
    options: parseOptions(row.options),
    requirements: requirements.map((r) => ({ ...r, coverage: r.coverage ?? 'not_assessed' })),
    articles,
    inputs,
  };
}

/** What a writer may set on a question; also the shape the audit log compares. */
export interface QuestionInput {
  text: string;
  area: AreaCode | null;
  status: QuestionStatus;
  options: string[];
  decision: string;
  rationale: string;
  consequences: string;
  decision_owner: string;
  requirement_refs: string[];
  articles: string[];
  source: string;
}

const QUESTION_FIELDS: (keyof QuestionInput)[] = [
  'text',
  'area',
  'status',
  'options',
  'decision',
  'rationale',
  'consequences',
  'decision_owner',
  'requirement_refs',
  'articles',
  'source',
];

const searchTextOf = (ref: string, q: QuestionInput) =>
  searchable(ref, q.text, ...q.options, q.decision, q.rationale, q.consequences, q.decision_owner);

export function checkQuestionRules(q: Pick<QuestionInput, 'status' | 'decision'>) {
  if (q.status === 'decided' && q.decision.trim() === '') {
    throw new ApiError(400, 'Status «decided» (Besluttet) needs a decision', {
      issues: [{ field: 'decision', message: 'Required when status is decided' }],
    });
  }
}

async function questionState(db: Db, id: number): Promise<QuestionInput> {
  const row = await db.selectFrom('question').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const links = await linksOf(db, [id]);
  return {
    text: row.text,
    area: row.area_code,
    status: row.status,
    options: parseOptions(row.options),
    decision: row.decision,
    rationale: row.rationale,
    consequences: row.consequences,
    decision_owner: row.decision_owner,
    requirement_refs: links.requirementRefs.get(id) ?? [],
    articles: links.articles.get(id) ?? [],
    source: row.source,
  };
}

/**
 * Checks and normalises links the way they are stored and read back: requirement refs sorted, citations
 * normalised (`Art. 14(1)(A)` → `14(1)(a)`) in article order. A citation the question already has is kept
 * as written, so that seeded ones like `6 2nd para` survive an edit. 400 naming unknown refs or citations.
 */
async function resolveLinks(db: Db, q: Pick<QuestionInput, 'requirement_refs' | 'articles'>, questionId?: number) {
  const requirementIds = await requirementIdsByRef(db, q.requirement_refs);
  const existing = questionId
    ? await db
        .selectFrom('question_provision')
        .select(['pinpoint', 'provision_id as provisionId'])
        .where('question_id', '=', questionId)
        .execute()
    : [];
  const kept = existing.filter((e) => q.articles.includes(e.pinpoint));
  const { resolved, unknown } = await resolvePinpoints(
    db,
    q.articles.filter((a) => !kept.some((k) => k.pinpoint === a)),
  );
  if (unknown.length) throw new ApiError(400, `Unknown article: ${unknown.join(', ')}`, { field: 'articles', unknown });
  const all = [...kept, ...resolved.filter((r) => !kept.some((k) => k.pinpoint === r.pinpoint))];
  const sortKeys = new Map<number, number>();
  if (all.length) {
    const rows = await db
      .selectFrom('provision')
      .select(['id', 'sort_key'])
      .where(
        'id',
        'in',
        all.map((r) => r.provisionId),
      )
      .execute();
    for (const r of rows) sortKeys.set(r.id, r.sort_key);
  }
  const provisions = all.sort(
    (a, b) =>
      (sortKeys.get(a.provisionId) ?? 0) - (sortKeys.get(b.provisionId) ?? 0) ||
      (a.pinpoint < b.pinpoint ? -1 : a.pinpoint > b.pinpoint ? 1 : 0),
  );
  return {
    requirementIds,
    provisions,
    requirement_refs: [...new Set(q.requirement_refs)].sort(),
    articles: provisions.map((p) => p.pinpoint),
  };
}

/** Replaces a question's requirement and article links with resolved ones. */
async function writeLinks(db: Db, id: number, links: Awaited<ReturnType<typeof resolveLinks>>) {
  await db.deleteFrom('question_requirement').where('question_id', '=', id).execute();
  await db.deleteFrom('question_provision').where('question_id', '=', id).execute();
  if (links.requirementIds.length) {
    await db
      .insertInto('question_requirement')
      .values(links.requirementIds.map((requirement_id) => ({ question_id: id, requirement_id })))
      .execute();
  }
  if (links.provisions.length) {
    await db
      .insertInto('question_provision')
      .values(links.provisions.map((r) => ({ question_id: id, provision_id: r.provisionId, pinpoint: r.pinpoint })))
      .execute();
  }
}

/** The next free `PS-nn` ref: one above the highest in use, at least two digits. */
export async function nextQuestionRef(db: Db): Promise<string> {
  const rows = await db.selectFrom('question').select('ref').where('ref', 'like', `${NEW_QUESTION_PREFIX}%`).execute();
  const highest = rows.reduce((max, { ref }) => {
    const n = /^PS-(\d+)$/.exec(ref);
    return n ? Math.max(max, Number(n[1])) : max;
  }, 0);
  return `${NEW_QUESTION_PREFIX}${String(highest + 1).padStart(2, '0')}`;
}

export type NewQuestion = Pick<QuestionInput, 'text'> & Partial<QuestionInput>;

/** Creates an analysis question with the next `PS-nn` ref; returns the ref. Call inside a transaction. */
export async function createQuestion(db: Db, input: NewQuestion, actor: string): Promise<string> {
  const q: QuestionInput = {
    area: null,
    status: 'open',
    options: [],
    decision: '',
    rationale: '',
    consequences: '',
    decision_owner: '',
    requirement_refs: [],
    articles: [],
    source: 'Registrert i ehds-gap',
    ...defined(input),
    text: input.text,
  };
  checkQuestionRules(q);
  const links = await resolveLinks(db, q);
  const ref = await nextQuestionRef(db);
  const at = now();
  const { id } = await db
    .insertInto('question')
    .values({
      ref,
      text: q.text,
      area_code: q.area,
      status: q.status,
      options: JSON.stringify(q.options),
      decision: q.decision,
      rationale: q.rationale,
      consequences: q.consequences,
      decision_owner: q.decision_owner,
      origin: 'analysis',
      source: q.source,
      search_text: searchTextOf(ref, q),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(db, id, links);
  const after = await questionState(db, id);
  await recordAudit(db, {
    actor,
    entity: 'question',
    entityId: id,
    entityRef: ref,
    action: 'create',
    changes: diff({}, after, QUESTION_FIELDS),
  });
  return ref;
}

/**
 * Changes a question. `expectedVersion` is the version the writer read; a stale one gets 409 with the
 * question as it is now, and nothing is written. Call inside a transaction.
 */
export async function updateQuestion(
  db: Db,
  ref: string,
  patch: Partial<QuestionInput>,
  actor: string,
  expectedVersion: number,
): Promise<void> {
  const row = await db.selectFrom('question').select(['id', 'version']).where('ref', '=', ref).executeTakeFirst();
  if (!row) throw notFound(`Question ${ref}`);
  if (row.version !== expectedVersion) {
    throw new ApiError(
      409,
      `Question ${ref} was changed by someone else (version ${row.version}, you read ${expectedVersion})`,
      { current: await getQuestion(db, ref) },
    );
  }
  const before = await questionState(db, row.id);
  const merged: QuestionInput = { ...before, ...defined(patch) };
  checkQuestionRules(merged);
  const relinks = patch.requirement_refs !== undefined || patch.articles !== undefined;
  const links = relinks ? await resolveLinks(db, merged, row.id) : null;
  const after: QuestionInput = links
    ? { ...merged, requirement_refs: links.requirement_refs, articles: links.articles }
    : merged;
  const changes = diff(before, after, QUESTION_FIELDS);
  if (Object.keys(changes).length === 0) return;
  if (links && (changes.requirement_refs || changes.articles)) await writeLinks(db, row.id, links);
  const result = await db
    .updateTable('question')
    .set({
      text: after.text,
      area_code: after.area,
      status: after.status,
      options: JSON.stringify(after.options),
      decision: after.decision,
      rationale: after.rationale,
      consequences: after.consequences,
      decision_owner: after.decision_owner,
      source: after.source,
      search_text: searchTextOf(ref, after),
      version: row.version + 1,
      updated_at: now(),
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new ApiError(409, `Question ${ref} was changed while you saved`, { current: await getQuestion(db, ref) });
  }
  await recordAudit(db, {
    actor,
    entity: 'question',
    entityId: row.id,
    entityRef: ref,
    action: 'update',
    changes,
  });
}
