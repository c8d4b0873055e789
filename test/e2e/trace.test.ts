// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser };
const Trace = suite<Ctx>('e2e: traceability');

Trace.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
});

Trace.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function open(ctx: Ctx, path: string): Promise<Page> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${ctx.server.url}${path}`);
  await page.locator('ehds-trace-matrix table').waitFor();
  return page;
}

const getJson = async (ctx: Ctx, path: string) => (await fetch(`${ctx.server.url}${path}`)).json();
const matrix = (page: Page) => page.locator('ehds-trace-matrix table');
const requirementRefs = (page: Page) => matrix(page).locator('td.req > a').allInnerTexts();
const total = (page: Page, label: string) =>
  page
    .locator('dl.totals div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd')
    .innerText();

Trace(
  'the matrix: totals of /api/trace, untraced articles and unassessed requirements in text, table semantics',
  async (ctx) => {
    const api = await getJson(ctx, '/api/trace');
    const page = await open(ctx, '/sporbarhet');
    try {
      assert.is(await page.title(), 'Sporbarhet – EHDS gapanalyse');
      assert.is(await total(page, 'Artikler og vedlegg'), String(api.totals.articles));
      assert.is(await total(page, 'Ikke sporet'), String(api.totals.untraced));
      assert.is(await total(page, 'Krav'), String(api.totals.requirements));
      assert.is(await total(page, 'Ikke vurdert'), String(api.totals.not_assessed));
      assert.match(await matrix(page).locator('caption').innerText(), 'Sporbarhet: artikkel → krav');
      assert.is(await matrix(page).locator('thead th[scope="col"]').count(), 10);
      assert.is(await matrix(page).locator('th[scope="rowgroup"]').count(), api.articles.length);
      assert.is(await matrix(page).locator('td.req').count(), api.totals.links);
      const art1 = matrix(page).locator('tbody', { has: page.locator('a[href="/artikler/1"]') });
      assert.match(await art1.innerText(), 'Ikke sporet');
      const art14 = matrix(page).locator('tbody', { has: page.locator('a[href="/artikler/14"]') });
      assert.equal(await art14.locator('td.req > a').allInnerTexts(), ['A2-04', 'A2-05', 'A2-06', 'A2-07', 'A2-08']);
      assert.is(await art14.locator('.badge.not_assessed', { hasText: 'Ikke vurdert' }).count(), 5);
      const a101 = matrix(page)
        .locator('tr', { has: page.locator('a[href="/krav/A1-01"]') })
        .first();
      assert.ok(await a101.locator('a[href="/sporsmal/NV-01"]').count());
      await page.locator('summary', { hasText: 'Krav som ikke er vurdert' }).click();
      assert.is(await page.locator('details table tbody tr').first().locator('a').innerText(), api.not_assessed[0].ref);
    } finally {
      await page.context().close();
    }
  },
);

Trace(
  '/sporbarhet?area=A1 shows only A1 requirements; chapter via the select goes to the URL; back restores',
  async (ctx) => {
    const page = await open(ctx, '/sporbarhet?area=A1');
    try {
      const refs = await requirementRefs(page);
      assert.ok(refs.length > 0);
      for (const ref of refs) assert.match(ref, /^A1-/);
      assert.is(await page.getByLabel('Område').inputValue(), 'A1');
      assert.is(await total(page, 'Krav'), '8');
      assert.match(await matrix(page).locator('caption').innerText(), 'A1 Innbyggerrettigheter');

      await page.getByLabel('Område').selectOption('');
      await page.getByLabel('Kapittel').selectOption('IV');
      await page.waitForURL(/\/sporbarhet\?chapter=IV$/);
      await page
        .locator('dl.totals dd', { hasText: String((await getJson(ctx, '/api/trace?chapter=IV')).totals.articles) })
        .first()
        .waitFor();
      const chapterIv = (await getJson(ctx, '/api/trace?chapter=IV')).articles.map(
        (a: { number: string }) => `/artikler/${a.number}`,
      );
      assert.equal(
        await matrix(page)
          .locator('th[scope="rowgroup"] a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
        chapterIv,
      );

      await page.goBack();
      await page.waitForURL(/\/sporbarhet$/);
      await page.goBack();
      await page.waitForURL(/\/sporbarhet\?area=A1$/);
      await page.waitForFunction(() => document.location.search === '?area=A1');
      await page.locator('ehds-trace-matrix').getByText('A1-01').first().waitFor();
      for (const ref of await requirementRefs(page)) assert.match(ref, /^A1-/);
    } finally {
      await page.context().close();
    }
  },
);

Trace('«bare usporede» leaves only untraced rows; «bare sporede» only traced ones', async (ctx) => {
  const api = await getJson(ctx, '/api/trace');
  const page = await open(ctx, '/sporbarhet');
  try {
    await page.getByLabel('Bare usporede').check();
    await page.waitForURL(/show=untraced/);
    assert.is(await matrix(page).locator('td.req').count(), 0);
    assert.is(await matrix(page).locator('tbody').count(), api.totals.untraced);
    await page.getByLabel('Bare sporede').check();
    await page.waitForURL(/show=traced/);
    assert.is(await matrix(page).locator('tr.untraced').count(), 0);
    assert.is(await matrix(page).locator('td.req').count(), api.totals.links);
  } finally {
    await page.context().close();
  }
});

Trace('«Eksporter CSV» downloads the matrix with the current filter', async (ctx) => {
  const api = await getJson(ctx, '/api/trace?area=A1');
  const page = await open(ctx, '/sporbarhet?area=A1');
  try {
    const link = page.getByRole('link', { name: 'Eksporter CSV' });
    assert.is(await link.getAttribute('href'), '/api/export/trace.csv?area=A1');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = readFileSync((await download.path())!);
    assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    assert.match(lines[0]!, /^article,article_title,chapter/);
    assert.is(lines.length - 1, api.totals.links + api.totals.untraced);
  } finally {
    await page.context().close();
  }
});

Trace('a saved assessment shows in the matrix', async (ctx) => {
  const current = await getJson(ctx, '/api/requirements/A1-01/assessment');
  const res = await fetch(`${ctx.server.url}/api/requirements/A1-01/assessment`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      version: current.version,
      coverage: 'partially_covered',
      work_status: current.work_status,
      gap_dimensions: current.gap_dimensions,
      situation: current.situation,
      gap: current.gap,
      justification: current.justification,
    }),
  });
  assert.ok(res.ok, `PUT assessment: ${res.status} ${await res.text()}`);
  const page = await open(ctx, '/sporbarhet?area=A1');
  try {
    const a101 = matrix(page)
      .locator('tr', { has: page.locator('a[href="/krav/A1-01"]') })
      .first();
    assert.match(await a101.locator('.badge').innerText(), 'Delvis dekket');
  } finally {
    await page.context().close();
  }
});

Trace('English labels after the language switch; axe finds nothing serious', async (ctx) => {
  const page = await open(ctx, '/sporbarhet?area=A2');
  try {
    await screenshot(page, 'trace');
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('ehds-trace-page h1', { hasText: 'Traceability' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Export CSV' }).isVisible());
    assert.match(await matrix(page).locator('thead').innerText(), 'Coverage');
    assert.match(await matrix(page).innerText(), 'Untraced');
    assert.match(await matrix(page).innerText(), 'Not assessed');
    assert.ok(await page.getByLabel('Area').isVisible());
  } finally {
    await page.context().close();
  }
});

Trace.run();
