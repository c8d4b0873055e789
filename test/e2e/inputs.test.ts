// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser };
const Inputs = suite<Ctx>('e2e: input');

Inputs.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
});

Inputs.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function open(ctx: Ctx, path: string): Promise<Page> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${ctx.server.url}${path}`);
  await page.locator('ehds-inputs-page .count').waitFor();
  return page;
}

const getJson = async (ctx: Ctx, path: string) => (await fetch(`${ctx.server.url}${path}`)).json();
const items = (page: Page) => page.locator('ehds-inputs-page ul.list > li');
const item = (page: Page, id: number) =>
  page.locator('ehds-inputs-page ul.list > li', { has: page.locator(`#in-${id}`) });

Inputs(
  '/innspill?disposition=pending shows the pending inputs and their count (the dashboard links there)',
  async (ctx) => {
    const pending = await getJson(ctx, '/api/inputs?disposition=pending&limit=1');
    assert.is(pending.total, 40, 'the seed has 40 pending inputs');
    const page = await open(ctx, '/innspill?disposition=pending');
    try {
      assert.is(await page.title(), 'Innspill – EHDS gapanalyse');
      assert.match(await page.locator('ehds-inputs-page .count').innerText(), '40 innspill');
      assert.is(await page.getByLabel('Disposisjon', { exact: true }).inputValue(), 'pending');
      assert.is(await items(page).count(), 40);
      assert.is(await page.locator('ehds-disposition-editor .disp.pending').count(), 40);
      const two = item(page, 2);
      assert.match(await two.innerText(), 'BankID er ikke en tilfredsstillende løsning for alle');
      assert.match(await two.innerText(), 'NUIT 13.02.2025, sak 7/25');
      assert.equal(await two.locator('a[href^="/krav/"]').allInnerTexts(), ['A1-07']);

      await page.getByLabel('Type').selectOption('comment');
      await page.waitForURL(/disposition=pending&type=comment|type=comment.*disposition=pending/);
      const comments = await getJson(ctx, '/api/inputs?disposition=pending&type=comment&limit=1');
      await page.locator('ehds-inputs-page .count', { hasText: `${comments.total} innspill` }).waitFor();
      await page.getByLabel('Søk').fill('BankID');
      await page.waitForURL(/q=BankID/);
      await page.locator('ehds-inputs-page .count', { hasText: /^\s*1 innspill/ }).waitFor();
      assert.is(await items(page).count(), 1);
    } finally {
      await page.context().close();
    }
  },
);

Inputs('set a disposition in place: a reason is required, then it is saved with the version', async (ctx) => {
  const page = await open(ctx, '/innspill?disposition=pending');
  try {
    const one = item(page, 1);
    await one.getByRole('button', { name: 'Behandle innspill 1' }).click();
    const editor = one.locator('ehds-disposition-editor');
    await editor.getByLabel('Disposisjon').selectOption('noted');
    await editor.getByRole('button', { name: 'Lagre disposisjon' }).click();
    await editor.locator('#reason-error').waitFor();
    assert.match(await editor.locator('#reason-error').innerText(), 'Skriv en begrunnelse');
    assert.is(await editor.locator('#reason').getAttribute('aria-invalid'), 'true');
    assert.match((await editor.locator('#reason').getAttribute('aria-describedby')) ?? '', 'reason-error');
    assert.ok(await editor.locator('ehds-form-alert [role="alert"]').isVisible());
    assert.is((await getJson(ctx, '/api/inputs/1')).disposition, 'pending', 'nothing was sent');
    await screenshot(page, 'inputs-disposition-error');

    await editor.locator('#reason').fill('Tas med i vurderingen av A1.');
    await editor.getByRole('button', { name: 'Lagre disposisjon' }).click();
    await editor.getByText('Disposisjonen er lagret.').waitFor();
    assert.match(await editor.locator('.current').innerText(), 'Tatt til orientering');
    assert.match(await editor.locator('.current').innerText(), 'Tas med i vurderingen av A1.');
    const saved = await getJson(ctx, '/api/inputs/1');
    assert.is(saved.disposition, 'noted');
    assert.is(saved.disposition_reason, 'Tas med i vurderingen av A1.');
    assert.is(saved.version, 2);
  } finally {
    await page.context().close();
  }
});

Inputs('a stale disposition shows what is stored and keeps the choice; saving again applies it', async (ctx) => {
  const page = await open(ctx, '/innspill?disposition=pending');
  try {
    const three = item(page, 3);
    await three.getByRole('button', { name: 'Behandle innspill 3' }).click();
    const editor = three.locator('ehds-disposition-editor');
    const before = await getJson(ctx, '/api/inputs/3');
    const other = await fetch(`${ctx.server.url}/api/inputs/3/disposition`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: before.version, disposition: 'rejected', reason: 'Utenfor mandatet' }),
    });
    assert.is(other.status, 200);
    await editor.getByLabel('Disposisjon').selectOption('accepted');
    await editor.locator('#reason').fill('Viktig for A1-05');
    await editor.getByRole('button', { name: 'Lagre disposisjon' }).click();
    const conflict = editor.locator('.conflict');
    await conflict.waitFor();
    assert.match(await conflict.innerText(), 'Ikke tatt til følge');
    assert.match(await conflict.innerText(), 'Utenfor mandatet');
    assert.is(await editor.getByLabel('Disposisjon').inputValue(), 'accepted');
    assert.is(await editor.locator('#reason').inputValue(), 'Viktig for A1-05');
    await editor.getByRole('button', { name: 'Lagre disposisjon' }).click();
    await editor.getByText('Disposisjonen er lagret.').waitFor();
    const after = await getJson(ctx, '/api/inputs/3');
    assert.is(after.disposition, 'accepted');
    assert.is(after.disposition_reason, 'Viktig for A1-05');
  } finally {
    await page.context().close();
  }
});

