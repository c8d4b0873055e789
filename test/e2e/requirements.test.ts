// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

const List = suite<{ server: RunningServer; browser: Browser }>('e2e: requirements list');

async function setCoverage(url: string, ref: string, coverage: string) {
  const current = await (await fetch(`${url}/api/requirements/${ref}/assessment`)).json();
  const res = await fetch(`${url}/api/requirements/${ref}/assessment`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      version: current.version,
      coverage,
      work_status: current.work_status,
      gap_dimensions: current.gap_dimensions,
      situation: current.situation,
      gap: current.gap,
      justification: current.justification,
    }),
  });
  assert.ok(res.ok, `PUT ${ref}: ${res.status}`);
}

async function apiRefs(url: string, query: string): Promise<string[]> {
  const paging = query.includes('limit=') ? '' : 'limit=10000&';
  const body = await (await fetch(`${url}/api/requirements?${paging}${query}`)).json();
  return body.items.map((r: { ref: string }) => r.ref);
}

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeout = 8000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

const rowRefs = (page: Page) =>
  page
    .locator('ehds-requirements-page tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.ref!));

/** Waits until the table shows exactly these refs, in this order. */
async function expectRows(page: Page, refs: string[]) {
  try {
    await until(`rows ${refs.join(',')}`, async () => (await rowRefs(page)).join() === refs.join());
  } catch (e) {
    throw new Error(`${(e as Error).message}; shown: ${(await rowRefs(page)).join(',')}`);
  }
}

const count = (page: Page) => page.locator('ehds-requirements-page #count').innerText();

List.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
  await setCoverage(ctx.server.url, 'A2-05', 'not_covered');
  await setCoverage(ctx.server.url, 'A2-02', 'partially_covered');
  await setCoverage(ctx.server.url, 'A1-03', 'not_covered');
});

