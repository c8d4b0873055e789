// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

const Dashboard = suite<{ server: RunningServer; browser: Browser }>('e2e: dashboard');

const COVERAGE = ['covered', 'partially_covered', 'not_covered', 'not_applicable', 'not_assessed'] as const;

async function setCoverage(url: string, ref: string, coverage: string, extra: Record<string, unknown> = {}) {
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
      ...extra,
    }),
  });
  assert.ok(res.ok, `PUT ${ref}: ${res.status}`);
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
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.ref));

Dashboard.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
  // Some spread, so the bars have more than one segment.
  await setCoverage(ctx.server.url, 'A2-01', 'covered');
  await setCoverage(ctx.server.url, 'A2-03', 'not_covered');
  await setCoverage(ctx.server.url, 'A2-04', 'partially_covered');
  await setCoverage(ctx.server.url, 'A4-02', 'not_applicable', { justification: 'Dekkes av A5-03.' });
  await setCoverage(ctx.server.url, 'A1-01', 'covered');
});

Dashboard.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function openDashboard(ctx: { server: RunningServer; browser: Browser }) {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(ctx.server.url);
  await page.locator('ehds-coverage-chart .bars').waitFor();
  return page;
}

Dashboard('the figures, bars and deadlines are those of /api/dashboard', async (ctx) => {
  const d = await (await fetch(`${ctx.server.url}/api/dashboard`)).json();
  const page = await openDashboard(ctx);
  try {
    assert.is(await page.title(), 'Oversikt – EHDS gapanalyse');
    const figure = (name: string) => page.locator(`[data-figure="${name}"] .value`).innerText();
    assert.is(await figure('not-assessed'), String(d.not_assessed));
    assert.is(await figure('open-questions'), String(d.questions.open));
    assert.is(await figure('pending-inputs'), String(d.inputs_pending));
    assert.is(await figure('untraced-articles'), String(d.totals.untraced_articles));
    assert.is(
      await page.locator('[data-figure="pending-inputs"]').getAttribute('href'),
      '/innspill?disposition=pending',
    );
    assert.is(await page.locator('[data-figure="open-questions"]').getAttribute('href'), '/sporsmal?status=open');
    assert.is(await page.locator('[data-figure="not-assessed"]').getAttribute('href'), '/krav?coverage=not_assessed');

    // Every non-zero cell is a segment with its number, linking to the filtered list; zero cells are not drawn.
    const segments = await page
      .locator('ehds-coverage-chart .seg')
      .evaluateAll((els) =>
        els.map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href'), cls: a.className })),
      );
    const expected = d.coverage_by_area.flatMap((row: { area: string; counts: Record<string, number> }) =>
      COVERAGE.filter((c) => row.counts[c] > 0).map((c) => ({
        text: String(row.counts[c]),
        href: `/krav?area=${row.area}&coverage=${c}`,
        cls: `seg ${c}`,
      })),
    );
    assert.equal(segments, expected);
    const a2 = d.coverage_by_area.find((r: { area: string }) => r.area === 'A2');
    assert.is(a2.counts.covered, 1);
    assert.is(a2.counts.not_covered, 1);

    // The table alternative holds the same numbers.
    await page.getByText('Vis tallene som tabell').click();
    const a2Row = await page.locator('ehds-coverage-chart table tbody tr', { hasText: 'A2 Primærbruk' }).innerText();
    assert.match(a2Row.replace(/\s+/g, ' '), `A2 Primærbruk 1 1 1 0 5 8`);

    // Deadlines: for each date, how many are due and how many of them are not covered.
    for (const due of d.due_not_covered as { date: string; total: number; not_covered: number }[]) {
      const [y, m, day] = due.date.split('-');
      const card = page.locator('ehds-deadline-timeline li', { hasText: `${day}.${m}.${y}` });
      const text = (await card.innerText()).replace(/\s+/g, ' ');
      if (due.total === 0) assert.match(text, 'Ingen krav har denne fristen');
      else {
        assert.match(text, `${due.total} krav har frist`);
        assert.match(text, `${due.not_covered} ikke dekket`);
        assert.is(
          await card.getByRole('link', { name: `${due.not_covered} ikke dekket` }).getAttribute('href'),
          `/krav?deadline=${due.date}&coverage=partially_covered%2Cnot_covered%2Cnot_assessed`,
        );
      }
    }
    await screenshot(page, 'dashboard');
  } finally {
    await page.close();
  }
});

Dashboard('a bar segment leads to /krav with that filter and exactly the rows behind it', async (ctx) => {
  const page = await openDashboard(ctx);
  try {
    await page.locator('ehds-coverage-chart a.seg.not_covered[href*="area=A2"]').click();
    await page.waitForURL('**/krav?area=A2&coverage=not_covered');
    assert.equal(
      await until('A2 not covered rows', async () => {
        const refs = await rowRefs(page);
        return refs.length === 1 && refs;
      }),
      ['A2-03'],
    );
    assert.ok(await page.getByRole('checkbox', { name: 'A2 Primærbruk' }).isChecked());
    assert.ok(await page.getByRole('checkbox', { name: 'Ikke dekket' }).isChecked());

    // Back on the dashboard, the not-covered figure of 2029 gives the list of those requirements.
    await page.goBack();
    await page.locator('ehds-deadline-timeline').waitFor();
    const d = await (await fetch(`${ctx.server.url}/api/dashboard`)).json();
    const due2029 = d.due_not_covered.find((x: { date: string }) => x.date === '2029-03-26');
    await page.getByRole('link', { name: `${due2029.not_covered} ikke dekket` }).click();
    await page.waitForURL('**/krav?deadline=2029-03-26&coverage=**');
    const refs = await until('2029 rows', async () => {
      const r = await rowRefs(page);
      return r.length === due2029.refs.length && r;
    });
    assert.equal(refs, due2029.refs);
  } finally {
    await page.close();
  }
});

Dashboard('keyboard reaches a segment and Enter follows it', async (ctx) => {
  const page = await openDashboard(ctx);
  try {
    await page.locator('ehds-coverage-chart a.seg.covered[href*="area=A1"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/krav?area=A1&coverage=covered');
    await until('A1 covered rows', async () => (await rowRefs(page)).join() === 'A1-01');
  } finally {
    await page.close();
  }
});

Dashboard('labels switch to English at once', async (ctx) => {
  const page = await openDashboard(ctx);
  try {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    assert.ok(await page.getByRole('heading', { name: 'Coverage by area' }).isVisible());
    assert.ok(await page.getByText('Requirements not assessed').isVisible());
    assert.is(await page.title(), 'Overview – EHDS gap analysis');
  } finally {
    await page.close();
  }
});

Dashboard('axe finds no serious or critical violations', async (ctx) => {
  const page = await openDashboard(ctx);
  try {
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations, null, 2));
  } finally {
    await page.close();
  }
});

Dashboard.run();