Inputs('add input from a meeting linked to A2-05; it shows on /innspill and under A2-05', async (ctx) => {
  const meetings = await getJson(ctx, '/api/meetings?limit=1000');
  const meeting = meetings.items.find((m: { title: string }) => m.title === 'Legeforeningen') ?? meetings.items[0];
  const page = await open(ctx, '/innspill');
  try {
    await page.getByRole('button', { name: 'Registrer innspill' }).click();
    const form = page.locator('ehds-input-form');
    await form.waitFor();
    await form.getByRole('button', { name: 'Registrer innspill' }).click();
    await form.locator('#text-error').waitFor();
    assert.is(await form.locator('#text').getAttribute('aria-invalid'), 'true');

    const text = 'Pasientoppsummeringen må kunne vises i EPJ uten ekstra pålogging.';
    await form.locator('#text').fill(text);
    await form.getByLabel('Endringsforslag').check();
    await form.getByLabel('Område', { exact: true }).selectOption('A2');
    await form.getByLabel('Organisasjon', { exact: true }).selectOption({ label: 'Legeforeningen' });
    await form.getByLabel('Møte', { exact: true }).selectOption(String(meeting.id));
    await form.getByLabel('Filtrer koblede krav').fill('pasientoppsummering');
    await form.getByRole('checkbox', { name: /A2-05/ }).check();
    await form.getByLabel('Filtrer koblede spørsmål').fill('PS-07');
    await form.getByRole('checkbox', { name: /PS-07/ }).check();
    await screenshot(page, 'inputs-new');
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
    await form.getByRole('button', { name: 'Registrer innspill' }).click();
    const notice = page.locator('ehds-inputs-page .notice');
    await notice.waitFor();
    const id = Number(/nr\. (\d+)/.exec(await notice.innerText())?.[1]);
    assert.ok(id > 40);

    const created = await getJson(ctx, `/api/inputs/${id}`);
    assert.is(created.text, text);
    assert.is(created.type, 'proposed_change');
    assert.is(created.area_code, 'A2');
    assert.is(created.organisation, 'Legeforeningen');
    assert.is(created.meeting_id, meeting.id);
    assert.equal(created.requirement_refs, ['A2-05']);
    assert.equal(created.question_refs, ['PS-07']);

    await item(page, id).waitFor();
    const shown = await item(page, id).innerText();
    assert.match(shown, text);
    assert.match(shown, 'Endringsforslag');
    assert.match(shown, 'Legeforeningen');
    assert.match(shown, '24.01.2025');
    assert.is(await item(page, id).locator('ehds-disposition-editor .disp').innerText(), 'Til behandling');

    await page.goto(`${ctx.server.url}/innspill?requirement=A2-05`);
    await item(page, id).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Fjern filteret «Om krav A2-05»' }).isVisible());
    const forA205 = await getJson(ctx, '/api/inputs?requirement=A2-05&limit=1');
    assert.match(await page.locator('ehds-inputs-page .count').innerText(), `${forA205.total} innspill`);
    await page.getByRole('button', { name: 'Fjern filteret «Om krav A2-05»' }).click();
    await page.waitForURL(/\/innspill$/);
    const all = await getJson(ctx, '/api/inputs?limit=1');
    await page.locator('ehds-inputs-page .count', { hasText: `${all.total} innspill` }).waitFor();
  } finally {
    await page.context().close();
  }
});

Inputs('English labels after the language switch; axe on the list', async (ctx) => {
  const pending = await getJson(ctx, '/api/inputs?disposition=pending&limit=1');
  const page = await open(ctx, '/innspill?disposition=pending');
  try {
    await screenshot(page, 'inputs');
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('ehds-inputs-page h1', { hasText: 'Input' }).waitFor();
    assert.match(await page.locator('ehds-inputs-page .count').innerText(), `${pending.total} inputs`);
    assert.ok(await page.getByRole('button', { name: 'Handle input 2', exact: true }).isVisible());
    assert.ok(await page.getByLabel('Disposition', { exact: true }).isVisible());
    assert.is(await item(page, 2).locator('ehds-disposition-editor .disp').innerText(), 'Pending');
    assert.match(await item(page, 2).innerText(), 'Comment');
    assert.match(await item(page, 2).innerText(), 'Organisation');
  } finally {
    await page.context().close();
  }
});

Inputs.run();
