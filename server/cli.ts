/**
 * Command line: `npm run cli -- <command> [args]`. Works on the database in EHDS_DB (default
 * ./data/ehds.db), migrated first. Add a command by adding an entry to `commands`.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { backupDb, type Db, migrate, type OpenedDb, openDb } from '../schema/db.ts';
import { countRows, seedDatabase } from '../seeds/index.ts';
import { userCommands } from './cli-users.ts';
import { readConfig } from './config.ts';
import { dateOslo } from './exports/labels.ts';
import { buildExportOf, type ExportKind } from './exports/render.ts';
import { buildRequirementsCsv } from './exports/requirements-csv.ts';
import { inParts, parseSnapshotJson, readSnapshotFile, serializeSnapshotInParts } from './exports/snapshot-json.ts';
import { snapshotOf } from './exports/sources.ts';
import { importRequirementsCsv } from './imports/requirements-csv.ts';
import { CsvEncodingError, decodeUtf8 } from './lib/csv.ts';
import { ApiError } from './lib/errors.ts';
import { isIsoDate } from './lib/text.ts';
import { readSnapshotInParts, writeSnapshot } from './queries/snapshot.ts';
import { freezeVersion, listVersions } from './queries/versions.ts';

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
  /** Flags that take a value: `--version V0.8` or `--version=V0.8`. */
  options?: string[];
  run(args: string[], ctx: Context, flags: Set<string>, values: Map<string, string>): Promise<void>;
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
  'export-docx': {
    usage: 'export-docx FILE [--version NAME]',
    summary: 'Write the report «EHDS konsekvensvurdering – gapanalyse» (DOCX), now or from a frozen version',
    args: 1,
    options: ['--version'],
    run: ([file], ctx, _flags, values) => writeExport('docx', file!, ctx, values.get('--version')),
  },
  'export-xlsx': {
    usage: 'export-xlsx FILE [--version NAME]',
    summary: 'Write the workbook (XLSX), now or from a frozen version',
    args: 1,
    options: ['--version'],
    run: ([file], ctx, _flags, values) => writeExport('xlsx', file!, ctx, values.get('--version')),
  },
  'export-snapshot': {
    usage: 'export-snapshot FILE [--version NAME]',
    summary:
      'Write everything as a JSON snapshot (with the audit log and versions; a version: its content); FILE - is stdout',
    args: 1,
    options: ['--version'],
    async run([file], { db, out }, _flags, values) {
      const version = values.get('--version');
      // Written as it is read (now) or as it is serialised (a version): with its versions a backup can outgrow
      // memory and the longest string there is.
      const { head, tables } =
        version === undefined ? await readSnapshotInParts(db) : inParts(await snapshotOf(db, version));
      let rows = 0;
      const counted = (async function* () {
        for await (const { table, parts } of tables) {
          yield {
            table,
            parts: (async function* () {
              for await (const part of parts) {
                rows += part.length;
                yield part;
              }
            })(),
          };
        }
      })();
      const pieces = serializeSnapshotInParts({ head, tables: counted });
      if (file === '-') {
        for await (const piece of pieces) if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
        return;
      }
      await pipeline(Readable.from(pieces), createWriteStream(resolveOut(file!)));
      out(
        `Wrote ${file}: ${rows} rows, schema ${head.schema_version}${version === undefined ? '' : `, version ${version}`}`,
      );
    },
  },
  'import-snapshot': {
    usage: 'import-snapshot FILE',
    summary: 'Load a JSON snapshot into an empty database (all or nothing; refused if the database holds any analysis)',
    args: 1,
    async run([file], { db, out }) {
      try {
        const large = existsSync(file!) && statSync(file!).size > LARGE_SNAPSHOT_BYTES;
        const snapshot = large ? await readSnapshotFile(file!) : parseSnapshotJson(readInput(file!));
        const result = await writeSnapshot(db, snapshot, CLI_ACTOR);
        out(
          `Imported ${file}: ${result.rows} rows in ${Object.keys(result.tables).length} tables (schema ${result.schema_version})`,
        );
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(`${file}: ${err.message}`);
        throw err;
      }
    },
  },
  freeze: {
    usage: 'freeze NAME [--note TEXT] [--date YYYY-MM-DD]',
    summary: 'Freeze the analysis as a named version (V0.5, V0.8…); it never changes afterwards',
    args: 1,
    options: ['--note', '--date'],
    async run([name], { db, out }, _flags, values) {
      const date = values.get('--date') ?? dateOslo();
      if (!isIsoDate(date)) throw new CliError(`--date must be YYYY-MM-DD, not ${date}`);
      try {
        const v = await freezeVersion(db, { name: name!, date, note: values.get('--note') ?? '' }, CLI_ACTOR);
        out(`Froze ${v.name} (${v.date}): ${v.summary.requirements} requirements, hash ${v.content_hash.slice(0, 12)}`);
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(err.message);
        throw err;
      }
    },
  },
  versions: {
    usage: 'versions',
    summary: 'List the frozen versions',
    args: 0,
    async run(_args, { db, out }) {
      const versions = await listVersions(db);
      if (versions.length === 0) out('No versions yet; make one with «freeze NAME».');
      for (const v of versions) {
        out(
          `${v.name.padEnd(12)} ${v.date}  ${String(v.summary.requirements).padStart(4)} krav  ${v.content_hash.slice(0, 12)}  ${v.note}`,
        );
      }
    },
  },
  ...userCommands(CliError),
  help: {
    usage: 'help',
    summary: 'This list',
    args: 0,
    async run(_args, { out }) {
      out(helpText());
    },
  },
};

