/**
 * Full-text search of the requirement list. The rule is the one applyRequirementFilters() writes in SQL (the
 * CSV export uses that one): every word must occur somewhere in the requirement's search_text (lower-cased
 * with Norwegian rules, as the words are, and found inside longer words: «journal» finds «pasientjournal»),
 * in the search_text of a principle question linked to it, or in the English title of an article it cites.
 *
 * No SQL index serves «anywhere in the text», so the requirements' texts are kept in memory as a word index:
 * every distinct word once, with the requirements that use it. A search word made of letters and digits can
 * only occur inside one word of a text, so it is looked for in the list of distinct words (a few thousand,
 * however many requirements there are) instead of in every text. A search word with other characters
 * («2025/327», «art.») is looked for in the kept texts themselves. When the database changes, only the texts
 * that changed are indexed again. Questions and articles are few and are searched in SQL.
 */
import type { Db } from '../../schema/db.ts';
import { dataVersion } from '../../schema/db.ts';
import { containsTerm } from '../lib/text.ts';

/** What a word of a text is made of; a search word of only these characters can be found in the word list. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ONLY_WORD = /^[\p{L}\p{M}\p{N}]+$/u;

interface WordList {
  /** The distinct words joined by newlines, searched with one indexOf per search word. */
  joined: string;
  /** Where each word starts in `joined`, in order. */
  starts: Int32Array;
  words: string[];
}

class WordIndex {
  version = '';
  private texts = new Map<number, string>();
  private words = new Map<string, Set<number>>();
  private list: WordList | null = null;

  /** Brings the index up to the texts now in the database: only the texts that changed are split again. */
  update(rows: { id: number; text: string }[]): void {
    const seen = new Set<number>();
    for (const { id, text } of rows) {
      seen.add(id);
      const before = this.texts.get(id);
      if (before === text) continue;
      if (before !== undefined) this.forget(id, before);
      this.texts.set(id, text);
      for (const word of new Set(text.match(WORD))) {
        let ids = this.words.get(word);
        if (!ids) {
          ids = new Set();
          this.words.set(word, ids);
          this.list = null;
        }
        ids.add(id);
      }
    }
    for (const [id, text] of this.texts) if (!seen.has(id)) this.forget(id, text);
  }

  private forget(id: number, text: string): void {
    this.texts.delete(id);
    for (const word of new Set(text.match(WORD))) {
      const ids = this.words.get(word);
      ids?.delete(id);
      if (ids?.size === 0) {
        this.words.delete(word);
        this.list = null;
      }
    }
  }

  private wordList(): WordList {
    if (!this.list) {
      const words = [...this.words.keys()];
      const starts = new Int32Array(words.length + 1);
      let at = 0;
      words.forEach((w, i) => {
        starts[i] = at;
        at += w.length + 1;
      });
      starts[words.length] = at;
      this.list = { joined: words.join('\n'), starts, words };
    }
    return this.list;
  }

  /** The requirements whose text contains `term`. */
  find(term: string, into: Set<number>): void {
    if (!ONLY_WORD.test(term)) {
      for (const [id, text] of this.texts) if (text.includes(term)) into.add(id);
      return;
    }
    const { joined, starts, words } = this.wordList();
    let from = 0;
    for (;;) {
      const at = joined.indexOf(term, from);
      if (at === -1) return;
      // The word the match lies in: the last one starting at or before it.
      let lo = 0;
      let hi = words.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= at) lo = mid;
        else hi = mid - 1;
      }
      for (const id of this.words.get(words[lo] as string) ?? []) into.add(id);
      from = starts[lo + 1] as number;
    }
  }
}

const indexes = new WeakMap<Db, { index: WordIndex; updating?: Promise<WordIndex> }>();

/** The word index of the texts as they are now; read again (the changed texts split again) after any change. */
async function currentIndex(db: Db): Promise<WordIndex> {
  const read = () => db.selectFrom('requirement').select(['id', 'search_text as text']).execute();
  if (db.isTransaction) {
    // Texts written in the transaction and not committed yet: an index of its own, not kept.
    const own = new WordIndex();
    own.update(await read());
    return own;
  }
  let kept = indexes.get(db);
  if (!kept) {
    kept = { index: new WordIndex() };
    indexes.set(db, kept);
  }
  const entry = kept;
  const version = await dataVersion(db);
  if (entry.index.version === version) return entry.index;
  entry.updating ??= (async () => {
    try {
      entry.index.update(await read());
      entry.index.version = version;
      return entry.index;
    } finally {
      entry.updating = undefined;
    }
  })();
  return entry.updating;
}

/** Requirements linked to a principle question or an article whose text contains `term`. */
async function linkedMatching(db: Db, term: string, into: Set<number>): Promise<void> {
  const [questions, provisions] = await Promise.all([
    db
      .selectFrom('question_requirement')
      .innerJoin('question', 'question.id', 'question_requirement.question_id')
      .select('question_requirement.requirement_id')
      .where(containsTerm('question.search_text', term))
      .execute(),
    // The few hundred titles first, then their links by index (a join would read every link).
    db
      .selectFrom('requirement_provision')
      .select('requirement_id')
      .where('provision_id', 'in', (eb) =>
        eb.selectFrom('provision').select('provision.id').where(containsTerm('provision.title_en', term)),
      )
      .execute(),
  ]);
  for (const r of questions) into.add(r.requirement_id);
  for (const r of provisions) into.add(r.requirement_id);
}

/** Ids of the requirements every one of `terms` (lower-cased, as searchTerms() gives them) finds. */
export async function requirementsMatching(db: Db, terms: string[]): Promise<Set<number>> {
  const index = await currentIndex(db);
  let found: Set<number> | undefined;
  for (const term of terms) {
    const hits = new Set<number>();
    index.find(term, hits);
    await linkedMatching(db, term, hits);
    if (found) for (const id of found) if (!hits.has(id)) found.delete(id);
    found ??= hits;
    if (found.size === 0) break;
  }
  return found ?? new Set();
}
