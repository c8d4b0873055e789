/**
 * Crash safety and backups with the real server process and a real database file:
 * SIGKILL in the middle of a burst of writes loses no acknowledged write and leaves a sound database;
 * an online backup taken while writes go on restores to a consistent database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import SQLite from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backupDb, openDb } from '../../schema/db.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

const Crash = suite<{ dir: string }>('resilience: crash safety and backup');

Crash.before((ctx) => {
  ctx.dir = mkdtempSync(`${tmpdir()}/ehds-crash-`);
});

Crash.after((ctx) => {
  rmSync(ctx.dir, { recursive: true, force: true });
});

async function postInput({ url, cookie }: ServerProcess, text: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/api/inputs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ text, type: 'comment', requirement_refs: ['A2-05'], source: 'krasjtest' }),
    });
    if (res.status !== 201) return null;
    return ((await res.json()) as { id: number }).id;
  } catch {
    return null; // the connection died with the server: not acknowledged
  }
}

Crash('SIGKILL during a burst of writes loses no acknowledged write', async ({ dir }) => {
  const dbFile = `${dir}/crash.db`;
  const server = await startServerProcess(dbFile);
  const acknowledged: { id: number; text: string }[] = [];
  let n = 0;
  let killed = false;
  const writer = async () => {
    while (!killed) {
      const text = `innspill ${n++} æøå`;
      const id = await postInput(server, text);
      if (id !== null) acknowledged.push({ id, text });
    }
  };
  const writers = Array.from({ length: 8 }, writer);
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
  await server.kill();
  killed = true;
  await Promise.all(writers);
  assert.ok(acknowledged.length >= 150, `${acknowledged.length} writes acknowledged before the kill`);

  const restarted = await startServerProcess(dbFile);
  try {
    const res = await fetch(`${restarted.url}/api/inputs?q=innspill&limit=10000`, {
      headers: { cookie: restarted.cookie },
    });
    const { items } = (await res.json()) as { items: { id: number; text: string; requirement_refs: string[] }[] };
    const stored = new Map(items.map((i) => [i.id, i]));
    for (const a of acknowledged) {
      const found = stored.get(a.id);
      assert.ok(found, `acknowledged input ${a.id} survived`);
      assert.is(found.text, a.text);
      assert.equal(found.requirement_refs, ['A2-05'], 'its link survived with it');
    }
  } finally {
    await restarted.stop();
  }
  const check = new SQLite(dbFile, { readonly: true });
  assert.is(check.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(check.pragma('foreign_key_check'), []);
  check.close();
});

Crash('an online backup taken while writes go on restores to a consistent database', async ({ dir }) => {
  const dbFile = `${dir}/live.db`;
  const server = await startServerProcess(dbFile);
  let writing = true;
  let written = 0;
  const writer = async () => {
    while (writing) if ((await postInput(server, `under backup ${written}`)) !== null) written++;
  };
  const writers = Array.from({ length: 4 }, writer);
  try {
    while (written < 50) await new Promise((r) => setTimeout(r, 5));
    // The CLI's path: a second connection to the live file, copied with SQLite's backup API.
    const { sqlite } = openDb(dbFile);
    await backupDb(sqlite, `${dir}/backup.db`);
    sqlite.close();
    const afterBackup = written;
    while (written < afterBackup + 50) await new Promise((r) => setTimeout(r, 5));
  } finally {
    writing = false;
    await Promise.all(writers);
    await server.stop();
  }
  const backup = new SQLite(`${dir}/backup.db`, { readonly: true });
  assert.is(backup.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(backup.pragma('foreign_key_check'), []);
  const inBackup = (
    backup.prepare("SELECT count(*) AS n FROM input WHERE text LIKE 'under backup%'").get() as { n: number }
  ).n;
  const linksOk = backup
    .prepare(
      "SELECT count(*) AS n FROM input i WHERE i.text LIKE 'under backup%' AND NOT EXISTS (SELECT 1 FROM input_requirement r WHERE r.input_id = i.id)",
    )
    .get() as { n: number };
  assert.ok(inBackup >= 50, `the backup holds the writes before it (${inBackup})`);
  assert.is(linksOk.n, 0, 'no input in the backup lost its link: each write was copied whole or not at all');
  const audit = backup
    .prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'input' AND actor != 'seed'")
    .get() as { n: number };
  assert.is(audit.n, inBackup, 'every input in the backup has its audit entry');
  backup.close();
  const live = new SQLite(dbFile, { readonly: true });
  const inLive = (
    live.prepare("SELECT count(*) AS n FROM input WHERE text LIKE 'under backup%'").get() as { n: number }
  ).n;
  live.close();
  assert.ok(inLive > inBackup, 'writes went on after the backup');
});

Crash.run();