List.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function open(ctx: { server: RunningServer; browser: Browser }, path = '/krav') {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${ctx.server.url}${path}`);
  await page.locator('ehds-requirements-page tbody tr').first().waitFor();
  return page;
}

List('filters by area and coverage combined, with chips, count and URL', async (ctx) => {
  const page = await open(ctx);
  try {
    assert.is(await count(page), '38 krav');
    assert.is(await page.title(), 'Krav – EHDS gapanalyse');
    await page.getByRole('checkbox', { name: 'A2 Primærbruk' }).check();
    await expectRows(page, await apiRefs(ctx.server.url, 'area=A2'));
    assert.is(await count(page), '8 krav');
    await page.getByRole('checkbox', { name: 'Ikke dekket' }).check();
    await expectRows(page, ['A2-05']);
    assert.is(await count(page), '1 krav');
    assert.match(page.url(), /\/krav\?area=A2&coverage=not_covered$/);
    await page.getByRole('checkbox', { name: 'Delvis dekket' }).check();
    await expectRows(page, ['A2-02', 'A2-05']);
    const chips = await page.locator('ehds-filter-chips button.chip').allInnerTexts();
    assert.equal(
      chips.map((c) => c.replace('✕', '').trim()),
      ['Område: A2 Primærbruk', 'Dekningsgrad: Delvis dekket', 'Dekningsgrad: Ikke dekket'],
    );
    // The export link carries exactly the filters shown.
    const href = await page.getByRole('link', { name: 'Eksporter CSV' }).getAttribute('href');
    assert.is(href, '/api/export/requirements.csv?area=A2&coverage=partially_covered%2Cnot_covered');
    const csv = await (await fetch(`${ctx.server.url}${href}`)).text();
    const refs = csv
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]);
    assert.equal(refs, ['A2-02', 'A2-05']);

    // Chips remove one value each; «clear all» empties the filters.
    await page.getByRole('button', { name: 'Fjern filter Dekningsgrad: Delvis dekket' }).click();
    await expectRows(page, ['A2-05']);
    await page.getByRole('button', { name: 'Fjern filter Område: A2 Primærbruk' }).click();
    await expectRows(page, ['A1-03', 'A2-05']);
    assert.not.ok(await page.getByRole('checkbox', { name: 'A2 Primærbruk' }).isChecked());
    await page.getByRole('button', { name: 'Fjern alle filtre' }).click();
    await until('all rows', async () => (await count(page)) === '38 krav');
    assert.is(new URL(page.url()).search, '');
    assert.is(await page.locator('ehds-filter-chips button.chip').count(), 0);

    // The back button steps back through the filter changes.
    await page.goBack();
    await expectRows(page, ['A1-03', 'A2-05']);
    assert.ok(await page.getByRole('checkbox', { name: 'Ikke dekket' }).isChecked());
    await page.goBack();
    await expectRows(page, ['A2-05']);
    assert.ok(await page.getByRole('checkbox', { name: 'A2 Primærbruk' }).isChecked());
  } finally {
    await page.close();
  }
});

List('full-text search «reservasjon» (debounced) finds the right rows', async (ctx) => {
  const page = await open(ctx);
  try {
    const expected = await apiRefs(ctx.server.url, 'q=reservasjon');
    assert.equal(expected, ['A1-06', 'A4-07']);
    await page.getByLabel('Søk i krav').pressSequentially('reservasjon', { delay: 20 });
    await expectRows(page, expected);
    assert.match(page.url(), /q=reservasjon/);
    assert.ok(await page.getByRole('button', { name: 'Fjern filter Søk: «reservasjon»' }).isVisible());
    // Combined with an area filter.
    await page.getByRole('checkbox', { name: 'A4 Sekundærbruk' }).check();
    await expectRows(page, ['A4-07']);
    await page.getByRole('button', { name: 'Fjern filter Søk: «reservasjon»' }).click();
    await expectRows(page, await apiRefs(ctx.server.url, 'area=A4'));
    assert.is(await page.getByLabel('Søk i krav').inputValue(), '');
  } finally {
    await page.close();
  }
});

List('sorts by deadline with the column header, both ways', async (ctx) => {
  const page = await open(ctx);
  try {
    const header = page.locator('th', { has: page.locator('button[data-sort="deadline"]') });
    assert.is(await header.getAttribute('aria-sort'), 'none');
    await page.locator('button[data-sort="deadline"]').click();
    await expectRows(page, await apiRefs(ctx.server.url, 'sort=deadline&order=asc'));
    assert.is(await header.getAttribute('aria-sort'), 'ascending');
    assert.match(page.url(), /sort=deadline/);
    const dates = await page
      .locator('tbody td.date')
      .evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent?.trim()));
    const iso = dates.map((d) => d!.split('.').reverse().join('-'));
    assert.equal(iso, [...iso].sort());
    await page.locator('button[data-sort="deadline"]').click();
    await expectRows(page, await apiRefs(ctx.server.url, 'sort=deadline&order=desc'));
    assert.is(await header.getAttribute('aria-sort'), 'descending');
    assert.match(await page.locator('tbody td.date').first().innerText(), /26\.03\.2031/);
  } finally {
    await page.close();
  }
});

List('a deep link restores the filters; the language switch relabels everything', async (ctx) => {
  const page = await open(ctx, '/krav?area=A4&sort=deadline&order=desc');
  try {
    await expectRows(page, await apiRefs(ctx.server.url, 'area=A4&sort=deadline&order=desc'));
    assert.ok(await page.getByRole('checkbox', { name: 'A4 Sekundærbruk' }).isChecked());
    assert.not.ok(await page.getByRole('checkbox', { name: 'A1 Innbyggerrettigheter' }).isChecked());
    assert.is(await count(page), '11 krav');
    assert.is(
      await page.locator('th', { has: page.locator('button[data-sort="deadline"]') }).getAttribute('aria-sort'),
      'descending',
    );

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Requirements' }).waitFor();
    assert.is(await count(page), '11 requirements');
    assert.ok(await page.getByRole('checkbox', { name: 'A4 Secondary use' }).isChecked());
    assert.ok(await page.getByRole('button', { name: 'Remove filter Area: A4 Secondary use' }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Deadline' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Export CSV' }).isVisible());
    assert.ok(await page.getByLabel('Search requirements').isVisible());
    assert.is(await page.title(), 'Requirements – EHDS gap analysis');
    const firstCoverage = await page.locator('tbody tr').first().locator('.badge').innerText();
    assert.ok(
      ['Not assessed', 'Not covered', 'Partially covered', 'Covered', 'Not applicable'].includes(firstCoverage),
    );
  } finally {
    await page.close();
  }
});

List('axe finds no serious or critical violations', async (ctx) => {
  const page = await open(ctx, '/krav?area=A2');
  try {
    await expectRows(page, await apiRefs(ctx.server.url, 'area=A2'));
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations, null, 2));
    await screenshot(page, 'requirements');
  } finally {
    await page.close();
  }
});

List('with thousands of requirements it renders one page of 100 rows and pages through', async (ctx) => {
  // 2,000 more requirements (A3-100 … A5-299: refs the seed does not use).
  const extra = 2000;
  const posts: Promise<Response>[] = [];
  for (let i = 0; i < extra; i++) {
    const area = i < 900 ? 'A3' : i < 1800 ? 'A4' : 'A5';
    const n = 100 + (i % 900);
    posts.push(
      fetch(`${ctx.server.url}/api/requirements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ref: `${area}-${n}`, title: `Generert krav ${i}`, deadline: '2031-03-26' }),
      }),
    );
    if (posts.length === 50) {
      for (const res of await Promise.all(posts.splice(0))) assert.ok(res.ok, `POST ${res.status}`);
    }
  }
  for (const res of await Promise.all(posts)) assert.ok(res.ok, `POST ${res.status}`);
  const total = 38 + extra;
  const page = await open(ctx);
  try {
    assert.is(await count(page), `${total} krav`);
    assert.is(await page.locator('tbody tr').count(), 100);
    assert.match(await page.locator('.summary .range').innerText(), `1–100 av ${total}`);
    const started = Date.now();
    await page.getByRole('button', { name: 'Neste side' }).click();
    await until('page 2', async () =>
      (await page.locator('.summary .range').innerText()).includes(`101–200 av ${total}`),
    );
    assert.ok(Date.now() - started < 3000, 'page 2 within 3 s');
    assert.match(page.url(), /page=2/);
    assert.is(await page.locator('tbody tr').count(), 100);
    assert.equal(await rowRefs(page), await apiRefs(ctx.server.url, 'limit=100&offset=100'));
    // A filter starts again on page 1.
    await page.getByRole('checkbox', { name: 'A5 Styring' }).check();
    await until('A5 page 1', async () => (await page.locator('.summary .range').innerText()).startsWith('Viser 1–100'));
    assert.not.match(page.url(), /page=/);
  } finally {
    await page.close();
  }
});

List.run();