/** Snapshot files larger than this are read line by line: one string of them could be longer than JavaScript allows. */
const LARGE_SNAPSHOT_BYTES = 256 * 1024 * 1024;

function writeOut(file: string, data: string | Uint8Array) {
  writeFileSync(resolveOut(file), data);
}

/** The absolute path of an output file, its folder made. */
function resolveOut(file: string): string {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  return resolve(file);
}

async function writeExport(kind: ExportKind, file: string, { db, out }: Context, version?: string) {
  const started = performance.now();
  try {
    const bytes = await buildExportOf(db, kind, version);
    writeOut(file, bytes);
    const ms = Math.round(performance.now() - started);
    out(
      `Wrote ${file} (${Math.round(bytes.byteLength / 1024)} KB, ${version ? `version ${version}` : 'now'}, ${ms} ms)`,
    );
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(err.message);
    throw err;
  }
}

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
  let [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(helpText());
    return name === undefined ? 2 : 0;
  }
  // Two-word commands: `user add EMAIL …`.
  if (rest[0] !== undefined && commands[`${name} ${rest[0]}`]) name = `${name} ${rest.shift()}`;
  const command = commands[name];
  if (!command) {
    const family = Object.values(commands).filter((c) => c.usage.startsWith(`${name} `));
    if (family.length) return fail(`usage:\n${family.map((c) => `  npm run cli -- ${c.usage}`).join('\n')}`, 2);
    return fail(`unknown command «${name}». Run «npm run cli -- help» for the list.`, 2);
  }
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) args.push(arg);
    else if (arg.includes('=')) values.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else if (command.options?.includes(arg)) {
      if (i + 1 >= rest.length) return fail(`${arg} needs a value. usage: npm run cli -- ${command.usage}`, 2);
      values.set(arg, rest[++i] as string);
    } else flags.add(arg);
  }
  const unknownOption = [...values.keys()].find((o) => !command.options?.includes(o));
  if (unknownOption) return fail(`unknown option ${unknownOption}. usage: npm run cli -- ${command.usage}`, 2);
  if (args.length !== command.args) return fail(`usage: npm run cli -- ${command.usage}`, 2);

  const dbFile = readConfig({ EHDS_DB: env.EHDS_DB }).dbFile;
  let opened: OpenedDb | undefined;
  try {
    opened = openDb(dbFile);
    await migrate(opened.db);
    await command.run(args, { ...opened, dbFile, out }, flags, values);
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
