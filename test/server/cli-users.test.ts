/** `npm run cli -- user …`: add, list, set-password, deactivate; passwords stored hashed, generated ones shown once. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyPassword } from '../../server/lib/passwords.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(dbFile: string, ...args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, EHDS_DB: dbFile },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function rows<T>(file: string, sql: string): T[] {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const Users = suite<{ dir: string; db: string }>('cli: user commands', { dir: '', db: '' });

Users.before((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'ehds-cli-users-'));
  ctx.db = join(ctx.dir, 'ehds.db');
});

Users.after((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

Users('user add with a password stores only its scrypt hash; a generated one is printed once', async ({ db }) => {
  const given = cli(
    db,
    'user',
    'add',
    'Kari@Helsedir.example',
    '--role',
    'analyst',
    '--name',
    'Kari Nordmann',
    '--password',
    'et langt passord her',
  );
  assert.is(given.code, 0, given.stderr);
  assert.match(given.stdout, /Added kari@helsedir.example \(analyst\)/);
  assert.not.match(given.stdout, /et langt passord her/);
  const generated = cli(db, 'user', 'add', 'ola@kommune.example', '--role', 'reference_member');
  assert.is(generated.code, 0, generated.stderr);
  const password = /Password: (\S+)/.exec(generated.stdout)?.[1];
  assert.ok(password && password.length >= 20, generated.stdout);
  const stored = rows<{ email: string; password_hash: string; role: string; name: string }>(
    db,
    'SELECT email, role, name, password_hash FROM app_user JOIN user_credential ON user_id = id ORDER BY id',
  );
  assert.equal(
    stored.map((u) => [u.email, u.role, u.name]),
    [
      ['kari@helsedir.example', 'analyst', 'Kari Nordmann'],
      ['ola@kommune.example', 'reference_member', 'ola'],
    ],
  );
  assert.ok(await verifyPassword('et langt passord her', stored[0]!.password_hash));
  assert.ok(await verifyPassword(password!, stored[1]!.password_hash));
  assert.not.ok(stored[1]!.password_hash.includes(password!));
  const audit = rows<{ actor: string; changes: string }>(
    db,
    "SELECT actor, changes FROM audit_log WHERE entity = 'user'",
  );
  assert.ok(audit.every((a) => a.actor === 'cli' && !a.changes.includes('passord')));
});

Users('refusals: a taken e-mail, an unknown role, a short password, a missing e-mail', ({ db }) => {
  const taken = cli(
    db,
    'user',
    'add',
    'KARI@helsedir.example',
    '--role',
    'viewer',
    '--password',
    'et langt passord her',
  );
  assert.is(taken.code, 1);
  assert.match(taken.stderr, /exists already/);
  const role = cli(db, 'user', 'add', 'ny@x.example', '--role', 'superuser');
  assert.is(role.code, 1);
  assert.match(role.stderr, /--role must be one of admin, analyst, reference_member, viewer/);
  const short = cli(db, 'user', 'add', 'ny@x.example', '--role', 'viewer', '--password', 'kort');
  assert.is(short.code, 1);
  assert.match(short.stderr, /at least 12/);
  const usage = cli(db, 'user');
  assert.is(usage.code, 2);
  assert.match(usage.stderr, /user add EMAIL --role ROLE/);
  assert.is(cli(db, 'user', 'deactivate', 'ingen@x.example').code, 1);
});

Users('user list, set-password and deactivate', async ({ db }) => {
  const list = cli(db, 'user', 'list');
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /kari@helsedir.example\s+analyst\s+active/);
  const set = cli(db, 'user', 'set-password', 'kari@helsedir.example');
  assert.is(set.code, 0, set.stderr);
  const password = /Password: (\S+)/.exec(set.stdout)?.[1];
  const [kari] = rows<{ password_hash: string }>(
    db,
    "SELECT password_hash FROM user_credential JOIN app_user ON id = user_id WHERE email = 'kari@helsedir.example'",
  );
  assert.ok(await verifyPassword(password!, kari!.password_hash));
  const off = cli(db, 'user', 'deactivate', 'kari@helsedir.example');
  assert.is(off.code, 0, off.stderr);
  assert.match(cli(db, 'user', 'list').stdout, /kari@helsedir.example\s+analyst\s+deactivated/);
});

Users.run();
