/**
 * Full-text search of the requirement list, in memory. The search finds a word anywhere in a requirement's
 * text (`LIKE '%word%'`, so that «journal» finds «pasientjournal»), which no index serves: in SQL every search
 * reads every requirement's text. Here the texts are read once and kept until the database changes (a few
 * megabytes for thousands of requirements), and each search scans them in memory, several times faster.
 *
 * The rule is the one applyRequirementFilters() writes in SQL (the CSV export uses that one): every word must
 * occur in the requirement's search_text (lower-cased with Norwegian rules, as the words are), in the
 * search_text of a principle question linked to it, or in the English title of an article it cites, where
 * LIKE folds only ASCII letters.
 */
import type { Db } from '../../schema/db.ts';
import { changeCache } from '../lib/change-cache.ts';

interface SearchIndex {
  requirements: { id: number; text: string }[];
  /** Texts that find the requirements linked to them. */
  linked: { text: string; requirementIds: number[] }[];
}

const indexes = changeCache<SearchIndex>(1);

const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());

async function loadIndex(db: Db): Promise<SearchIndex> {
  const [requirements, questions, provisions] = await Promise.all([
    db.selectFrom('requirement').select(['id', 'search_text as text']).execute(),
    db
      .selectFrom('question_requirement')
      .innerJoin('question', 'question.id', 'question_requirement.question_id')
      .select(['question.id', 'question.search_text as text', 'question_requirement.requirement_id'])
      .execute(),
    db
      .selectFrom('requirement_provision')
      .innerJoin('provision', 'provision.id', 'requirement_provision.provision_id')
      .select(['provision.id', 'provision.title_en as text', 'requirement_provision.requirement_id'])
      .execute(),
  ]);
  const linked = new Map<string, { text: string; requirementIds: number[] }>();
  for (const [kind, rows] of [
    ['q', questions],
    ['p', provisions],
  ] as const) {
    for (const row of rows) {
      const key = `${kind}${row.id}`;
      let entry = linked.get(key);
      if (!entry) {
        entry = { text: kind === 'p' ? asciiLower(row.text) : row.text, requirementIds: [] };
        linked.set(key, entry);
      }
      entry.requirementIds.push(row.requirement_id);
    }
  }
  return { requirements, linked: [...linked.values()] };
}

/** Ids of the requirements every one of `terms` (lower-cased, as searchTerms() gives them) finds. */
export async function requirementsMatching(db: Db, terms: string[]): Promise<Set<number>> {
  const index = await indexes.get(db, 'all', () => loadIndex(db));
  let found: Set<number> | undefined;
  for (const term of terms) {
    const hits = new Set<number>();
    for (const r of index.requirements) if (r.text.includes(term)) hits.add(r.id);
    for (const l of index.linked) if (l.text.includes(term)) for (const id of l.requirementIds) hits.add(id);
    found = found ? new Set([...found].filter((id) => hits.has(id))) : hits;
    if (found.size === 0) break;
  }
  return found ?? new Set();
}
