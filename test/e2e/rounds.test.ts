// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
/**
 * The story in the browser: an administrator signs in, adds a reference-group member and a round
 * for «Pasientoppsummering» scoped to A2-05 and A2-02, and opens it; the member signs in, sees only those
 * two requirements and comments; the analyst sets a disposition and exports «Norges innspill» as Word
 * and CSV, both holding the comment.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { unzip, wordText, xmlText } from '../export/unzip.ts';
import { axe, launchBrowser, type RunningServer, screenshot, serious, signIn, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser; roundId: number; member: { email: string; password: string } };
const Rounds = suite<Ctx>('e2e: consultation rounds');

const COMMENT = 'Den norske pasientoppsummeringen bør ta med kritisk informasjon fra kjernejournal.';
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
const inTwoWeeks = (() => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 14);
  return d.toISOString().slice(0, 10);
})();

Rounds.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser();
});

Rounds.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

/** What the page's Content-Security-Policy refused: the built client must need nothing it forbids. */
const cspViolations: string[] = [];

async function newPage(ctx: Ctx): Promise<Page> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}

async function assertAxe(page: Page, where: string) {
  const violations = serious(await axe(page));
  assert.equal(violations, [], `${where}: ${JSON.stringify(violations, null, 1).slice(0, 800)}`);
}

Rounds('a page asked for without a session goes to sign-in, and back there after signing in', async (ctx) => {
  const page = await newPage(ctx);
  try {
    await page.goto(`${ctx.server.url}/runder`);
    await page.waitForURL(/\/logg-inn\?neste=%2Frunder/);
    await page.getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
    assert.is(await page.locator('nav[aria-label="Hovedmeny"]').count(), 0, 'no menu before signing in');
    await page.getByLabel('E-postadresse').fill('admin@e2e.example');
    await page.getByLabel('Passord').fill('feil passord her');
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), 'Feil e-postadresse eller passord');
    await screenshot(page, 'login');
    await assertAxe(page, 'sign-in page');
    await page.getByLabel('Passord').fill('e2e-admin-passord');
    await page.getByLabel('Passord').press('Enter');
    await page.waitForURL(/\/runder$/);
    await page.getByRole('heading', { level: 1, name: 'Høringsrunder' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Brukere' }).isVisible(), 'the administrator’s menu');
    assert.ok(await page.getByRole('button', { name: 'Logg ut' }).isVisible());
  } finally {
    await page.context().close();
  }
});

