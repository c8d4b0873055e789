// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeXml, unzip, wordText, xmlText } from '../export/unzip.ts';
import {
  ARTIFACTS,
  axe,
  launchBrowser,
  type Role,
  type RunningServer,
  screenshot,
  serious,
  signIn,
  startServer,
} from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser; page: Page; snapshotFile?: string };
const Export = suite<Ctx>('e2e: export page');

async function newPage(browser: Browser, server: RunningServer, role: Role): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await signIn(page, server, role);
  return page;
}

async function noSerious(page: Page, what: string) {
  const violations = serious(await axe(page));
  assert.equal(violations, [], `${what}: ${JSON.stringify(violations)}`);
}

/** The focused element, through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName.toLowerCase(), download: el?.getAttribute('download') ?? null };
  });

const download = (page: Page) => page.locator('ehds-export-page ehds-file-download');

/** Picks a format and version, builds, and saves the file through the page's download link. */
async function build(page: Page, format: string, version: string): Promise<{ file: Download; bytes: Buffer }> {
  await page.getByRole('radio', { name: format }).check();
  await page.getByLabel('Versjon', { exact: true }).selectOption(version === 'nå' ? '' : version);
  await page.getByRole('button', { name: /^Lag fil/ }).click();
  const link = download(page).locator('a[download]');
  await link.waitFor({ timeout: 60_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  assert.ok(path, 'the browser saved the file');
  return { file, bytes: readFileSync(path as string) };
}

Export.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
  ctx.page = await newPage(ctx.browser, ctx.server, 'analyst');
  const res = await ctx.page.request.post(`${ctx.server.url}/api/versions`, {
    data: { name: 'V0.5', date: '2025-03-14', note: 'Utkast til NUIT' },
  });
  assert.is(res.status(), 201, await res.text());
});

Export.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

