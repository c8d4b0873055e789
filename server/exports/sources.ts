/** Where an export's content comes from: the live database (now) or a frozen version, and the one before it. */
import type { Db } from '../../schema/db.ts';
import { readSnapshot, type Snapshot } from '../queries/snapshot.ts';
import { loadVersionSnapshot, previousVersionName } from '../queries/versions.ts';
import { buildAnalysisView } from './analysis.ts';
import { type Comparison, compareViews } from './changes.ts';

/** The analysis of `version`, or as it is now when no version is given. */
export const snapshotOf = (db: Db, version?: string): Promise<Snapshot> =>
  version === undefined ? readSnapshot(db) : loadVersionSnapshot(db, version);

/** The version a report's change list starts from (the one before `version`, or the newest for now). */
export async function previousSnapshot(db: Db, version?: string): Promise<Snapshot | undefined> {
  const name = await previousVersionName(db, version);
  return name === undefined ? undefined : loadVersionSnapshot(db, name);
}

/** What changed from version `from` to version `to`, or to now. */
export async function compareNamed(db: Db, from: string, to?: string): Promise<Comparison> {
  const [before, after] = await Promise.all([loadVersionSnapshot(db, from), snapshotOf(db, to)]);
  return compareViews(buildAnalysisView(before), buildAnalysisView(after));
}

/** A file name part: ASCII letters, digits, `.`, `_` and `-`; anything else becomes `-`. */
export const fileNamePart = (text: string) =>
  text
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'oe')
    .replace(/[åÅ]/g, 'aa')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'versjon';

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII name for old clients, the exact one for the rest. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
