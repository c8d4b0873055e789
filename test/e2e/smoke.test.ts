// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchBrowser, type RunningServer, screenshot, startServer } from './harness.ts';

const Smoke = suite<{ server: RunningServer }>('e2e: smoke');

Smoke.before(async (ctx) => {
  ctx.server = await startServer();
});

Smoke.after(async (ctx) => {
  await ctx.server?.stop();
});

Smoke('a fresh start serves the seeded analysis in the browser', async ({ server }) => {
  const browser = await launchBrowser({ server, as: 'analyst' });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Oversikt' }).waitFor();
    await page.locator('[data-figure="not-assessed"]').waitFor();
    assert.is(await page.locator('[data-figure="not-assessed"] .value').innerText(), '38');
    assert.ok(await page.getByRole('link', { name: 'A2 Primærbruk: alle 8 krav' }).isVisible());
    await screenshot(page, 'smoke');

    await page.getByRole('link', { name: 'Krav', exact: true }).click();
    await page.locator('tr[data-ref="A2-05"]').waitFor();
    assert.is(await page.locator('ehds-requirements-page tbody tr').count(), 38);
    assert.ok(await page.getByText('Pasientoppsummeringer innen 2029').first().isVisible());
    assert.equal(errors, []);
  } finally {
    await browser.close();
  }
});

Smoke.run();