Export('each format says what it holds and which version it is built from', async ({ page, server }) => {
  await page.goto(`${server.url}/eksport`);
  await page.locator('ehds-export-page form.export').waitFor();
  assert.is(await page.title(), 'Eksport – EHDS gapanalyse');
  assert.is(await page.locator('ehds-export-page h1').count(), 1);
  const about = (f: string) => page.locator(`ehds-export-page #about-${f}`).innerText();
  assert.match(await about('docx'), 'innholdsfortegnelse');
  assert.match(await about('docx'), 'ett kapittel per område');
  assert.match(await about('docx'), 'vedlegg');
  assert.match(await about('xlsx'), 'Krav, Artikler, Sporbarhet, Spørsmål, Innspill, Tiltak og Møter');
  assert.match(await about('csv'), 'samme kolonner som importen');
  assert.match(await about('json'), 'tom database');
  const source = page.locator('ehds-export-page #source');
  assert.match(await source.innerText(), /Bygges fra: analysen slik den er nå \(\d\d\.\d\d\.\d{4}\)/);
  await page.getByLabel('Versjon', { exact: true }).selectOption('V0.5');
  assert.match(await source.innerText(), /versjon V0\.5 \(datert 14\.03\.2025, frosset \d\d\.\d\d\.\d{4}/);
  await page.waitForURL(/version=V0\.5/);
  // The version's «Eksporter» link on the versions page lands here with it chosen.
  await page.goto(`${server.url}/versjoner`);
  await page.getByRole('link', { name: 'Eksporter (V0.5)' }).click();
  await page.waitForURL(/\/eksport\?version=V0\.5$/);
  assert.is(await page.getByLabel('Versjon', { exact: true }).inputValue(), 'V0.5');
  await screenshot(page, 'export');
  await noSerious(page, 'export page');
});

Export(
  'the DOCX for V0.5: progress while it builds, other users not held up, a real report',
  async ({ page, server }) => {
    await page.goto(`${server.url}/eksport`);
    await page.locator('ehds-export-page form.export').waitFor();
    await page.getByRole('radio', { name: 'Rapport (DOCX)' }).check();
    await page.getByLabel('Versjon', { exact: true }).selectOption('V0.5');
    await page.getByRole('button', { name: 'Lag fil: Rapport (DOCX)' }).click();
    const progress = download(page).locator('progress');
    await progress.waitFor({ timeout: 5000 });
    assert.is(await progress.getAttribute('value'), null, 'indeterminate while the server builds');
    assert.match(await download(page).locator('.progress').innerText(), /Bygger Rapport \(DOCX\) …\s+\d+ s/);
    await screenshot(page, 'export-building');
    await noSerious(page, 'export page while building');

    // Meanwhile another user is served at once: the report is built in a worker thread.
    const other = await newPage(page.context().browser() as Browser, server, 'viewer');
    const started = Date.now();
    const res = await other.request.get(`${server.url}/api/requirements?limit=5`);
    const waited = Date.now() - started;
    assert.is(res.status(), 200);
    assert.ok(waited < 1500, `another request waited ${waited} ms`);
    await other.context().close();

    const link = download(page).locator('a[download]');
    await link.waitFor({ timeout: 60_000 });
    assert.equal(
      await focused(page),
      { tag: 'a', download: 'ehds-konsekvensvurdering-V0.5.docx' },
      'the link takes focus',
    );
    assert.match(
      await download(page).locator('[role="status"] .notice').innerText(),
      /Ferdig: ehds-konsekvensvurdering-V0\.5\.docx \(\d+ KB\)/,
    );
    assert.match((await link.getAttribute('href')) ?? '', /^blob:/);
    await screenshot(page, 'export-ready');
    await noSerious(page, 'export page with the link');

    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.is(file.suggestedFilename(), 'ehds-konsekvensvurdering-V0.5.docx');
    const bytes = readFileSync((await file.path()) as string);
    assert.is(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
    const doc = xmlText(unzip(bytes), 'word/document.xml');
    const titlePage = wordText(doc.slice(0, doc.indexOf('<w:sdt>')));
    assert.match(titlePage, 'EHDS konsekvensvurdering – gapanalyse');
    assert.match(titlePage, 'Versjon V0.5');
    assert.match(titlePage, 'Dato: 14.03.2025');
    await file.saveAs(`${ARTIFACTS}ui-export/ui-report-V0.5.docx`);
  },
);

Export('the XLSX for now, and the CSV; switching format drops the old link', async ({ page, server }) => {
  await page.goto(`${server.url}/eksport`);
  await page.locator('ehds-export-page form.export').waitFor();
  const { file, bytes } = await build(page, 'Arbeidsbok (XLSX)', 'nå');
  assert.match(file.suggestedFilename(), /^ehds-arbeidsbok-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.is(bytes.subarray(0, 2).toString('latin1'), 'PK');
  const files = unzip(bytes);
  const sheets = [...xmlText(files, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) =>
    decodeXml(m[1] ?? ''),
  );
  for (const name of ['Om', 'Krav', 'Artikler', 'Sporbarhet', 'Spørsmål', 'Innspill', 'Tiltak', 'Møter'])
    assert.ok(sheets.includes(name), `sheet ${name} in ${sheets.join(', ')}`);
  const strings = decodeXml(
    [...files.entries()]
      .filter(([n]) => n.endsWith('.xml'))
      .map(([, b]) => b.toString('utf8'))
      .join('\n'),
  );
  assert.match(strings, 'Nå (arbeidsversjon, ikke frosset)');
  await file.saveAs(`${ARTIFACTS}ui-export/ui-workbook-naa.xlsx`);

  await page.getByRole('radio', { name: 'Krav (CSV)' }).check();
  assert.is(
    await download(page).locator('a[download]').count(),
    0,
    'the XLSX link is gone once another format is chosen',
  );
  const csv = await build(page, 'Krav (CSV)', 'V0.5');
  assert.is(csv.file.suggestedFilename(), 'ehds-krav-V0.5.csv');
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFFref,area,group,title'), text.slice(0, 40));
  assert.match(text, /\nA2-05,A2,/);
});

Export(
  'import: a database with content refuses the snapshot, clearly; the UI cancels a build',
  async ({ page, server }) => {
    await page.goto(`${server.url}/eksport`);
    await page.locator('ehds-export-page form.export').waitFor();
    const { file, bytes } = await build(page, 'Øyeblikksbilde (JSON)', 'nå');
    assert.match(file.suggestedFilename(), /^ehds-snapshot-\d{4}-\d{2}-\d{2}\.json$/);
    const snapshot = JSON.parse(bytes.toString('utf8'));
    assert.is(snapshot.format, 'ehds-gap-snapshot');
    assert.ok(snapshot.tables.analysis_version.some((v: { name: string }) => v.name === 'V0.5'));
    const snapshotFile = `${ARTIFACTS}ui-export/ui-snapshot.json`;
    await file.saveAs(snapshotFile);

    const admin = await newPage(page.context().browser() as Browser, server, 'admin');
    try {
      await admin.goto(`${server.url}/eksport`);
      const importer = admin.locator('ehds-snapshot-import');
      await importer.getByLabel('Fil med øyeblikksbilde (.json)').setInputFiles(snapshotFile);
      await importer.getByRole('button', { name: 'Importer' }).click();
      const alert = importer.locator('[role="alert"]');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, 'Importen ble avvist fordi databasen ikke er tom');
      assert.match(text, 'Tjeneren svarte:');
      assert.equal(await focused(admin), { tag: 'div', download: null }, 'focus on the refusal');
      await screenshot(admin, 'export-import-refused');
      await noSerious(admin, 'import refused');
    } finally {
      await admin.context().close();
    }

    // Cancelling a build stops it and says so.
    await page.getByRole('radio', { name: 'Rapport (DOCX)' }).check();
    await page.getByRole('button', { name: /^Lag fil/ }).click();
    await download(page).locator('progress').waitFor();
    await download(page).getByRole('button', { name: 'Avbryt' }).click();
    await download(page).getByText('Eksporten ble avbrutt.').waitFor();
    assert.is(await download(page).locator('progress').count(), 0);
    assert.ok(await page.getByRole('button', { name: /^Lag fil/ }).isEnabled());
  },
);

Export('EHDS_SEED=false: an empty server takes the snapshot from the UI and has the same analysis', async (ctx) => {
  const snapshotFile = `${ARTIFACTS}ui-export/ui-snapshot.json`;
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8'));
  const empty = await startServer({ EHDS_SEED: 'false' });
  const page = await newPage(ctx.browser, empty, 'admin');
  try {
    const before = await (await page.request.get(`${empty.url}/api/requirements?limit=1`)).json();
    assert.is(before.total, 0, 'started empty');
    await page.goto(`${empty.url}/eksport`);
    const importer = page.locator('ehds-snapshot-import');
    await importer.getByLabel('Fil med øyeblikksbilde (.json)').setInputFiles(snapshotFile);
    await importer.getByRole('button', { name: 'Importer' }).click();
    const notice = importer.locator('[role="status"] .notice');
    await importer.locator('[role="status"] .notice, [role="alert"]').first().waitFor({ timeout: 30_000 });
    const refusal = importer.locator('[role="alert"]');
    assert.is(await refusal.count(), 0, `refused: ${(await refusal.count()) ? await refusal.innerText() : ''}`);
    assert.match(await notice.innerText(), /Importert: \d+ rader fra skjemaversjon/);
    await screenshot(page, 'export-import-done');

    const after = await (await page.request.get(`${empty.url}/api/requirements?limit=1`)).json();
    assert.is(after.total, snapshot.tables.requirement.length);
    const versions = await (await page.request.get(`${empty.url}/api/versions`)).json();
    assert.equal(
      versions.items.map((v: { name: string }) => v.name),
      ['V0.5'],
    );
    // The version list on the export page has been refreshed with it.
    await page.getByLabel('Versjon', { exact: true }).locator('option[value="V0.5"]').waitFor({ state: 'attached' });

    // And a second import into the now non-empty database is refused over plain HTTP too.
    const again = await page.request.post(`${empty.url}/api/import/snapshot`, { data: snapshot });
    assert.is(again.status(), 409);
  } finally {
    await page.context().close();
    await empty.stop();
  }
});

Export(
  'a viewer is offered the report, workbook and CSV, not the snapshot or the import',
  async ({ browser, server }) => {
    const page = await newPage(browser, server, 'viewer');
    try {
      await page.goto(`${server.url}/eksport?format=json`);
      await page.locator('ehds-export-page form.export').waitFor();
      const formats = await page
        .locator('ehds-export-page input[name="format"]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      assert.equal(formats, ['docx', 'xlsx', 'csv']);
      assert.ok(await page.getByRole('radio', { name: 'Rapport (DOCX)' }).isChecked(), '?format=json falls back');
      assert.is(await page.getByRole('heading', { name: /Importer øyeblikksbilde/ }).count(), 0);
      const refused = await page.request.get(`${server.url}/api/export/snapshot.json`);
      assert.is(refused.status(), 403, 'and the server agrees');
      await noSerious(page, 'export page as a viewer');
    } finally {
      await page.context().close();
    }
  },
);

Export.run();
