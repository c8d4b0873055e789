/** Migrations are registered here, statically, in order. A landed migration is never edited. */
import type { Migration } from 'kysely';
import * as m0001 from './0001_analysis.ts';
import * as m0002 from './0002_measures.ts';
import * as m0003 from './0003_versions.ts';
import * as m0004 from './0004_accounts.ts';
import * as m0005 from './0005_indexes.ts';

export const migrations: Record<string, Migration> = {
  '0001_analysis': m0001,
  '0002_measures': m0002,
  '0003_versions': m0003,
  '0004_accounts': m0004,
  '0005_indexes': m0005,
};
