/** Articles and annexes of the regulation, and how a citation like `14(1)(b)` finds its article. */
import type { Db } from '../../schema/db.ts';

export const EHDS_ACT = 'EU 2025/327';

/**
 * The article a citation points into: `14(1)(b)` → `14`, `Art. 23(2)` → `23`, `Annex II` → `Annex II`.
 * Returns null when the text is no citation.
 */
export function provisionNumberOf(pinpoint: string): string | null {
  const text = pinpoint.trim();
  const annex = /^(?:annex|vedlegg)\s+([IVX]+)$/i.exec(text);
  if (annex) return `Annex ${annex[1]!.toUpperCase()}`;
  const article = /^(?:art(?:ikkel|icle)?\.?\s*)?(\d{1,3})((?:\(\w{1,4}\))*)$/i.exec(text);
  return article ? article[1]! : null;
}

/** Normalises a citation to the form we store: `Art. 14(1)(b)` → `14(1)(b)`, `annex ii` → `Annex II`. */
export function normalisePinpoint(pinpoint: string): string | null {
  const number = provisionNumberOf(pinpoint);
  if (!number) return null;
  if (number.startsWith('Annex')) return number;
  const tail = /((?:\(\w{1,4}\))*)$/.exec(pinpoint.trim())?.[1] ?? '';
  return `${number}${tail.toLowerCase()}`;
}

/** Looks up the provisions for citations; `unknown` lists the citations that match none. */
export async function resolvePinpoints(db: Db, pinpoints: string[]) {
  const wanted = pinpoints.map((p) => ({ raw: p, pinpoint: normalisePinpoint(p), number: provisionNumberOf(p) }));
  const numbers = [...new Set(wanted.map((w) => w.number).filter((n): n is string => n !== null))];
  const rows = numbers.length
    ? await db
        .selectFrom('provision')
        .select(['id', 'number'])
        .where('act', '=', EHDS_ACT)
        .where('number', 'in', numbers)
        .execute()
    : [];
  const byNumber = new Map(rows.map((r) => [r.number, r.id]));
  const resolved: { pinpoint: string; provisionId: number }[] = [];
  const unknown: string[] = [];
  for (const w of wanted) {
    const id = w.number ? byNumber.get(w.number) : undefined;
    if (id === undefined || !w.pinpoint) unknown.push(w.raw);
    else if (!resolved.some((r) => r.pinpoint === w.pinpoint)) resolved.push({ pinpoint: w.pinpoint, provisionId: id });
  }
  return { resolved, unknown };
}
