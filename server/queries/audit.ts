/** The append-only audit log: every change, who, when, old → new. Only inserts live here. */
import type { Db } from '../../schema/db.ts';
import type { AuditEntry } from '../../schema/types.ts';
import { now } from '../lib/text.ts';

export type Changes = Record<string, [unknown, unknown]>;

export interface AuditRecord {
  actor: string;
  entity: string;
  entityId: number;
  entityRef?: string | null;
  action: 'create' | 'update' | 'delete';
  changes: Changes;
}

/** Field-by-field difference of two records, over the given fields; arrays compare by content. */
export function diff<T extends object>(before: Partial<T>, after: Partial<T>, fields: (keyof T)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const a = (before[field] as unknown) ?? null;
    const b = (after[field] as unknown) ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[field as string] = [a, b];
  }
  return changes;
}

export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now(),
      actor: record.actor,
      entity: record.entity,
      entity_id: record.entityId,
      entity_ref: record.entityRef ?? null,
      action: record.action,
      changes: JSON.stringify(record.changes),
    })
    .execute();
}

export interface AuditView extends Omit<AuditEntry, 'changes'> {
  changes: Record<string, [unknown, unknown]>;
}

function view(row: AuditEntry): AuditView {
  return { ...row, changes: JSON.parse(row.changes) };
}

/** Entries about one entity, newest first. */
export async function listAudit(db: Db, entity: string, entityIds: number[], limit = 200): Promise<AuditView[]> {
  if (entityIds.length === 0) return [];
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', 'in', entityIds)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(view);
}
