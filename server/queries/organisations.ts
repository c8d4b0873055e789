/** Organisations that take part in meetings, give input and are responsible for assessments. */
import type { Db } from '../../schema/db.ts';
import { ApiError } from '../lib/errors.ts';
import { searchable, searchTerms } from '../lib/text.ts';
import { diff, recordAudit } from './audit.ts';

export const DEFAULT_ORGANISATION_SOURCE = 'Registrert i ehds-gap';

export interface OrganisationFilters {
  kind?: string;
  q?: string;
}

/**
 * Organisations with how many meetings and inputs they are in. The search runs over the few dozen rows
 * in code, because SQL `lower()`/`LIKE` fold only ASCII and names carry æøå.
 */
export async function listOrganisations(db: Db, f: OrganisationFilters, page: { limit: number; offset: number }) {
  let qb = db
    .selectFrom('organisation')
    .select([
      'organisation.id',
      'organisation.name',
      'organisation.short_name',
      'organisation.kind',
      'organisation.source',
      (eb) =>
        eb
          .selectFrom('meeting_organisation')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('meeting_organisation.organisation_id', '=', 'organisation.id')
          .as('meeting_count'),
      (eb) =>
        eb
          .selectFrom('input')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('input.organisation_id', '=', 'organisation.id')
          .as('input_count'),
    ]);
  if (f.kind) qb = qb.where('organisation.kind', '=', f.kind);
  const rows = await qb.orderBy('organisation.name').execute();
  const terms = searchTerms(f.q);
  const matching = rows
    .filter((r) => {
      const text = searchable(r.name, r.short_name);
      return terms.every((t) => text.includes(t));
    })
    .map((r) => ({ ...r, meeting_count: Number(r.meeting_count ?? 0), input_count: Number(r.input_count ?? 0) }));
  return { items: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
}

export async function getOrganisation(db: Db, id: number) {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewOrganisation {
  name: string;
  short_name?: string | null;
  kind?: string;
  source?: string;
}

/** Adds an organisation; 409 when the name (ignoring case) is taken. Call inside a transaction. */
export async function createOrganisation(db: Db, input: NewOrganisation, actor: string): Promise<number> {
  const wanted = searchable(input.name);
  const names = await db.selectFrom('organisation').select(['id', 'name']).execute();
  const taken = names.find((n) => searchable(n.name) === wanted);
  if (taken) {
    throw new ApiError(409, `Organisation «${taken.name}» already exists`, {
      current: await getOrganisation(db, taken.id),
    });
  }
  const values = {
    name: input.name,
    short_name: input.short_name ?? null,
    kind: input.kind ?? 'other',
    source: input.source ?? DEFAULT_ORGANISATION_SOURCE,
  };
  const { id } = await db.insertInto('organisation').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor,
    entity: 'organisation',
    entityId: id,
    entityRef: values.name,
    action: 'create',
    changes: diff({}, values, ['name', 'short_name', 'kind', 'source']),
  });
  return id;
}
