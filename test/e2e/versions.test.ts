// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, signIn, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser; page: Page };
const Versions = suite<Ctx>('e2e: versions and comparison');

/** Through the page's own request context, so the test's API calls carry the same session as the browser. */
async function setCoverage(page: Page, url: string, ref: string, coverage: string) {
  const current = await (await page.request.get(`${url}/api/requirements/${ref}/assessment`)).json();
  const res = await page.request.put(`${url}/api/requirements/${ref}/assessment`, {
    data: {
      version: current.version,
      coverage,
      work_status: current.work_status,
      gap_dimensions: current.gap_dimensions,
      situation: current.situation,
      gap: current.gap,
      justification: current.justification,
    },
  });
  assert.ok(res.ok(), `PUT ${ref}: ${res.status()} ${await res.text()}`);
}

const getJson = async (page: Page, url: string) => (await page.request.get(url)).json();

/** The focused element, through shadow roots. */
const focusedText = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName.toLowerCase()}:${(el?.textContent ?? '').trim()}`;
  });

async function noSerious(page: Page, what: string) {
  const violations = serious(await axe(page));
  assert.equal(violations, [], `${what}: ${JSON.stringify(violations)}`);
}

Versions.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  ctx.page = await context.newPage();
  ctx.page.on('pageerror', (e) => console.error('page error:', e));
  await signIn(ctx.page, ctx.server, 'analyst');
});

Versions.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function freezeFromUi(page: Page, name: string, date: string, note: string) {
  const freezer = page.locator('ehds-version-freezer');
  await freezer.getByLabel('Navn').fill(name);
  await freezer.getByLabel('Dato').fill(date);
  await freezer.getByLabel('Merknad').fill(note);
  await freezer.getByRole('button', { name: 'Frys versjon …' }).click();
  const dialog = freezer.getByRole('alertdialog', { name: `Frys versjon ${name}?` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Frys versjonen' }).click();
  await page
    .locator('ehds-versions-page [role="status"] .notice', { hasText: `Versjon ${name} er frosset.` })
    .waitFor();
  await page.locator(`ehds-versions-page tbody tr[data-name="${name}"]`).waitFor();
}

Versions('freeze V0.5 from the UI: a confirmation dialog that says it never changes, Escape cancels', async (ctx) => {
  const { page, server } = ctx;
  await page.goto(`${server.url}/versjoner`);
  await page.locator('ehds-versions-page h1', { hasText: 'Versjoner' }).waitFor();
  await page.getByText('Ingen versjoner er frosset ennå').waitFor();
  assert.is(await page.title(), 'Versjoner – EHDS gapanalyse');
  assert.is(await page.locator('ehds-versions-page h1').count(), 1);
  assert.is(await page.locator('nav a[aria-current="page"]').innerText(), 'Versjoner');
  await screenshot(page, 'versions-empty');
  await noSerious(page, 'empty versions page');

  const freezer = page.locator('ehds-version-freezer');
  // Nothing typed: the error summary takes focus and names the field.
  await freezer.getByLabel('Navn').fill('');
  await freezer.getByRole('button', { name: 'Frys versjon …' }).click();
  await freezer.locator('ehds-form-alert [role="alert"]').waitFor();
  assert.match(await freezer.locator('ehds-form-alert [role="alert"]').innerText(), 'Skriv et navn på versjonen');
  assert.is(await freezer.getByLabel('Navn').getAttribute('aria-invalid'), 'true');

  await freezer.getByLabel('Navn').fill('V0.5');
  await freezer.getByLabel('Dato').fill('31.02.2025');
  await freezer.getByRole('button', { name: 'Frys versjon …' }).click();
  await freezer.locator('#date-error').waitFor();
  assert.match(await freezer.locator('#date-error').innerText(), 'dd.mm.åååå');

  await freezer.getByLabel('Dato').fill('14.03.2025');
  await freezer.getByLabel('Merknad').fill('Første utkast til NUIT – æøå');
  const opener = freezer.getByRole('button', { name: 'Frys versjon …' });
  await opener.click();
  const dialog = freezer.getByRole('alertdialog', { name: 'Frys versjon V0.5?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), 'kan aldri endres eller slettes');
  assert.match(await dialog.innerText(), '14.03.2025');
  assert.is(await focusedText(page), 'button:Avbryt', 'focus starts on the safe choice');
  await screenshot(page, 'versions-confirm');
  await noSerious(page, 'confirmation dialog');

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.is(await focusedText(page), 'button:Frys versjon …', 'focus returns to the button that opened it');
  assert.is((await getJson(page, `${server.url}/api/versions`)).total, 0, 'Escape froze nothing');

  await opener.click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Frys versjonen' }).click();
  const notice = page.locator('ehds-versions-page [role="status"] .notice');
  await notice.waitFor();
  assert.is(await notice.innerText(), 'Versjon V0.5 er frosset.');
  const row = page.locator('ehds-versions-page tbody tr[data-name="V0.5"]');
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, '14.03.2025');
  assert.match(text, 'Første utkast til NUIT – æøå');
  assert.match(text, 'Ikke vurdert');
  const stored = (await getJson(page, `${server.url}/api/versions/V0.5`)) as {
    date: string;
    note: string;
    summary: { requirements: number };
  };
  assert.is(stored.date, '2025-03-14');
  assert.is(stored.note, 'Første utkast til NUIT – æøå');
  assert.match(text, new RegExp(`\\b${stored.summary.requirements}\\b`));
  assert.is(await freezer.getByLabel('Navn').inputValue(), '', 'the form is ready for the next one');

  // The same name again is caught before the dialog.
  await freezer.getByLabel('Navn').fill('V0.5');
  await opener.click();
  await freezer.locator('#name-error').waitFor();
  assert.match(await freezer.locator('#name-error').innerText(), 'finnes allerede en versjon som heter «V0.5»');
  assert.is((await getJson(page, `${server.url}/api/versions`)).total, 1);
  await screenshot(page, 'versions-one');
  await noSerious(page, 'versions list');
});

Versions('A2-05 changes, V0.8 is frozen; the comparison V0.5 → V0.8 shows its coverage from → to', async (ctx) => {
  const { page, server } = ctx;
  await setCoverage(page, server.url, 'A2-05', 'partially_covered');
  await page.goto(`${server.url}/versjoner`);
  await page.locator('ehds-versions-page tbody tr[data-name="V0.5"]').waitFor();
  await freezeFromUi(page, 'V0.8', '28.03.2025', 'Andre utkast');
  const names = await page
    .locator('ehds-versions-page tbody tr')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name));
  assert.equal(names, ['V0.8', 'V0.5'], 'newest first');
  const v08 = await page.locator('ehds-versions-page tbody tr[data-name="V0.8"]').innerText();
  assert.match(v08, 'Delvis dekket');

  const picker = page.locator('ehds-versions-page ehds-version-pair-picker');
  await picker.getByLabel('Fra').selectOption('V0.5');
  await picker.getByLabel('Til').selectOption('V0.8');
  await picker.getByRole('button', { name: 'Sammenlign' }).click();
  await page.waitForURL(/\/versjoner\/sammenlign\?from=V0\.5&to=V0\.8$/);
  const h1 = page.locator('ehds-compare-page h1');
  await h1.filter({ hasText: 'Endringer fra V0.5 til V0.8' }).waitFor();
  assert.is(await page.title(), 'Endringer fra V0.5 til V0.8 – EHDS gapanalyse');
  assert.match(await page.locator('ehds-compare-page .sides').innerText(), 'V0.5 (14.03.2025) → V0.8 (28.03.2025)');

  const list = page.locator('ehds-change-list');
  const a205 = list.locator('#g-coverage tr[data-ref="A2-05"]');
  await a205.waitFor();
  assert.is((await a205.locator('td.from').innerText()).trim(), 'Ikke vurdert');
  assert.match(await a205.locator('td.to').innerText(), 'Delvis dekket');
  assert.is(await a205.locator('td.from .badge.not_assessed').count(), 1);
  assert.is(await a205.locator('td.to .badge.partially_covered').count(), 1);
  await a205.getByRole('link', { name: 'A2-05' }).waitFor();
  assert.is(await list.locator('#g-coverage tbody tr').count(), 1, 'only A2-05 changed coverage');
  const summaryRow = list.locator('table.summary tr', { hasText: 'Endret dekningsgrad' });
  assert.match(await summaryRow.innerText(), /\b1\b/);

  // The summary links jump to their group and move focus there.
  await summaryRow.getByRole('link').click();
  assert.match(await focusedText(page), /^h2:Endret dekningsgrad/);

  const csvLink = page.getByRole('link', { name: 'Eksporter endringer (CSV)' });
  const href = await csvLink.getAttribute('href');
  assert.is(href, '/api/export/changes.csv?from=V0.5&to=V0.8');
  assert.is(await csvLink.getAttribute('download'), '');
  const csv = await (await page.request.get(`${server.url}${href}`)).text();
  assert.match(csv, /A2-05/);
  assert.match(csv, /Delvis dekket/);
  await screenshot(page, 'compare-v05-v08');
  await noSerious(page, 'comparison V0.5 → V0.8');
});

Versions('V0.8 → nå: only what changed after V0.8; the picker changes the comparison', async (ctx) => {
  const { page, server } = ctx;
  await setCoverage(page, server.url, 'A1-02', 'not_covered');
  await page.goto(`${server.url}/versjoner`);
  const row = page.locator('ehds-versions-page tbody tr[data-name="V0.8"]');
  await row.getByRole('link', { name: 'Sammenlign med nå (V0.8)' }).click();
  await page.waitForURL(/\/versjoner\/sammenlign\?from=V0\.8$/);
  await page.locator('ehds-compare-page h1', { hasText: 'Endringer fra V0.8 til nå' }).waitFor();
  const list = page.locator('ehds-change-list');
  await list.locator('#g-coverage tr[data-ref="A1-02"]').waitFor();
  assert.is(await list.locator('#g-coverage tr[data-ref="A2-05"]').count(), 0, 'A2-05 did not change after V0.8');
  assert.match(await list.locator('#g-coverage tr[data-ref="A1-02"] td.to').innerText(), 'Ikke dekket');
  assert.is(
    await page.getByRole('link', { name: 'Eksporter endringer (CSV)' }).getAttribute('href'),
    '/api/export/changes.csv?from=V0.8',
  );
  assert.is((await page.locator('ehds-compare-page .total').innerText()).trim(), '1 endring');
  await screenshot(page, 'compare-v08-now');
  await noSerious(page, 'comparison V0.8 → nå');

  // From here to V0.5 → nå through the picker on the page: both changes show.
  const picker = page.locator('ehds-compare-page ehds-version-pair-picker');
  assert.is(await picker.getByLabel('Fra').inputValue(), 'V0.8');
  assert.is(await picker.getByLabel('Til').inputValue(), '');
  await picker.getByLabel('Fra').selectOption('V0.5');
  await picker.getByRole('button', { name: 'Sammenlign' }).click();
  await page.waitForURL(/from=V0\.5$/);
  await page.locator('ehds-compare-page h1', { hasText: 'Endringer fra V0.5 til nå' }).waitFor();
  await list.locator('#g-coverage tr[data-ref="A2-05"]').waitFor();
  await list.locator('#g-coverage tr[data-ref="A1-02"]').waitFor();

  // The same version on both sides is refused in place.
  await picker.getByLabel('Til').selectOption('V0.5');
  await picker.getByRole('button', { name: 'Sammenlign' }).click();
  assert.match(await picker.locator('#pair-error').innerText(), 'Velg to ulike versjoner');
  assert.match(page.url(), /from=V0\.5$/);
});

Versions('an unknown version is an error with the server’s message; English labels', async (ctx) => {
  const { page, server } = ctx;
  await page.goto(`${server.url}/versjoner/sammenlign?from=V9`);
  const error = page.locator('ehds-compare-page ehds-async-state[status="error"] [role="alert"]');
  await error.waitFor();
  assert.match(await error.innerText(), 'V9');
  await noSerious(page, 'comparison error');

  await page.goto(`${server.url}/versjoner/sammenlign?from=V0.5&to=V0.8`);
  await page.locator('ehds-change-list #g-coverage').waitFor();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.locator('ehds-compare-page h1', { hasText: 'Changes from V0.5 to V0.8' }).waitFor();
  assert.match(await page.locator('ehds-change-list table.summary').innerText(), 'Coverage changed');
  assert.match(
    await page.locator('ehds-change-list #g-coverage tr[data-ref="A2-05"]').innerText(),
    'Partially covered',
  );
  await page.getByRole('link', { name: 'Export changes (CSV)' }).waitFor();
  await page.getByRole('link', { name: /All versions/ }).click();
  await page.locator('ehds-versions-page h1', { hasText: 'Versions' }).waitFor();
  await page.getByRole('button', { name: 'Freeze version …' }).waitFor();
  await screenshot(page, 'versions-en');
  await page.getByRole('button', { name: 'Bytt til norsk' }).click();
  await page.locator('ehds-versions-page h1', { hasText: 'Versjoner' }).waitFor();
});

Versions('a viewer reads versions and comparisons, and is not offered the freeze', async (ctx) => {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await signIn(page, ctx.server, 'viewer');
    await page.goto(`${ctx.server.url}/versjoner`);
    await page.locator('ehds-versions-page tbody tr[data-name="V0.8"]').waitFor();
    await page.getByText('Bare analytikere og administratorer kan fryse en versjon.').waitFor();
    assert.is(await page.locator('ehds-version-freezer').count(), 0);
    await noSerious(page, 'versions page as a viewer');
    const refused = await page.request.post(`${ctx.server.url}/api/versions`, { data: { name: 'V0.9' } });
    assert.is(refused.status(), 403, 'and the server agrees');
    await page
      .locator('ehds-versions-page ehds-version-pair-picker')
      .getByRole('button', { name: 'Sammenlign' })
      .click();
    // By default: since the newest version.
    await page.locator('ehds-compare-page h1', { hasText: 'Endringer fra V0.8 til nå' }).waitFor();
    await noSerious(page, 'comparison as a viewer');
  } finally {
    await page.context().close();
  }
});

Versions.run();