Rounds(
  'the administrator adds a member and a round for Pasientoppsummering on A2-05 and A2-02, and opens it',
  async (ctx) => {
    const page = await newPage(ctx);
    try {
      await signIn(page, ctx.server, 'admin');
      // A new user, with a password generated in the browser.
      await page.goto(`${ctx.server.url}/brukere`);
      await page.getByRole('button', { name: '+ Ny bruker' }).click();
      const form = page.locator('#new-user ehds-user-form');
      await form.getByLabel('E-postadresse').fill('kari.fastlege@kommune.example');
      await form.getByLabel('Navn').fill('Kari Fastlege');
      await form.getByLabel('Rolle').selectOption('reference_member');
      await form.getByRole('button', { name: 'Lag passord' }).click();
      const password = await form.getByLabel('Første passord').inputValue();
      assert.ok(password.length >= 20);
      await form.getByRole('button', { name: 'Opprett bruker' }).click();
      await page.getByText('Kari Fastlege er opprettet.').waitFor();
      assert.ok(await page.locator('ehds-users-page code').getByText(password).isVisible(), 'the password, shown once');
      ctx.member = { email: 'kari.fastlege@kommune.example', password };
      await screenshot(page, 'users');
      await assertAxe(page, 'users page');

      // Into the reference group.
      await page.getByRole('link', { name: 'Referansegrupper' }).click();
      await page.getByRole('heading', { level: 1, name: 'Referansegrupper' }).waitFor();
      const group = page.locator('ehds-groups-page section', {
        has: page.getByRole('heading', { name: 'Pasientoppsummering' }),
      });
      await group
        .getByLabel('Legg til medlem i Pasientoppsummering')
        .selectOption({ label: 'Kari Fastlege (kari.fastlege@kommune.example)' });
      await group.getByRole('button', { name: 'Legg til' }).click();
      await page.getByText('Kari Fastlege er lagt til i Pasientoppsummering.').waitFor();
      assert.ok(await group.getByRole('button', { name: 'Fjern Kari Fastlege fra Pasientoppsummering' }).isVisible());
      await assertAxe(page, 'groups page');

      // The round.
      await page.getByRole('link', { name: 'Høringsrunder' }).click();
      await page.getByRole('link', { name: '+ Ny runde' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ny høringsrunde' }).waitFor();
      const editor = page.locator('ehds-round-editor-page');
      await editor.getByLabel('Referansegruppe').selectOption({ label: 'Pasientoppsummering' });
      await editor.getByLabel('Tittel').fill('Xt-EHR: utkast til gjennomføringsrettsakt om pasientoppsummering');
      await editor.getByLabel('Beskrivelse').fill('Kommenter utkastet før Norges svar sendes.');
      await editor.getByLabel('Åpner').fill(today);
      await editor.getByLabel('Frist').fill(inTwoWeeks);
      const picker = editor.locator('ehds-ref-picker');
      await picker.getByRole('checkbox', { name: /^A2-05 / }).check();
      await picker.getByRole('checkbox', { name: /^A2-02 / }).check();
      await picker.getByText('Valgt: A2-02, A2-05').waitFor();
      await assertAxe(page, 'round editor');
      await editor.getByRole('button', { name: 'Opprett runden' }).click();
      await page.waitForURL(/\/runder\/\d+$/);
      ctx.roundId = Number(/\/runder\/(\d+)$/.exec(page.url())![1]);
      await page.getByRole('heading', { level: 1, name: /Xt-EHR: utkast/ }).waitFor();
      await page.getByRole('button', { name: 'Åpne runden' }).click();
      await page.getByText('Runden er åpnet.').waitFor();
      const meta = await page.locator('ehds-round-page dl.meta').innerText();
      assert.match(meta, 'Åpen');
      assert.match(meta, '14');
      await screenshot(page, 'round-admin');
      await assertAxe(page, 'round page');
      await page.getByRole('link', { name: 'Alle høringsrunder' }).click();
      await page.locator('ehds-rounds-page table').waitFor();
      await screenshot(page, 'rounds');
      await assertAxe(page, 'rounds list');
    } finally {
      await page.context().close();
    }
  },
);

Rounds('the member signs in, sees only A2-05 and A2-02 and comments on A2-05', async (ctx) => {
  const page = await newPage(ctx);
  try {
    await page.goto(ctx.server.url);
    await page.waitForURL(/\/logg-inn/);
    await page.getByLabel('E-postadresse').fill(ctx.member.email);
    await page.getByLabel('Passord').fill(ctx.member.password);
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL(/\/mine-runder$/);
    const nav = page.locator('nav[aria-label="Hovedmeny"]');
    assert.equal(await nav.getByRole('link').allInnerTexts(), ['Mine høringsrunder'], 'a member’s menu');
    await page.getByRole('link', { name: /Xt-EHR: utkast/ }).click();
    await page.waitForURL(new RegExp(`/mine-runder/${ctx.roundId}$`));
    const view = page.locator('ehds-member-round-page');
    await view.locator('section.req h2').first().waitFor();
    assert.equal(await view.locator('section.req h2').allInnerTexts(), [
      'A2-02 Overføring over landegrenser i europeisk journalformat EEHRxF',
      'A2-05 Pasientoppsummeringer innen 2029',
      'Runden som helhet',
    ]);
    assert.match(await view.locator('.banner').innerText(), 'Runden er åpen til');
    const a205 = view.locator('section.req', { has: page.locator('#r-A2-05') });
    assert.match(await a205.locator('.articles').innerText(), 'art.');
    assert.ok(await a205.locator('.assessment').getByText('Dagens situasjon').isVisible());
    // The API agrees: nothing but the round's scope.
    const listed = await (await page.request.get(`${ctx.server.url}/api/requirements?limit=500`)).json();
    assert.equal(
      listed.items.map((r: { ref: string }) => r.ref),
      ['A2-02', 'A2-05'],
    );
    assert.is((await page.request.get(`${ctx.server.url}/api/requirements/A1-01`)).status(), 404);
    assert.is((await page.request.get(`${ctx.server.url}/api/dashboard`)).status(), 403);

    const form = a205.locator('ehds-round-input-form');
    await form.getByRole('radio', { name: 'Endringsforslag' }).check();
    await form.getByLabel('Ditt innspill til A2-05').fill(COMMENT);
    await form.getByRole('button', { name: 'Send innspill' }).click();
    await page.getByText('Takk, innspillet er sendt.').waitFor();
    const mine = a205.locator('ul.inputs li.mine');
    await mine.waitFor();
    assert.match(await mine.innerText(), COMMENT);
    assert.match(await mine.innerText(), 'Endringsforslag');
    assert.ok(await mine.getByRole('button', { name: /Endre innspill/ }).isVisible(), 'their own input can be changed');
    await screenshot(page, 'member-round');
    await assertAxe(page, 'member view');
    // The staff pages are not theirs: the app sends them back to their rounds.
    await page.goto(`${ctx.server.url}/krav`);
    await page.waitForURL(/\/mine-runder$/);
  } finally {
    await page.context().close();
  }
});

Rounds('the analyst sets a disposition and exports the round as Word and CSV, both with the comment', async (ctx) => {
  const page = await newPage(ctx);
  try {
    await signIn(page, ctx.server, 'analyst');
    await page.goto(`${ctx.server.url}/runder/${ctx.roundId}`);
    const section = page.locator('ehds-round-page section.req', { has: page.locator('#req-A2-05') });
    await section.getByText(COMMENT).waitFor();
    const item = section.locator('ul.inputs > li', { hasText: COMMENT });
    await item.getByRole('button', { name: /Behandle innspill/ }).click();
    const editor = item.locator('ehds-disposition-editor');
    await editor.getByLabel('Disposisjon').selectOption('accepted');
    await editor.getByLabel('Begrunnelse').fill('Tas med i Norges innspill til Xt-EHR.');
    await editor.getByRole('button', { name: 'Lagre disposisjon' }).click();
    await editor.getByText('Disposisjonen er lagret.').waitFor();
    assert.match(await editor.locator('.current').innerText(), 'Tatt til følge');

    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Norges innspill (Word)' }).click(),
    ]);
    assert.match(docx.suggestedFilename(), /^Norges-innspill-.*\.docx$/);
    const doc = wordText(xmlText(unzip(new Uint8Array(readFileSync((await docx.path())!))), 'word/document.xml'));
    assert.ok(doc.includes(COMMENT), 'the comment is in the Word file');
    assert.ok(doc.includes('Tatt til følge') && doc.includes('Tas med i Norges innspill til Xt-EHR.'));
    assert.ok(doc.includes('Kari Fastlege'));

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Norges innspill (CSV)' }).click(),
    ]);
    assert.match(csv.suggestedFilename(), /^Norges-innspill-.*\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    assert.ok(text.startsWith('\uFEFFKrav,Kravtittel,Innspill'));
    assert.ok(text.includes(COMMENT), 'the comment is in the CSV file');
    assert.match(
      text,
      /A2-05,Pasientoppsummeringer innen 2029,.*,Endringsforslag,,Kari Fastlege,.*,Tatt til følge,Tas med i Norges innspill til Xt-EHR\./,
    );

    // The overview shows the open round, how long it has left and how much of it has input.
    await page.getByRole('link', { name: 'Oversikt' }).click();
    const open = page.locator('ehds-open-rounds li', { hasText: 'Xt-EHR: utkast' });
    await open.waitFor();
    assert.match(await open.innerText(), 'Pasientoppsummering');
    assert.match(await open.innerText(), '14 dager igjen');
    assert.match(await open.innerText(), '1 av 2 krav har innspill (50 %)');
    assert.equal(cspViolations, [], 'the client runs under the Content-Security-Policy');
  } finally {
    await page.context().close();
  }
});

Rounds.run();
