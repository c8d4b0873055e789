/** Reading a snapshot's tables: typed rows of one table, and grouping them by a key. */
import type { Selectable } from 'kysely';
import type { Database } from '../../schema/types.ts';
import type { SnapshotTables } from '../queries/snapshot.ts';

type TableName = keyof Database;

/** A table's rows; none when the snapshot's schema did not have the table. */
export const rowsOf = <T extends TableName>(tables: SnapshotTables, name: T) =>
  (tables[name] ?? []) as Selectable<Database[T]>[];

/** `list` grouped by `key`, each group's items mapped by `pick`. */
export function groupBy<T, K, V>(list: readonly T[], key: (item: T) => K, pick: (item: T) => V): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const item of list) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(pick(item));
    else map.set(k, [pick(item)]);
  }
  return map;
}
