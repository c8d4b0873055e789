/** Shared test fixtures: a migrated in-memory database, optionally seeded, behind the real app. */

import { openMemoryDb } from '../schema/db.ts';
import { seedDatabase } from '../seeds/index.ts';
import { createApp } from '../server/app.ts';

export async function makeApp({ seeded = true } = {}) {
  const { db, sqlite } = await openMemoryDb();
  if (seeded) await seedDatabase(db);
  const app = createApp({ db });
  return { db, sqlite, app };
}

export type TestApp = Awaited<ReturnType<typeof makeApp>>['app'];

/** A JSON request through `app.request()`; returns status, parsed body and headers. */
export async function call(app: TestApp, method: string, path: string, body?: unknown) {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await app.request(path, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields freely and assert on them
  return { status: res.status, body: json as any, text, headers: res.headers };
}

/** Every table's rows, sorted, as one string: to prove a rejected request changed nothing. */
export async function dumpDb(sqlite: import('better-sqlite3').Database): Promise<string> {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name",
    )
    .all() as { name: string }[];
  return tables
    .map(({ name }) => {
      const rows = sqlite
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((r) => JSON.stringify(r));
      rows.sort();
      return `${name}\n${rows.join('\n')}`;
    })
    .join('\n\n');
}
