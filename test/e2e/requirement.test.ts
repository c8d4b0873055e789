// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

const One = suite<{ server: RunningServer; browser: Browser }>('e2e: requirement page');

interface Assessment {
  version: number;
  coverage: string;
  work_status: string;
  gap_dimensions: string[];
  situation: string;
  gap: string;
  justification: string;
  responsible_organisation_id: number | null;
}

const getAssessment = async (url: string, ref: string): Promise<Assessment> =>
  (await fetch(`${url}/api/requirements/${ref}/assessment`)).json();

async function putAssessment(url: string, ref: string, version: number, changes: Partial<Assessment>) {
  const c = await getAssessment(url, ref);
  const body = {
    version,
    coverage: c.coverage,
    work_status: c.work_status,
    gap_dimensions: c.gap_dimensions,
    situation: c.situation,
    gap: c.gap,
    justification: c.justification,
    responsible_organisation_id: c.responsible_organisation_id,
    ...changes,
  };
  const res = await fetch(`${url}/api/requirements/${ref}/assessment`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.is(res.status, 200, await res.clone().text());
  return (await res.json()) as Assessment;
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

/** The element that has focus, looking into shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el
      ? { tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'), text: el.textContent?.trim() ?? '' }
      : null;
  });

async function tabTo(
  page: Page,
  what: string,
  match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean,
) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && match(f)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

One.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
});

One.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function open(ctx: { server: RunningServer; browser: Browser }, ref: string) {
  const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${ctx.server.url}/krav/${ref}`);
  await page.locator('ehds-assessment-form form').waitFor();
  return page;
}

const form = (page: Page) => page.locator('ehds-assessment-form');
const save = (page: Page) => form(page).getByRole('button', { name: 'Lagre vurdering' }).click();

One('shows the requirement with articles, groups, questions, input and history', async (ctx) => {
  const page = await open(ctx, 'A2-05');
  try {
    assert.is(await page.locator('h1').innerText(), 'A2-05 Pasientoppsummeringer innen 2029');
    assert.is(await page.title(), 'A2-05 Pasientoppsummeringer innen 2029 – EHDS gapanalyse');
    const article = page.getByRole('link', { name: 'Art. 14(1)(a)' });
    assert.is(await article.getAttribute('href'), '/artikler/14');
    assert.ok(
      await page.getByText('Priority categories of personal electronic health data for primary use').isVisible(),
    );
    assert.ok(await page.getByRole('link', { name: 'Pasientoppsummering', exact: true }).isVisible());
    assert.is(await page.getByRole('link', { name: 'PS-07' }).getAttribute('href'), '/sporsmal/PS-07');
    assert.ok(await page.locator('li[data-input="5"]').isVisible());
    assert.match(await page.locator('aside').innerText(), 'NUIT 13.02.2025, sak 7/25');
    await page.locator('ehds-history-list li.entry').first().waitFor();
    assert.is(await page.locator('ehds-history-list li.entry').count(), 2);
  } finally {
    await page.close();
  }
});

One('change coverage and gap, save, reload: the change is kept', async (ctx) => {
  const before = await getAssessment(ctx.server.url, 'A2-05');
  const page = await open(ctx, 'A2-05');
  try {
    await form(page).getByRole('radio', { name: 'Delvis dekket' }).check();
    await form(page).getByRole('checkbox', { name: 'Semantisk' }).check();
    await form(page).locator('textarea[name="gap"]').fill('Ingen nasjonal tjeneste for pasientoppsummering etter IPS.');
    assert.ok(await form(page).getByText('Ulagrede endringer').isVisible());
    await save(page);
    await form(page)
      .getByText(`Versjon ${before.version + 1}.`)
      .waitFor();
    assert.match(await form(page).locator('[role="status"]').innerText(), 'Vurderingen er lagret');
    assert.is(await page.locator('[data-current-coverage]').getAttribute('data-current-coverage'), 'partially_covered');

    await page.reload();
    await page.locator('ehds-assessment-form form').waitFor();
    assert.ok(await form(page).getByRole('radio', { name: 'Delvis dekket' }).isChecked());
    assert.ok(await form(page).getByRole('checkbox', { name: 'Semantisk' }).isChecked());
    assert.is(
      await form(page).locator('textarea[name="gap"]').inputValue(),
      'Ingen nasjonal tjeneste for pasientoppsummering etter IPS.',
    );
    const after = await getAssessment(ctx.server.url, 'A2-05');
    assert.is(after.coverage, 'partially_covered');
    assert.equal(after.gap_dimensions, ['semantic']);
    assert.is(after.version, before.version + 1);
  } finally {
    await page.close();
  }
});

One('a 409 shows both versions side by side; the chosen merge is saved and nothing is lost', async (ctx) => {
  const page = await open(ctx, 'A2-05');
  try {
    const read = await getAssessment(ctx.server.url, 'A2-05');
    // A colleague saves first, against the same version the page read.
    await putAssessment(ctx.server.url, 'A2-05', read.version, {
      situation: 'Kollegaens nye beskrivelse av dagens situasjon.',
      work_status: 'in_review',
      gap: 'Kollegaens gap.',
    });
    await form(page).getByRole('radio', { name: 'Ikke dekket' }).check();
    await form(page).locator('textarea[name="gap"]').fill('Mitt gap: IPS mangler i kjernejournal.');
    await save(page);

    const resolver = page.locator('ehds-conflict-resolver');
    await resolver.getByRole('heading', { name: 'Noen andre har lagret en nyere versjon' }).waitFor();
    const differing = await resolver
      .locator('fieldset')
      .evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.field));
    assert.equal(differing, ['coverage', 'work_status', 'situation', 'gap']);
    // Both sides are shown for every differing field.
    const gap = resolver.locator('fieldset[data-field="gap"]');
    assert.match(await gap.locator('[data-side="theirs"]').innerText(), 'Kollegaens gap.');
    assert.match(await gap.locator('[data-side="mine"]').innerText(), 'Mitt gap: IPS mangler i kjernejournal.');
    assert.match(await gap.locator('legend').innerText(), 'endret av begge');
    // Defaults of the three-way merge: what only they changed is theirs, what I changed is mine.
    assert.ok(await resolver.locator('#c-situation-theirs').isChecked());
    assert.ok(await resolver.locator('#c-work_status-theirs').isChecked());
    assert.ok(await resolver.locator('#c-coverage-mine').isChecked());
    assert.ok(await resolver.locator('#c-gap-mine').isChecked());
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations, null, 2));
    await screenshot(page, 'requirement-conflict');

    // Wholesale, then per field: keep mine everywhere, but take their work status and situation.
    await resolver.getByRole('button', { name: 'Behold mine i alle felt' }).click();
    assert.ok(await resolver.locator('#c-situation-mine').isChecked());
    await resolver.locator('fieldset[data-field="work_status"]').getByRole('radio', { name: 'Bruk deres' }).check();
    await resolver.locator('fieldset[data-field="situation"]').getByRole('radio', { name: 'Bruk deres' }).check();
    assert.match(
      await resolver.locator('.summary').innerText(),
      'Du lagrer 2 felt fra dine endringer og 2 fra deres versjon.',
    );
    await resolver.getByRole('button', { name: 'Lagre valgt versjon' }).click();
    await form(page)
      .getByText(`Versjon ${read.version + 2}.`)
      .waitFor();

    const merged = await getAssessment(ctx.server.url, 'A2-05');
    assert.is(merged.coverage, 'not_covered');
    assert.is(merged.gap, 'Mitt gap: IPS mangler i kjernejournal.');
    assert.is(merged.work_status, 'in_review');
    assert.is(merged.situation, 'Kollegaens nye beskrivelse av dagens situasjon.');
    assert.is(merged.version, read.version + 2);

    // The history has both writes, on the server and on the page.
    const history = await (await fetch(`${ctx.server.url}/api/requirements/A2-05/history`)).json();
    const [mine, theirs] = history.items as { changes: Record<string, [unknown, unknown]> }[];
    assert.equal(mine!.changes.gap, ['Kollegaens gap.', 'Mitt gap: IPS mangler i kjernejournal.']);
    assert.equal(mine!.changes.coverage, ['partially_covered', 'not_covered']);
    assert.equal(theirs!.changes.work_status?.[1], 'in_review');
    const entries = page.locator('ehds-history-list li.entry');
    await until('history on the page', async () => (await entries.count()) === history.total);
    assert.match(await entries.nth(0).innerText(), 'Mitt gap: IPS mangler i kjernejournal.');
    assert.match(await entries.nth(1).innerText(), 'Kollegaens gap.');
  } finally {
    await page.close();
  }
});

One('«Ikke relevant» without a justification is refused inline and not saved', async (ctx) => {
  const before = await getAssessment(ctx.server.url, 'A2-06');
  const page = await open(ctx, 'A2-06');
  try {
    await form(page).getByRole('radio', { name: 'Ikke relevant' }).check();
    await save(page);
    const error = form(page).locator('#justification-error');
    await error.waitFor();
    assert.match(await error.innerText(), 'Skriv en begrunnelse');
    const textarea = form(page).locator('textarea[name="justification"]');
    assert.is(await textarea.getAttribute('aria-invalid'), 'true');
    assert.match((await textarea.getAttribute('aria-describedby')) ?? '', 'justification-error');
    const summary = form(page).locator('.summary[role="alert"]');
    assert.match(await summary.innerText(), 'Begrunnelse');
    assert.is((await focused(page))?.tag, 'div', 'focus on the error summary');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await getAssessment(ctx.server.url, 'A2-06'), before, 'nothing saved');

    // The summary link takes focus to the field; a justification clears the error and saves.
    await summary.getByRole('link').click();
    assert.is((await focused(page))?.name, 'justification');
    await page.keyboard.type('Kategorien dekkes av A2-01.');
    assert.is(await error.count(), 0);
    await save(page);
    await form(page)
      .getByText(`Versjon ${before.version + 1}.`)
      .waitFor();
    assert.is((await getAssessment(ctx.server.url, 'A2-06')).coverage, 'not_applicable');
  } finally {
    await page.close();
  }
});

One('a failed request keeps the edits in the form; retry saves them', async (ctx) => {
  const page = await open(ctx, 'A2-07');
  try {
    await page.route('**/api/requirements/A2-07/assessment', (route) => route.abort('connectionrefused'));
    await form(page).locator('textarea[name="gap"]').fill('Pasientens prøvesvar er bare i utprøving.');
    await save(page);
    const alert = form(page).locator('.alert[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), 'Vurderingen ble ikke lagret');
    assert.match(await alert.innerText(), 'Endringene dine ligger fortsatt i skjemaet');
    assert.is(
      await form(page).locator('textarea[name="gap"]').inputValue(),
      'Pasientens prøvesvar er bare i utprøving.',
    );
    await page.unroute('**/api/requirements/A2-07/assessment');
    await alert.getByRole('button', { name: 'Prøv å lagre igjen' }).click();
    await form(page).getByText('Vurderingen er lagret').waitFor();
    assert.is((await getAssessment(ctx.server.url, 'A2-07')).gap, 'Pasientens prøvesvar er bare i utprøving.');
  } finally {
    await page.close();
  }
});

