// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser };
const Articles = suite<Ctx>('e2e: articles');

Articles.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
});

Articles.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function open(ctx: Ctx, path: string, ready: string): Promise<Page> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${ctx.server.url}${path}`);
  await page.locator(ready).first().waitFor();
  return page;
}

/** The row of an article in the tree, by its link. */
const row = (page: Page, number: string) =>
  page.locator('ehds-article-tree tbody tr', {
    has: page.locator(`a[href="/artikler/${encodeURIComponent(number)}"]`),
  });

Articles('chapters → sections → articles; article 14 traces to A2-04…A2-08, article 1 is untraced', async (ctx) => {
  const page = await open(ctx, '/artikler', 'ehds-article-tree');
  try {
    assert.is(await page.title(), 'Artikler – EHDS gapanalyse');
    assert.is(await page.locator('h1').count(), 1);
    assert.equal(await row(page, '14').locator('ul.refs a').allInnerTexts(), [
      'A2-04',
      'A2-05',
      'A2-06',
      'A2-07',
      'A2-08',
    ]);
    assert.is(await row(page, '14').locator('a[href="/krav/A2-05"]').count(), 1);
    assert.match(await row(page, '14').innerText(), '26.03.2029');
    const art1 = await row(page, '1').innerText();
    assert.match(art1, 'Ikke sporet');
    assert.match(art1, 'Gjelder fra 26.03.2027');
    const { total } = await (await fetch(`${ctx.server.url}/api/articles?untraced=true&limit=1`)).json();
    assert.match(
      await page.locator('ehds-articles-page .summary').innerText(),
      `109 av 109 artikler og vedlegg vises · ${total} ikke sporet`,
    );
    const headings = await page.locator('ehds-article-tree h2').allInnerTexts();
    assert.is(headings.length, 10);
    assert.match(headings[0]!, 'Kapittel I');
    assert.match(headings[9]!, 'Vedlegg');
    assert.match(await page.locator('ehds-article-tree h3').first().innerText(), 'Avsnitt 1');
    await screenshot(page, 'articles');
  } finally {
    await page.context().close();
  }
});

Articles('«bare usporede» filters in the URL, and a deep link restores it', async (ctx) => {
  const page = await open(ctx, '/artikler', 'ehds-article-tree');
  try {
    const { total } = await (await fetch(`${ctx.server.url}/api/articles?untraced=true&limit=1`)).json();
    await page.getByLabel('Bare usporede artikler').check();
    await page.waitForURL(/\?untraced=true$/);
    assert.is(await page.locator('ehds-article-tree tbody tr').count(), total);
    assert.is(await row(page, '14').count(), 0);
    assert.is(await row(page, '1').count(), 1);
    await page.reload();
    await page.locator('ehds-article-tree').waitFor();
    assert.ok(await page.getByLabel('Bare usporede artikler').isChecked());
    assert.is(await page.locator('ehds-article-tree tbody tr').count(), total);
    await page.getByLabel('Søk i artikler').fill('definitions');
    await page.waitForURL(/q=definitions/);
    assert.equal(await page.locator('ehds-article-tree tbody th').allInnerTexts(), ['Art. 2']);
  } finally {
    await page.context().close();
  }
});

Articles('chapters and sections open and close by keyboard', async (ctx) => {
  const page = await open(ctx, '/artikler', 'ehds-article-tree');
  try {
    const chapter = page.locator('ehds-article-tree button[aria-controls="b-ch-II"]');
    assert.is(await chapter.getAttribute('aria-expanded'), 'true');
    await chapter.focus();
    await page.keyboard.press('Enter');
    assert.is(await chapter.getAttribute('aria-expanded'), 'false');
    assert.not.ok(await page.locator('a[href="/artikler/14"]').isVisible());
    await page.keyboard.press('Space');
    assert.is(await chapter.getAttribute('aria-expanded'), 'true');
    assert.ok(await page.locator('a[href="/artikler/14"]').isVisible());
    await page.getByRole('button', { name: 'Skjul alle' }).click();
    assert.not.ok(await page.locator('a[href="/artikler/3"]').isVisible());
    await page.getByRole('button', { name: 'Vis alle' }).click();
    assert.ok(await page.locator('a[href="/artikler/3"]').isVisible());
  } finally {
    await page.context().close();
  }
});

Articles('article 14: requirements with coverage, implementing acts, national-choice questions', async (ctx) => {
  const page = await open(ctx, '/artikler', 'ehds-article-tree');
  try {
    await page.locator('a[href="/artikler/14"]').click();
    await page.locator('ehds-article-page table').first().waitFor();
    assert.is(await page.title(), 'Artikkel 14 – Artikler – EHDS gapanalyse');
    assert.is(
      await page.locator('ehds-article-page h1').innerText(),
      'Priority categories of personal electronic health data for primary use',
    );
    const reqRows = page.locator('ehds-article-page table').first().locator('tbody tr');
    assert.equal(await reqRows.locator('th').allInnerTexts(), ['A2-04', 'A2-05', 'A2-06', 'A2-07', 'A2-08']);
    assert.match(await reqRows.nth(0).innerText(), '14(1)(b), 14(1)(c)');
    assert.match(await reqRows.nth(1).innerText(), 'Ikke vurdert');
    const api = await (await fetch(`${ctx.server.url}/api/articles/14`)).json();
    assert.ok(api.implementing_acts.length > 0);
    assert.is(
      await page.locator('ehds-article-page table').nth(1).locator('tbody tr').count(),
      api.implementing_acts.length,
    );
    const questions = await page.locator('ehds-article-page ul.questions li a').allInnerTexts();
    assert.equal(
      questions,
      api.questions.map((q: { ref: string }) => q.ref),
    );
    assert.ok(questions.includes('PS-07'));
    await screenshot(page, 'article-14');
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
  } finally {
    await page.context().close();
  }
});

Articles('an untraced article says so; an unknown one shows an error with retry', async (ctx) => {
  const page = await open(ctx, '/artikler/1', 'ehds-article-page .untraced');
  try {
    assert.match(
      await page.locator('ehds-article-page .untraced').innerText(),
      'Ingen krav viser til denne artikkelen',
    );
    await page.goto(`${ctx.server.url}/artikler/999`);
    await page.locator('ehds-article-page ehds-async-state[status="error"]').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Prøv igjen' }).isVisible());
  } finally {
    await page.context().close();
  }
});

Articles('English labels after the language switch', async (ctx) => {
  const page = await open(ctx, '/artikler', 'ehds-article-tree');
  try {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('ehds-articles-page h1', { hasText: 'Articles' }).waitFor();
    assert.match(await row(page, '1').innerText(), 'Untraced');
    assert.match(await row(page, '14').innerText(), 'Applies from 26.03.2029');
    assert.ok(await page.getByLabel('Untraced articles only').isVisible());
    assert.match(await page.locator('ehds-article-tree h2').first().innerText(), 'Chapter I');
    assert.is(await page.title(), 'Articles – EHDS gap analysis');
  } finally {
    await page.context().close();
  }
});

Articles('axe: no serious or critical violations on /artikler', async (ctx) => {
  const page = await open(ctx, '/artikler', 'ehds-article-tree');
  try {
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
  } finally {
    await page.context().close();
  }
});

Articles.run();
