import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REQUIREMENT_CSV_COLUMNS } from '../../server/exports/requirements-csv.ts';
import { parseCsv } from '../../server/lib/csv.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `tsx server/cli.ts …` as a child process, the way `npm run cli -- …` runs it. */
function cli(dbFile: string, ...args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, EHDS_DB: dbFile },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function query<T>(file: string, sql: string): T {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

const count = (file: string, table: string) => query<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`).n;

const Cli = suite<{ dir: string; db: string }>('cli', { dir: '', db: '' });

Cli.before((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'ehds-cli-'));
  ctx.db = join(ctx.dir, 'data', 'ehds.db');
});

Cli.after((ctx) => {
  rmSync(ctx.dir, { recursive: true, force: true });
});

Cli('help lists the commands; no command or an unknown one exits non-zero', ({ db }) => {
  const help = cli(db, 'help');
  assert.is(help.code, 0);
  for (const name of ['import-csv FILE', 'export-csv FILE', 'backup FILE', 'seed', 'help'])
    assert.ok(help.stdout.includes(name), name);
  const none = cli(db);
  assert.is.not(none.code, 0);
  const unknown = cli(db, 'frobnicate');
  assert.is.not(unknown.code, 0);
  assert.match(unknown.stderr, /unknown command «frobnicate»/);
  const usage = cli(db, 'export-csv');
  assert.is.not(usage.code, 0);
  assert.match(usage.stderr, /usage: .*export-csv FILE/);
});

Cli('seed migrates and seeds the EHDS_DB file, printing counts; twice changes nothing', ({ db }) => {
  const res = cli(db, 'seed');
  assert.is(res.code, 0, res.stderr);
  assert.match(res.stdout, /requirement\s+38/);
  assert.is(count(db, 'requirement'), 38);
  const audits = count(db, 'audit_log');
  assert.is(cli(db, 'seed').code, 0);
  assert.is(count(db, 'audit_log'), audits);
});

Cli('export-csv writes the requirements CSV with BOM and one row per requirement', ({ db, dir }) => {
  const file = join(dir, 'out', 'krav.csv');
  const res = cli(db, 'export-csv', file);
  assert.is(res.code, 0, res.stderr);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.startsWith(`\uFEFF${REQUIREMENT_CSV_COLUMNS.join(',')}\r\n`));
  assert.is(parseCsv(text).rows.length, count(db, 'requirement'));
});

Cli('import-csv applies a changed file as actor cli; re-import changes nothing', ({ db, dir }) => {
  const exported = readFileSync(join(dir, 'out', 'krav.csv'), 'utf8');
  const changed = exported.replace(/\r\nA2-05,(.*?),not_assessed,/, '\r\nA2-05,$1,covered,');
  assert.is.not(changed, exported);
  const file = join(dir, 'changed.csv');
  writeFileSync(file, changed);
  const res = cli(db, 'import-csv', file);
  assert.is(res.code, 0, res.stderr);
  assert.match(res.stdout, /0 created, 1 updated, 37 unchanged/);
  const row = query<{ coverage: string; updated_by: string }>(
    db,
    "SELECT coverage, updated_by FROM assessment JOIN requirement ON requirement.id = requirement_id WHERE ref = 'A2-05'",
  );
  assert.equal(row, { coverage: 'covered', updated_by: 'cli' });
  const audits = count(db, 'audit_log');
  const again = cli(db, 'import-csv', file);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 created, 0 updated, 38 unchanged/);
  assert.is(count(db, 'audit_log'), audits);
});

Cli('import-csv with bad rows exits non-zero, lists line and column, and changes nothing', ({ db, dir }) => {
  const file = join(dir, 'bad.csv');
  writeFileSync(
    file,
    'ref;area;title;coverage\nA1-01;A1;Innsyn;covered\nA1-02;A1;Dataportabilitet;halvveis\nA9-01;A9;Nytt;\n',
  );
  const audits = count(db, 'audit_log');
  const res = cli(db, 'import-csv', file);
  assert.is.not(res.code, 0);
  assert.match(res.stderr, /line 3, coverage: Unknown coverage «halvveis»/);
  assert.match(res.stderr, /line 4, ref/);
  assert.match(res.stderr, /nothing was imported/);
  assert.is(count(db, 'audit_log'), audits);
  const missing = cli(db, 'import-csv', join(dir, 'nope.csv'));
  assert.is.not(missing.code, 0);
  assert.match(missing.stderr, /File not found/);
});

Cli('backup makes a copy that passes integrity_check and has the same requirements', ({ db, dir }) => {
  const target = join(dir, 'backups', 'ehds-copy.db');
  const res = cli(db, 'backup', target);
  assert.is(res.code, 0, res.stderr);
  assert.match(res.stdout, /integrity ok/);
  assert.ok(existsSync(target));
  const copy = new SQLite(target, { readonly: true, fileMustExist: true });
  try {
    assert.is(copy.pragma('integrity_check', { simple: true }), 'ok');
    assert.is(
      (copy.prepare('SELECT count(*) AS n FROM requirement').get() as { n: number }).n,
      count(db, 'requirement'),
    );
  } finally {
    copy.close();
  }
  const again = cli(db, 'backup', target);
  assert.is.not(again.code, 0);
  assert.match(again.stderr, /exists/);
  assert.is(cli(db, 'backup', target, '--force').code, 0);
  const self = cli(db, 'backup', db, '--force');
  assert.is.not(self.code, 0);
});

Cli.run();
