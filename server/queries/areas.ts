import type { Db } from '../../schema/db.ts';

export async function listAreas(db: Db) {
  return db.selectFrom('area').selectAll().orderBy('sort_order').execute();
}

export async function getArea(db: Db, code: string) {
  return db
    .selectFrom('area')
    .selectAll()
    .where('code', '=', code as never)
    .executeTakeFirst();
}
