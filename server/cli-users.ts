/**
 * `npm run cli -- user …`: accounts from the command line. A password is given with --password or, when
 * left out, generated and printed once; it is stored only as a scrypt hash.
 */
import type { Db } from '../schema/db.ts';
import { ROLES, type Role } from '../schema/types.ts';
import { ApiError } from './lib/errors.ts';
import { generatePassword } from './lib/passwords.ts';
import { createUser, findUserIdByEmail, getUser, listUsers, setPassword, updateUser } from './queries/users.ts';

export const CLI_USER_ACTOR = 'cli';

/** The failure class of server/cli.ts, passed in so that this module does not import the runner. */
type Fail = new (message: string) => Error;

interface Ctx {
  db: Db;
  out: (line: string) => void;
}

async function userId(db: Db, email: string, Fail: Fail): Promise<number> {
  const id = await findUserIdByEmail(db, email);
  if (id === undefined) throw new Fail(`No user with the e-mail ${email}`);
  return id;
}

async function asCliError<T>(run: () => Promise<T>, Fail: Fail): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ApiError) throw new Fail(err.message);
    throw err;
  }
}

function roleOf(value: string | undefined, Fail: Fail): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new Fail(`--role must be one of ${ROLES.join(', ')}${value ? `, not ${value}` : ''}`);
  return role;
}

export function userCommands(Fail: Fail) {
  return {
    'user add': {
      usage: 'user add EMAIL --role ROLE [--name NAME] [--password P]',
      summary: `Add a user (roles: ${ROLES.join(', ')}); without --password one is generated and printed once`,
      args: 1,
      options: ['--role', '--name', '--password'],
      async run([email]: string[], { db, out }: Ctx, _flags: Set<string>, values: Map<string, string>) {
        const role = roleOf(values.get('--role'), Fail);
        const given = values.get('--password');
        const password = given ?? generatePassword();
        const name = values.get('--name') ?? (email as string).split('@')[0] ?? (email as string);
        await asCliError(
          () =>
            db
              .transaction()
              .execute((trx) => createUser(trx, { email: email as string, name, role, password }, CLI_USER_ACTOR)),
          Fail,
        );
        out(`Added ${(email as string).toLowerCase()} (${role})`);
        if (!given)
          out(`Password: ${password}\n  Shown only now; give it to the user, who can change it after signing in.`);
      },
    },
    'user list': {
      usage: 'user list',
      summary: 'List the users with role, status and reference groups',
      args: 0,
      async run(_args: string[], { db, out }: Ctx) {
        const { items } = await listUsers(db, {}, { limit: 100_000, offset: 0 });
        if (items.length === 0) out('No users yet.');
        for (const u of items) {
          const groups = u.reference_groups.map((g) => g.name).join(', ');
          out(
            `${u.email.padEnd(36)} ${u.role.padEnd(17)} ${u.active ? 'active     ' : 'deactivated'} ${u.name}${groups ? ` · ${groups}` : ''}`,
          );
        }
      },
    },
    'user set-password': {
      usage: 'user set-password EMAIL [--password P]',
      summary: 'Set a new password (generated and printed once without --password); ends the user’s sessions',
      args: 1,
      options: ['--password'],
      async run([email]: string[], { db, out }: Ctx, _flags: Set<string>, values: Map<string, string>) {
        const id = await userId(db, email as string, Fail);
        const given = values.get('--password');
        const password = given ?? generatePassword();
        await asCliError(() => db.transaction().execute((trx) => setPassword(trx, id, password, CLI_USER_ACTOR)), Fail);
        out(`Set a new password for ${email}; their sessions have ended`);
        if (!given) out(`Password: ${password}\n  Shown only now.`);
      },
    },
    'user deactivate': {
      usage: 'user deactivate EMAIL',
      summary: 'Deactivate a user: they can no longer sign in and their sessions end (their input stays)',
      args: 1,
      async run([email]: string[], { db, out }: Ctx) {
        const id = await userId(db, email as string, Fail);
        await asCliError(
          () =>
            db.transaction().execute(async (trx) => {
              const user = await getUser(trx, id);
              await updateUser(trx, id, { active: false }, CLI_USER_ACTOR, user.version);
            }),
          Fail,
        );
        out(`Deactivated ${email}`);
      },
    },
  };
}
