/** Meetings (forankringsmøter): when, which forum, who took part, which areas, and the input they produced. */
import type { Db } from '../../schema/db.ts';
import type { AreaCode } from '../../schema/types.ts';
import { AREA_CODES } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { diff, recordAudit } from './audit.ts';

export const DEFAULT_MEETING_SOURCE = 'Registrert i ehds-gap';

export interface MeetingFilters {
  /** On or after this date. */
  from?: string;
  /** On or before this date. */
  to?: string;
  forum?: string;
  organisation?: number;
  area?: AreaCode;
}

function filteredMeetings(db: Db, f: MeetingFilters) {
  let qb = db.selectFrom('meeting');
  if (f.from) qb = qb.where('meeting.date', '>=', f.from);
  if (f.to) qb = qb.where('meeting.date', '<=', f.to);
  if (f.forum) qb = qb.where('meeting.forum', '=', f.forum);
  if (f.organisation !== undefined) {
    const organisation = f.organisation;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('meeting_organisation')
          .select('meeting_organisation.meeting_id')
          .whereRef('meeting_organisation.meeting_id', '=', 'meeting.id')
          .where('meeting_organisation.organisation_id', '=', organisation),
      ),
    );
  }
  if (f.area) {
    const area = f.area;
    qb = qb.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('meeting_area')
          .select('meeting_area.meeting_id')
          .whereRef('meeting_area.meeting_id', '=', 'meeting.id')
          .where('meeting_area.area_code', '=', area),
      ),
    );
  }
  return qb;
}

/** Organisations, areas and input counts of many meetings: three queries for the whole page. */
async function linksOf(db: Db, ids: number[]) {
  const organisations = new Map<number, { id: number; name: string; short_name: string | null }[]>();
  const areas = new Map<number, AreaCode[]>();
  const inputCounts = new Map<number, number>();
  if (ids.length === 0) return { organisations, areas, inputCounts };
  const [orgs, areaRows, counts] = await Promise.all([
    db
      .selectFrom('meeting_organisation')
      .innerJoin('organisation', 'organisation.id', 'meeting_organisation.organisation_id')
      .select(['meeting_organisation.meeting_id', 'organisation.id', 'organisation.name', 'organisation.short_name'])
      .where('meeting_organisation.meeting_id', 'in', ids)
      .orderBy('organisation.name')
      .execute(),
    db
      .selectFrom('meeting_area')
      .select(['meeting_id', 'area_code'])
      .where('meeting_id', 'in', ids)
      .orderBy('area_code')
      .execute(),
    db
      .selectFrom('input')
      .select(['meeting_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('meeting_id', 'in', ids)
      .groupBy('meeting_id')
      .execute(),
  ]);
  for (const { meeting_id, ...org } of orgs)
    organisations.set(meeting_id, [...(organisations.get(meeting_id) ?? []), org]);
  for (const a of areaRows) areas.set(a.meeting_id, [...(areas.get(a.meeting_id) ?? []), a.area_code]);
  for (const c of counts) if (c.meeting_id !== null) inputCounts.set(c.meeting_id, Number(c.n));
  return { organisations, areas, inputCounts };
}

const withLinks =
  (links: Awaited<ReturnType<typeof linksOf>>) =>
  <T extends { id: number }>(row: T) => ({
    ...row,
    organisations: links.organisations.get(row.id) ?? [],
    areas: links.areas.get(row.id) ?? [],
    input_count: links.inputCounts.get(row.id) ?? 0,
  });

export async function listMeetings(db: Db, filters: MeetingFilters, page: { limit: number; offset: number }) {
  const filtered = filteredMeetings(db, filters);
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await filtered
    .select(['meeting.id', 'meeting.date', 'meeting.title', 'meeting.forum', 'meeting.source'])
    .orderBy('meeting.date')
    .orderBy('meeting.title')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const links = await linksOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map(withLinks(links)), total: Number(total) };
}

/** One meeting with its organisations, areas and the input it produced. */
export async function getMeeting(db: Db, id: number) {
  const row = await db
    .selectFrom('meeting')
    .select(['id', 'date', 'title', 'forum', 'source'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(`Meeting ${id}`);
  const [links, inputs] = await Promise.all([
    linksOf(db, [id]),
    db
      .selectFrom('input')
      .leftJoin('organisation', 'organisation.id', 'input.organisation_id')
      .select([
        'input.id',
        'input.text',
        'input.type',
        'input.area_code',
        'input.disposition',
        'input.disposition_reason',
        'organisation.name as organisation',
      ])
      .where('input.meeting_id', '=', id)
      .orderBy('input.id')
      .execute(),
  ]);
  return { ...withLinks(links)(row), inputs };
}

export interface NewMeeting {
  date: string;
  title: string;
  forum?: string | null;
  organisation_ids?: number[];
  areas?: AreaCode[];
  source?: string;
}

/** Adds a meeting; 409 when one with the same date and title exists, 400 for unknown organisations. */
export async function createMeeting(db: Db, input: NewMeeting, actor: string): Promise<number> {
  const organisationIds = [...new Set(input.organisation_ids ?? [])];
  if (organisationIds.length) {
    const found = await db.selectFrom('organisation').select('id').where('id', 'in', organisationIds).execute();
    const unknown = organisationIds.filter((id) => !found.some((f) => f.id === id));
    if (unknown.length) {
      throw new ApiError(400, `Unknown organisation: ${unknown.join(', ')}`, { field: 'organisation_ids', unknown });
    }
  }
  const twin = await db
    .selectFrom('meeting')
    .select('id')
    .where('date', '=', input.date)
    .where('title', '=', input.title)
    .executeTakeFirst();
  if (twin) {
    throw new ApiError(409, `A meeting «${input.title}» on ${input.date} already exists`, {
      current: await getMeeting(db, twin.id),
    });
  }
  const areas = AREA_CODES.filter((a) => input.areas?.includes(a));
  const values = {
    date: input.date,
    title: input.title,
    forum: input.forum ?? null,
    source: input.source ?? DEFAULT_MEETING_SOURCE,
  };
  const { id } = await db.insertInto('meeting').values(values).returning('id').executeTakeFirstOrThrow();
  if (organisationIds.length) {
    await db
      .insertInto('meeting_organisation')
      .values(organisationIds.map((organisation_id) => ({ meeting_id: id, organisation_id })))
      .execute();
  }
  if (areas.length) {
    await db
      .insertInto('meeting_area')
      .values(areas.map((area_code) => ({ meeting_id: id, area_code })))
      .execute();
  }
  await recordAudit(db, {
    actor,
    entity: 'meeting',
    entityId: id,
    entityRef: `${values.date} ${values.title}`,
    action: 'create',
    changes: diff({}, { ...values, organisation_ids: organisationIds.sort((a, b) => a - b), areas }, [
      'date',
      'title',
      'forum',
      'source',
      'organisation_ids',
      'areas',
    ]),
  });
  return id;
}
