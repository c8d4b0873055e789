/** Text helpers shared by queries: full-text search normalisation and dates. */
import { sql } from 'kysely';

/** Lower-cases with Norwegian rules so that «Ø» finds «ø»; SQLite's lower() only folds ASCII. */
export function searchable(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join(' \n ')
    .toLocaleLowerCase('nb-NO')
    .normalize('NFC');
}

/** Splits a search query into lower-cased words; each must occur in the searched text. */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .toLocaleLowerCase('nb-NO')
    .normalize('NFC')
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, 10);
}

/** Escapes LIKE wildcards so that a user's `%` or `_` is matched literally (with `ESCAPE '\'`). */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * `column LIKE '%term%' ESCAPE '\'`: the column contains the search word, wildcards taken literally.
 * The ESCAPE clause is what makes likeContains() work (SQLite has no default escape character).
 */
export const containsTerm = (column: string, term: string) =>
  sql<boolean>`${sql.ref(column)} like ${likeContains(term)} escape '\\'`;

/**
 * Orders that sort thousands of rows: one collator each, because `localeCompare` with a locale builds a new
 * collator on every call (tens of microseconds each, seconds for a large sort).
 */
const natural = new Intl.Collator('en', { numeric: true });
const norwegian = new Intl.Collator('nb');
/** Natural order of refs and numbers in text: A1-02 before A1-10. */
export const compareNatural = (a: string, b: string) => natural.compare(a, b);
/** Norwegian alphabetical order: æ, ø, å after z. */
export const compareNb = (a: string, b: string) => norwegian.compare(a, b);

export const now = () => new Date().toISOString();

export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date in `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
