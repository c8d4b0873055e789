/**
 * Command line: `npm run cli -- <command> [args]`. Works on the database in EHDS_DB (default
 * ./data/ehds.db), migrated first. Add a command by adding an entry to `commands`.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { backupDb, type Db, migrate, type OpenedDb, openDb } from '../schema/db.ts';
import { countRows, seedDatabase } from '../seeds/index.ts';
import { readConfig } from './config.ts';
import { buildRequirementsCsv } from './exports/requirements-csv.ts';
import { importRequirementsCsv } from './imports/requirements-csv.ts';
import { CsvEncodingError, decodeUtf8 } from './lib/csv.ts';
import { ApiError } from './lib/errors.ts';

export const CLI_ACTOR = 'cli';

/** A failure the user can fix: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

interface Context extends OpenedDb {
  dbFile: string;
  out: (line: string) => void;
}

interface Command {
  usage: string;
  summary: string;
  /** Exact number of arguments after the command name (flags not counted). */
  args: number;
  run(args: string[], ctx: Context, flags: Set<string>): Promise<void>;
}

const requirementCount = (db: Db) =>
  db
    .selectFrom('requirement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

function readInput(file: string): string {
  if (!existsSync(file)) throw new CliError(`File not found: ${file}`);
  try {
    return decodeUtf8(readFileSync(file));
  } catch (err) {
    if (err instanceof CsvEncodingError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

/** An ApiError from the import as lines a person can act on. */
function describeImportError(err: ApiError): string {
  const rows = (err.details.rows ?? []) as { row: number; column: string | null; message: string }[];
  const lines = rows.map((r) => `  line ${r.row}${r.column ? `, ${r.column}` : ''}: ${r.message}`);
  const more = Number(err.details.error_count ?? rows.length) - rows.length;
  if (more > 0) lines.push(`  … and ${more} more`);
  return [err.message, ...lines].join('\n');
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

export const commands: Record<string, Command> = {
  'import-csv': {
    usage: 'import-csv FILE',
    summary: 'Upsert requirements and assessments from a requirements CSV (all rows or nothing)',
    args: 1,
    async run([file], { db, out }) {
      const text = readInput(file!);
      try {
        const r = await importRequirementsCsv(db, text, CLI_ACTOR);
        out(`Imported ${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged (${r.total} rows)`);
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(`${file}: ${describeImportError(err)}`);
        throw err;
      }
    },
  },
  'export-csv': {
    usage: 'export-csv FILE',
    summary: 'Write all requirements with their assessments as CSV (UTF-8 with BOM); FILE - writes to stdout',
    args: 1,
    async run([file], { db, out }) {
      const csv = await buildRequirementsCsv(db);
      if (file === '-') {
        process.stdout.write(csv);
        return;
      }
      mkdirSync(dirname(resolve(file!)), { recursive: true });
      writeFileSync(file!, csv, 'utf8');
      out(`Wrote ${await requirementCount(db)} requirements to ${file}`);
    },
  },
  backup: {
    usage: 'backup FILE [--force]',
    summary: 'Consistent copy of the database while the server runs, checked with integrity_check',
    args: 1,
    async run([file], { db, sqlite, dbFile, out }, flags) {
      const target = file!;
      if (sameFile(target, dbFile)) throw new CliError(`Refusing to back up ${dbFile} onto itself`);
      if (existsSync(target) && !flags.has('--force')) {
        throw new CliError(`${target} exists; choose another name or add --force to overwrite it`);
      }
      await backupDb(sqlite, target);
      const copy = new SQLite(target, { fileMustExist: true });
      try {
        // A backup should be one self-contained file, not a WAL database that needs its -wal/-shm.
        copy.pragma('journal_mode = DELETE');
        const integrity = copy.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') throw new CliError(`The backup ${target} failed integrity_check: ${integrity}`);
        const { n } = copy.prepare('SELECT count(*) AS n FROM requirement').get() as { n: number };
        const expected = await requirementCount(db);
        if (n !== expected) throw new CliError(`The backup has ${n} requirements, the database ${expected}`);
        out(`Backed up ${dbFile} to ${target}: integrity ok, ${n} requirements`);
      } finally {
        copy.close();
      }
    },
  },
  seed: {
    usage: 'seed',
    summary: 'Add the seed dataset (areas, articles, requirements…); only what is missing, never overwriting',
    args: 0,
    async run(_args, { db, out }) {
      const before = await countRows(db);
      const after = await seedDatabase(db);
      out('Seeded; rows per table (+ added now):');
      for (const [table, n] of Object.entries(after)) {
        const added = n - (before[table] ?? 0);
        out(`  ${table.padEnd(28)} ${String(n).padStart(5)}${added ? ` (+${added})` : ''}`);
      }
    },
  },
  help: {
    usage: 'help',
    summary: 'This list',
    args: 0,
    async run(_args, { out }) {
      out(helpText());
    },
  },
};

export function helpText(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    'Usage: npm run cli -- <command> [arguments]',
    'Database: EHDS_DB (default ./data/ehds.db), migrated before every command.',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Runs one command; returns the exit code. Errors are printed, never thrown. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = (line: string) => console.log(line);
  const fail = (message: string, code = 1) => {
    console.error(`error: ${message}`);
    return code;
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) return fail(`unknown command «${name}». Run «npm run cli -- help» for the list.`, 2);
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const args = rest.filter((a) => !a.startsWith('--'));
  if (args.length !== command.args) return fail(`usage: npm run cli -- ${command.usage}`, 2);

  const dbFile = readConfig({ EHDS_DB: env.EHDS_DB }).dbFile;
  let opened: OpenedDb | undefined;
  try {
    opened = openDb(dbFile);
    await migrate(opened.db);
    await command.run(args, { ...opened, dbFile, out }, flags);
    return 0;
  } catch (err) {
    if (err instanceof CliError) return fail(err.message);
    return fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    await opened?.db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
