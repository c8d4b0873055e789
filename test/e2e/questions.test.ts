// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser };
const Questions = suite<Ctx>('e2e: principle questions');

Questions.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
});

Questions.after(async (ctx) => {
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

const getJson = async (ctx: Ctx, path: string) => (await fetch(`${ctx.server.url}${path}`)).json();
const rowRefs = (page: Page) => page.locator('ehds-questions-page tbody th').allInnerTexts();
const countText = (page: Page) => page.locator('ehds-questions-page .count').innerText();

Questions(
  'the register lists every question; origin, area and status filter through the URL; search finds æøå',
  async (ctx) => {
    const all = await getJson(ctx, '/api/questions?limit=1000');
    const page = await open(ctx, '/sporsmal', 'ehds-questions-page tbody tr');
    try {
      assert.is(await page.title(), 'Prinsipielle spørsmål – EHDS gapanalyse');
      assert.match(await countText(page), `${all.total} spørsmål`);
      assert.equal(
        await rowRefs(page),
        all.items.map((q: { ref: string }) => q.ref),
      );
      const ps02 = page.locator('ehds-questions-page tbody tr', { has: page.locator('a[href="/sporsmal/PS-02"]') });
      assert.equal(await ps02.locator('a[href^="/krav/"]').allInnerTexts(), ['A1-03', 'A1-08']);

      await page.getByLabel('Opphav').selectOption('discretion');
      await page.waitForURL(/origin=discretion/);
      const discretion = await getJson(ctx, '/api/questions?origin=discretion&limit=1');
      await page.locator('ehds-questions-page .count', { hasText: `${discretion.total} spørsmål` }).waitFor();
      for (const ref of await rowRefs(page)) assert.match(ref, /^NV-/);

      await page.goto(`${ctx.server.url}/sporsmal?area=A1&status=open`);
      await page.locator('ehds-questions-page tbody tr').first().waitFor();
      assert.is(await page.getByLabel('Område').inputValue(), 'A1');
      assert.is(await page.getByLabel('Status').inputValue(), 'open');
      const a1 = await getJson(ctx, '/api/questions?area=A1&status=open&limit=1000');
      assert.equal(
        await rowRefs(page),
        a1.items.map((q: { ref: string }) => q.ref),
      );

      await page.goto(`${ctx.server.url}/sporsmal`);
      await page.getByLabel('Søk').fill('fullmaktstjeneste');
      await page.waitForURL(/q=fullmaktstjeneste/);
      await page.locator('ehds-questions-page .count', { hasText: /^\s*1 spørsmål/ }).waitFor();
      assert.equal(await rowRefs(page), ['PS-02']);
    } finally {
      await page.context().close();
    }
  },
);

Questions('create a question (errors announced, nothing lost), then decide it', async (ctx) => {
  const page = await open(ctx, '/sporsmal', 'ehds-questions-page tbody tr');
  try {
    await page.getByRole('button', { name: 'Nytt spørsmål' }).click();
    const form = page.locator('ehds-question-form');
    await form.waitFor();
    // Empty text: summary alert, inline error tied to the field, focus on the summary.
    await form.getByRole('button', { name: 'Opprett spørsmål' }).click();
    const alert = form.locator('ehds-form-alert [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), 'Spørsmål');
    const text = form.getByLabel('Spørsmål', { exact: false }).first();
    assert.is(await text.getAttribute('aria-invalid'), 'true');
    assert.match((await text.getAttribute('aria-describedby')) ?? '', 'text-error');
    assert.ok(await form.locator('#text-error').isVisible());

    await text.fill('Skal pasientoppsummeringen hentes fra kjernejournal?');
    await form.getByLabel('Område', { exact: true }).selectOption('A2');
    await form.getByLabel('Filtrer koblede krav').fill('A2-05');
    await form.getByRole('checkbox', { name: /A2-05/ }).check();
    await form.getByRole('button', { name: 'Legg til alternativ' }).click();
    await page.keyboard.type('Ja, fra kjernejournal');
    await form.getByRole('button', { name: 'Legg til alternativ' }).click();
    await form.getByRole('textbox', { name: 'Alternativ 2' }).fill('Nei, fra EPJ direkte');
    assert.match(await form.locator('ehds-ref-picker .chosen').innerText(), 'A2-05');
    await screenshot(page, 'questions-new');
    const formViolations = serious(await axe(page));
    assert.equal(formViolations, [], JSON.stringify(formViolations));

    await form.getByRole('button', { name: 'Opprett spørsmål' }).click();
    const notice = page.locator('ehds-questions-page .notice');
    await notice.waitFor();
    const ref = /Spørsmål (PS-\d+) er opprettet/.exec(await notice.innerText())?.[1];
    assert.ok(ref, 'the notice names the new ref');
    const created = await getJson(ctx, `/api/questions/${ref}`);
    assert.is(created.text, 'Skal pasientoppsummeringen hentes fra kjernejournal?');
    assert.is(created.area_code, 'A2');
    assert.equal(
      created.requirements.map((r: { ref: string }) => r.ref),
      ['A2-05'],
    );
    assert.equal(created.options, ['Ja, fra kjernejournal', 'Nei, fra EPJ direkte']);
    await page.locator(`ehds-questions-page tbody a[href="/sporsmal/${ref}"]`).waitFor();

    // Decide it: «Avklart» without a decision is refused inline, then saved with one.
    await notice.getByRole('link').click();
    const editor = page.locator('ehds-question-editor');
    await editor.locator('form').waitFor();
    assert.match(await page.locator('ehds-question-page h1').innerText(), 'kjernejournal');
    await editor.getByLabel('Avklart').check();
    await editor.getByRole('button', { name: 'Lagre endringer' }).click();
    await editor.locator('#decision-error').waitFor();
    assert.match(await editor.locator('#decision-error').innerText(), 'må ha en beslutning');
    assert.is(await editor.locator('#decision').getAttribute('aria-invalid'), 'true');
    assert.match((await editor.locator('#decision').getAttribute('aria-describedby')) ?? '', 'decision-error');
    assert.ok(await editor.locator('ehds-form-alert [role="alert"]').isVisible());
    assert.is((await getJson(ctx, `/api/questions/${ref}`)).status, 'open');

    await editor.locator('#decision').fill('Kjernejournal er kilden for pasientoppsummering.');
    await editor.locator('#decision_owner').fill('HOD');
    await editor.getByRole('button', { name: 'Lagre endringer' }).click();
    await editor.getByText('Endringene er lagret (versjon 2).').waitFor();
    const decided = await getJson(ctx, `/api/questions/${ref}`);
    assert.is(decided.status, 'decided');
    assert.is(decided.decision, 'Kjernejournal er kilden for pasientoppsummering.');
    assert.is(decided.decision_owner, 'HOD');

    await page.reload();
    await editor.locator('form').waitFor();
    assert.ok(await editor.getByLabel('Avklart').isChecked());
    assert.is(await editor.locator('#decision').inputValue(), 'Kjernejournal er kilden for pasientoppsummering.');
    await screenshot(page, 'question-decided');
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
  } finally {
    await page.context().close();
  }
});

Questions('a stale save shows both versions and loses nothing; «mine» saves over theirs', async (ctx) => {
  const page = await open(ctx, '/sporsmal/PS-03', 'ehds-question-editor form');
  try {
    const editor = page.locator('ehds-question-editor');
    const before = await getJson(ctx, '/api/questions/PS-03');
    // Someone else saves first.
    const other = await fetch(`${ctx.server.url}/api/questions/PS-03`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        version: before.version,
        rationale: 'Fra en annen analytiker',
        consequences: 'Deres konsekvens',
      }),
    });
    assert.is(other.status, 200);

    await editor.locator('#rationale').fill('Min begrunnelse');
    await editor.getByLabel('Under arbeid').check();
    await editor.getByRole('button', { name: 'Lagre endringer' }).click();
    const conflict = editor.locator('.conflict');
    await conflict.waitFor();
    assert.match(await conflict.innerText(), 'Noen andre har endret');
    const rationaleRow = conflict.locator('tr', { has: page.locator('th', { hasText: 'Begrunnelse' }) });
    assert.match(await rationaleRow.innerText(), 'Fra en annen analytiker');
    assert.match(await rationaleRow.innerText(), 'Min begrunnelse');
    assert.is(await editor.locator('#rationale').inputValue(), 'Min begrunnelse', 'my text is still in the form');
    assert.is(
      await editor.locator('#consequences').inputValue(),
      'Deres konsekvens',
      'their change to another field is taken in',
    );
    await screenshot(page, 'question-conflict');

    await conflict.getByRole('button', { name: /Lagre mine endringer/ }).click();
    await editor.getByText(/Endringene er lagret/).waitFor();
    const after = await getJson(ctx, '/api/questions/PS-03');
    assert.is(after.rationale, 'Min begrunnelse');
    assert.is(after.status, 'in_progress');
    assert.is(after.consequences, 'Deres konsekvens', 'their other change survives');
  } finally {
    await page.context().close();
  }
});

