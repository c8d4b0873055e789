/**
 * Versions (baselines): the analysis frozen under a name. Only inserts and reads live here: a frozen
 * version is never updated or deleted.
 */
import type { Db } from '../../schema/db.ts';
import { type AnalysisVersion, AREA_CODES, COVERAGE, type Coverage } from '../../schema/types.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { now } from '../lib/text.ts';
import { recordAudit } from './audit.ts';
import {
  canonicalJson,
  contentHash,
  LATEST_SCHEMA_VERSION,
  readSnapshotTables,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotTables,
} from './snapshot.ts';

export interface VersionSummary {
  requirements: number;
  coverage: Record<Coverage, number>;
  coverage_by_area: Record<string, Record<Coverage, number>>;
  questions: number;
  questions_decided: number;
  inputs: number;
  inputs_pending: number;
  meetings: number;
  /** Rows of every table, for tables no summary field names (measures, solutions…). */
  rows: Record<string, number>;
}

export interface VersionInfo {
  id: number;
  name: string;
  date: string;
  note: string;
  schema_version: string;
  content_hash: string;
  created_by: string;
  created_at: string;
  summary: VersionSummary;
}

export interface NewVersion {
  name: string;
  date: string;
  note: string;
}

const emptyCoverage = () => Object.fromEntries(COVERAGE.map((c) => [c, 0])) as Record<Coverage, number>;

export function summarise(tables: SnapshotTables): VersionSummary {
  const areaOf = new Map((tables.requirement ?? []).map((r) => [r.id, r.area_code]));
  const coverage = emptyCoverage();
  const byArea: Record<string, Record<Coverage, number>> = Object.fromEntries(
    AREA_CODES.map((a) => [a, emptyCoverage()]),
  );
  for (const a of tables.assessment ?? []) {
    coverage[a.coverage]++;
    const area = areaOf.get(a.requirement_id);
    if (area) {
      byArea[area] ??= emptyCoverage();
      (byArea[area] as Record<Coverage, number>)[a.coverage]++;
    }
  }
  return {
    requirements: tables.requirement?.length ?? 0,
    coverage,
    coverage_by_area: byArea,
    questions: tables.question?.length ?? 0,
    questions_decided: (tables.question ?? []).filter((q) => q.status === 'decided').length,
    inputs: tables.input?.length ?? 0,
    inputs_pending: (tables.input ?? []).filter((i) => i.disposition === 'pending').length,
    meetings: tables.meeting?.length ?? 0,
    rows: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, (rows as unknown[]).length])),
  };
}

const INFO_COLUMNS = [
  'id',
  'name',
  'date',
  'note',
  'schema_version',
  'content_hash',
  'created_by',
  'created_at',
  'summary',
] as const;

function info(row: Omit<AnalysisVersion, 'snapshot'>): VersionInfo {
  return { ...row, summary: JSON.parse(row.summary) };
}

/** Freezes the analysis as it is now under `name`; 409 if the name is taken. */
export async function freezeVersion(db: Db, input: NewVersion, actor: string): Promise<VersionInfo> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('analysis_version')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (taken) {
      throw new ApiError(409, `A version named «${input.name}» exists already; a frozen version is never replaced`, {
        field: 'name',
      });
    }
    const tables = await readSnapshotTables(trx);
    const hash = contentHash(tables);
    const summary = summarise(tables);
    const row = {
      name: input.name,
      date: input.date,
      note: input.note,
      schema_version: LATEST_SCHEMA_VERSION,
      content_hash: hash,
      snapshot: canonicalJson({ format: SNAPSHOT_FORMAT, schema_version: LATEST_SCHEMA_VERSION, tables }),
      summary: JSON.stringify(summary),
      created_by: actor,
      created_at: now(),
    };
    const { id } = await trx.insertInto('analysis_version').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      entity: 'version',
      entityId: id,
      entityRef: input.name,
      action: 'create',
      changes: {
        name: [null, input.name],
        date: [null, input.date],
        note: [null, input.note],
        content_hash: [null, hash],
        requirements: [null, summary.requirements],
      },
    });
    // The frozen snapshot stays in the database: the answer describes the version, it does not carry it.
    const { snapshot: _frozen, ...described } = row;
    return info({ id, ...described });
  });
}

/** Versions in the order they were made: by date, then by when they were frozen. */
export async function listVersions(db: Db): Promise<VersionInfo[]> {
  const rows = await db.selectFrom('analysis_version').select(INFO_COLUMNS).orderBy('date').orderBy('id').execute();
  return rows.map(info);
}

export async function getVersion(db: Db, name: string): Promise<VersionInfo> {
  const row = await db.selectFrom('analysis_version').select(INFO_COLUMNS).where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Version «${name}»`);
  return info(row);
}

/** The frozen content of a version as a snapshot object, the same shape the live database gives. */
export async function loadVersionSnapshot(db: Db, name: string): Promise<Snapshot> {
  const row = await db.selectFrom('analysis_version').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`Version «${name}»`);
  const stored = JSON.parse(row.snapshot) as { schema_version: string; tables: SnapshotTables };
  return {
    format: SNAPSHOT_FORMAT,
    schema_version: stored.schema_version,
    exported_at: new Date().toISOString(),
    source: {
      kind: 'version',
      name: row.name,
      date: row.date,
      note: row.note,
      frozen_at: row.created_at,
      frozen_by: row.created_by,
      content_hash: row.content_hash,
    },
    tables: stored.tables,
  };
}

/**
 * The version a report's change list starts from: for a version, the one made before it; for now
 * (`name` undefined), the newest. Undefined when there is none.
 */
export async function previousVersionName(db: Db, name?: string): Promise<string | undefined> {
  const versions = await listVersions(db);
  if (name === undefined) return versions.at(-1)?.name;
  const index = versions.findIndex((v) => v.name === name);
  return index > 0 ? versions[index - 1]?.name : undefined;
}
