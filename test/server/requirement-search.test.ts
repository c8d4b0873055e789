import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { searchTerms } from '../../server/lib/text.ts';
import { requirementsMatching } from '../../server/queries/requirement-search.ts';
import { applyRequirementFilters } from '../../server/queries/requirements.ts';
import { call, makeApp } from '../helpers.ts';

type Ctx = Awaited<ReturnType<typeof makeApp>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read freely
const refsOf = (body: any): string[] => body.items.map((i: { ref: string }) => i.ref);

/** What the SQL rule (the CSV export's) finds for `q`: the word index must find exactly the same. */
async function sqlMatches(db: Ctx['db'], q: string): Promise<number[]> {
  const rows = await applyRequirementFilters(
    db.selectFrom('requirement').innerJoin('assessment', 'assessment.requirement_id', 'requirement.id'),
    { q },
  )
    .select('requirement.id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

const indexMatches = async (db: Ctx['db'], q: string) =>
  [...(await requirementsMatching(db, searchTerms(q)))].sort((a, b) => a - b);

const Search = suite<Ctx>('requirement search (word index)');

Search.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Search('finds what the SQL rule finds, for whole words, word starts, word middles and punctuation', async ({ db }) => {
  const texts = await db.selectFrom('requirement').select('search_text').execute();
  const words = [...new Set(texts.flatMap((t) => t.search_text.match(/[\p{L}\p{N}]{3,}/gu) ?? []))].sort();
  assert.ok(words.length > 300, `the seeded texts have many words (${words.length})`);
  // Every 7th word whole, its start and its middle; then terms the word list cannot serve.
  const terms = words.filter((_, i) => i % 7 === 0).flatMap((w) => [w, w.slice(0, 3), w.slice(1, -1)]);
  terms.push('2025/327', 'art.', '(', '«', 'e-helse', 'æ', 'ø', 'å', 'x', '%', 'data helse', 'rett til', 'qqqq');
  let nonEmpty = 0;
  for (const q of terms) {
    const expected = await sqlMatches(db, q);
    if (expected.length) nonEmpty++;
    assert.equal(await indexMatches(db, q), expected, `«${q}»`);
  }
  assert.ok(nonEmpty > terms.length / 2, 'most terms find something, so the comparison says something');
});

Search('an English article title finds the requirements that cite it', async ({ db }) => {
  const expected = await sqlMatches(db, 'electronic health record');
  assert.ok(expected.length > 0);
  assert.equal(await indexMatches(db, 'electronic health record'), expected);
});

Search('a saved assessment is found by its new words at once, and no longer by the words it lost', async () => {
  const { app } = await makeApp();
  const search = async (q: string) => refsOf((await call(app, 'GET', `/api/requirements?q=${q}`)).body);
  assert.equal(await search('blåbærsyltetøy'), []);
  const save = (version: number, situation: string) =>
    call(app, 'PUT', '/api/requirements/A3-02/assessment', {
      version,
      coverage: 'partially_covered',
      work_status: 'in_progress',
      gap_dimensions: ['technical'],
      situation,
      gap: '',
      justification: '',
      responsible_organisation_id: null,
    });
  const read = await call(app, 'GET', '/api/requirements/A3-02/assessment');
  const first = await save(read.body.version, 'Leverandøren bruker BLÅBÆRSYLTETØY-formatet i dag.');
  assert.is(first.status, 200, JSON.stringify(first.body));
  assert.equal(await search('blåbærsyltetøy'), ['A3-02']);
  assert.equal(await search('syltetøy-format'), ['A3-02'], 'a term with a hyphen is looked for in the texts');
  const second = await save(first.body.version, 'Leverandøren bruker tyttebærformatet.');
  assert.is(second.status, 200, JSON.stringify(second.body));
  assert.equal(await search('blåbærsyltetøy'), []);
  assert.equal(await search('tyttebær'), ['A3-02']);
});

Search('a new requirement is found, a removed one is not', async () => {
  const { app, db } = await makeApp();
  const created = await call(app, 'POST', '/api/requirements', { ref: 'A5-08', title: 'Multeklyngetilsyn' });
  assert.is(created.status, 201);
  const found = await call(app, 'GET', '/api/requirements?q=multeklynge');
  assert.equal(refsOf(found.body), ['A5-08']);
  // The API never deletes a requirement; a snapshot restore or a database tool can.
  const { id } = await db.selectFrom('requirement').select('id').where('ref', '=', 'A5-08').executeTakeFirstOrThrow();
  await db.deleteFrom('assessment').where('requirement_id', '=', id).execute();
  await db.deleteFrom('requirement').where('id', '=', id).execute();
  assert.equal([...(await requirementsMatching(db, ['multeklynge']))], []);
  assert.is(refsOf((await call(app, 'GET', '/api/requirements?q=tilsyn')).body).includes('A5-08'), false);
});

Search('inside a transaction the search sees the transaction’s own, uncommitted texts', async () => {
  const { db } = await makeApp();
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('requirement')
        .set({ search_text: 'a1-01 kantarellplukking' })
        .where('ref', '=', 'A1-01')
        .execute();
      assert.is((await requirementsMatching(trx, ['kantarell'])).size, 1);
      throw new Error('roll back');
    })
    .catch(() => undefined);
  assert.is((await requirementsMatching(db, ['kantarell'])).size, 0);
});

Search.run();