Questions('after a stale save, «bruk det som er lagret» takes their version', async (ctx) => {
  const page = await open(ctx, '/sporsmal/PS-04', 'ehds-question-editor form');
  try {
    const editor = page.locator('ehds-question-editor');
    const before = await getJson(ctx, '/api/questions/PS-04');
    await fetch(`${ctx.server.url}/api/questions/PS-04`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: before.version, decision_owner: 'NUIT' }),
    });
    await editor.locator('#decision_owner').fill('Helsedirektoratet');
    await editor.getByRole('button', { name: 'Lagre endringer' }).click();
    await editor.locator('.conflict').waitFor();
    await editor.getByRole('button', { name: /Forkast mine endringer/ }).click();
    assert.is(await editor.locator('#decision_owner').inputValue(), 'NUIT');
    assert.is(await editor.locator('.conflict').count(), 0);
    assert.is((await getJson(ctx, '/api/questions/PS-04')).decision_owner, 'NUIT');
  } finally {
    await page.context().close();
  }
});

Questions('English labels after the language switch; axe on the register', async (ctx) => {
  const page = await open(ctx, '/sporsmal', 'ehds-questions-page tbody tr');
  try {
    await screenshot(page, 'questions');
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('ehds-questions-page h1', { hasText: 'Principle questions' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'New question' }).isVisible());
    assert.match(await page.locator('ehds-questions-page thead').innerText(), 'Decision');
    assert.ok(await page.getByLabel('Origin').isVisible());
    assert.match(await page.locator('ehds-questions-page tbody').innerText(), 'Not decided');
    await page.locator('a[href="/sporsmal/PS-01"]').click();
    await page.locator('ehds-question-editor form').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Save changes' }).isVisible());
    assert.ok(await page.getByLabel('Decision owner').isVisible());
  } finally {
    await page.context().close();
  }
});

Questions.run();
