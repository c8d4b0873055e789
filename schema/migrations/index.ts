/** Migrations are registered here, statically, in order. A landed migration is never edited. */
import type { Migration } from 'kysely';
import * as m0001 from './0001_analysis.ts';

export const migrations: Record<string, Migration> = {
  '0001_analysis': m0001,
};