One('sets the disposition of an input inline', async (ctx) => {
  const page = await open(ctx, 'A2-05');
  try {
    const item = page.locator('li[data-input="5"]');
    await item.getByRole('button', { name: 'Behandle innspill 5' }).click();
    await item.getByLabel('Disposisjon').selectOption('accepted');
    await item.getByLabel('Begrunnelse').fill('Tas inn i vurderingen av pasientoppsummering.');
    await item.getByRole('button', { name: 'Lagre disposisjon' }).click();
    await item.getByText('Disposisjonen er lagret.').waitFor();
    assert.is(await item.locator('ehds-disposition-editor .disp').innerText(), 'Tatt til følge');
    const input = await (await fetch(`${ctx.server.url}/api/inputs/5`)).json();
    assert.is(input.disposition, 'accepted');
    assert.is(input.disposition_reason, 'Tas inn i vurderingen av pasientoppsummering.');
  } finally {
    await page.close();
  }
});

One('keyboard only: Tab reaches the form, arrows choose, Enter saves', async (ctx) => {
  const before = await getAssessment(ctx.server.url, 'A2-08');
  const page = await open(ctx, 'A2-08');
  try {
    assert.ok(await page.locator('.risk-flag').isVisible(), 'not assessed: deadline at risk');
    await page.locator('body').focus();
    await tabTo(page, 'coverage', (f) => f.name === 'coverage');
    await page.keyboard.press('ArrowRight'); // not assessed → wraps to covered
    await tabTo(page, 'situation', (f) => f.name === 'situation');
    await page.keyboard.type('Sykehusene deler epikriser i dag.');
    await tabTo(page, 'save button', (f) => f.tag === 'button' && f.text === 'Lagre vurdering');
    await page.keyboard.press('Enter');
    await form(page)
      .getByText(`Versjon ${before.version + 1}.`)
      .waitFor();
    const after = await getAssessment(ctx.server.url, 'A2-08');
    assert.is(after.coverage, 'covered');
    assert.is(after.situation, 'Sykehusene deler epikriser i dag.');
    // Covered: the deadline is no longer at risk, without a reload.
    await until('risk flag gone', async () => (await page.locator('.risk-flag').count()) === 0);
  } finally {
    await page.close();
  }
});

One('leaving with unsaved edits asks first', async (ctx) => {
  const page = await open(ctx, 'A1-02');
  try {
    await form(page).locator('textarea[name="gap"]').fill('Ulagret');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'Oversikt' }).click();
    await until('confirm dialog', async () => asked !== '');
    assert.match(asked, 'ikke er lagret');
    assert.match(page.url(), /\/krav\/A1-02$/);
    assert.is(await form(page).locator('textarea[name="gap"]').inputValue(), 'Ulagret');
  } finally {
    await page.close();
  }
});

One('axe finds no serious or critical violations; English labels', async (ctx) => {
  const page = await open(ctx, 'A2-05');
  try {
    await page.locator('ehds-history-list li.entry').first().waitFor();
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations, null, 2));
    await screenshot(page, 'requirement');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await form(page).getByRole('button', { name: 'Save assessment' }).waitFor();
    assert.ok(await form(page).getByRole('radio', { name: 'Partially covered' }).isVisible());
    assert.ok(await page.getByRole('heading', { name: 'History of changes' }).isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Principle questions' }).isVisible());
  } finally {
    await page.close();
  }
});

One.run();
