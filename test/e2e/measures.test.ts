// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, signIn, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser; context: BrowserContext };
const Measures = suite<Ctx>('e2e: measures, scoring and deadline risk');

Measures.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
  ctx.context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
});

Measures.after(async (ctx) => {
  await ctx.context?.close();
  await ctx.browser?.close();
  await ctx.server?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read freely
type Json = any;
const api = async (ctx: Ctx, path: string): Promise<Json> => {
  const res = await ctx.context.request.get(`${ctx.server.url}${path}`);
  assert.ok(res.ok(), `${path}: ${res.status()}`);
  return res.json();
};
const write = async (ctx: Ctx, method: 'PUT' | 'PATCH', path: string, data: unknown): Promise<Json> => {
  const res = await ctx.context.request.fetch(`${ctx.server.url}${path}`, { method, data });
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
};

async function open(ctx: Ctx, path: string, ready: string): Promise<Page> {
  const page = await ctx.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${ctx.server.url}${path}`);
  try {
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
  } catch {
    // Other suites in the same tree rebuild client/dist while this one runs: load once more.
    await page.reload();
    try {
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
    } catch (e) {
      await screenshot(page, 'measures-failure');
      throw new Error(`${path}: ${ready} never showed (see test/artifacts/measures-failure.png): ${e}`);
    }
  }
  return page;
}

async function noSeriousViolations(page: Page) {
  const violations = serious(await axe(page));
  assert.equal(violations, [], JSON.stringify(violations, null, 2));
}

const ranked = (page: Page) => page.locator('table#ranked tbody tr[data-measure]');
const rowOf = (page: Page, title: string) =>
  ranked(page).filter({ has: page.getByRole('link', { name: title, exact: true }) });
const cell = (row: ReturnType<typeof rowOf>, col: string) => row.locator(`td[data-col="${col}"]`).innerText();

Measures(
  'the list: ranked by score, ties as ties, unscored and older-formula measures as what they are',
  async (ctx) => {
    const page = await open(ctx, '/tiltak', 'table#ranked');
    try {
      assert.is(await page.title(), 'Tiltak – EHDS gapanalyse');
      assert.is(await page.locator('h1').count(), 1);
      const pll = ranked(page).first();
      assert.is(await pll.locator('th a').innerText(), 'PLL');
      assert.is((await pll.locator('td.rank').innerText()).trim(), '1');
      assert.is(await cell(pll, 'score'), '22,75');
      assert.equal(
        [await cell(pll, 'goal'), await cell(pll, 'cost'), await cell(pll, 'benefit')],
        ['9,0', '6,25', '7,5'],
      );

      // Competition ranking: two measures share place 6, the next is 8.
      const tied = ranked(page).filter({ has: page.locator('td[data-tied="true"]') });
      assert.is(await tied.count(), 2);
      for (const title of ['Digitale behandlings- og egenbehandlingsplaner', 'Dokumentdeling i legevakt/ØHD']) {
        const row = rowOf(page, title);
        assert.match(await row.locator('td.rank').innerText(), /^6 \(delt\)/);
        assert.is(await cell(row, 'score'), '18,17');
      }
      assert.is(await rowOf(page, 'Generisk datadelingstjeneste').locator('td.rank').getAttribute('data-rank'), '8');

      // The page shows the server's ranking, every row.
      const body = await api(ctx, '/api/measures?limit=1000');
      const scored = body.items.filter((m: Json) => m.scoring_state === 'scored');
      assert.equal(
        await ranked(page).evaluateAll((rows) =>
          rows.map((r) => [
            r.querySelector('th a')?.textContent,
            r.querySelector('td.rank')?.getAttribute('data-rank'),
          ]),
        ),
        scored.map((m: Json) => [m.title, String(m.rank)]),
      );

      // Unscored: the missing answer and its note are named, and what it would score without it.
      const critical = page.locator('#unscored li[data-measure]', { hasText: 'Kritisk info hos andre helseaktører' });
      const text = await critical.innerText();
      assert.match(text, 'Kostnader (K): Juridisk utvikling?');
      assert.match(text, '«Sjekke med Siri Pernille?»');
      assert.match(text, 'Uten de manglende svarene: 13,0');
      assert.is(await critical.locator('[data-missing]').count(), 1);
      assert.is(await critical.locator('[data-missing]').getAttribute('data-missing'), 'legal');
      assert.is(await ranked(page).filter({ hasText: 'Kritisk info hos andre helseaktører' }).count(), 0);

      // The two older-formula columns: their own figure, not ranked.
      const legacy = page.locator('#legacy li[data-measure]');
      assert.is(await legacy.count(), 2);
      const outside = legacy.filter({ hasText: 'Dokumenter utenfor kjernejournal' });
      assert.match(await outside.innerText(), 'Formel 2022-old · ikke rangert');
      assert.match(await outside.innerText(), 'Arkets score: 16,3');

      // The eleven answers behind a score, from the keyboard.
      const toggle = pll.getByRole('button', { name: /Vis svarene/ });
      await toggle.focus();
      await page.keyboard.press('Enter');
      assert.is(await pll.getByRole('button', { name: /Skjul svarene/ }).getAttribute('aria-expanded'), 'true');
      const breakdown = page.locator('#leaves-1 ehds-score-breakdown');
      await breakdown.waitFor();
      assert.is(await breakdown.locator('tr[data-leaf]').count(), 11);
      assert.is(await breakdown.locator('[data-aggregate="cost"]').innerText(), '6,25');
      assert.is(await breakdown.locator('[data-aggregate="staff"]').innerText(), '9,5');
      assert.is(await breakdown.locator('[data-aggregate="score"]').innerText(), '22,75');
      assert.match(await breakdown.locator('tr[data-leaf="semantic"]').innerText(), 'Kritisk infodelen');
      await noSeriousViolations(page);
      await screenshot(page, 'measures');
    } finally {
      await page.close();
    }
  },
);

Measures('filters live in the address: scoring, requirement; back restores', async (ctx) => {
  const page = await open(ctx, '/tiltak', 'table#ranked');
  try {
    await page.getByLabel('Skåring', { exact: true }).selectOption('unscored');
    await page.waitForURL(/\/tiltak\?scoring=unscored$/);
    await page.locator('#unscored').waitFor();
    await page.locator('table#ranked').waitFor({ state: 'detached' });
    assert.is(await page.locator('#unscored li[data-measure]').count(), 2);
    assert.ok(await page.getByRole('button', { name: 'Fjern filter Skåring: Ikke skåret (mangler svar)' }).isVisible());

    await page.reload();
    await page.locator('#unscored').waitFor();
    assert.is(await page.getByLabel('Skåring', { exact: true }).inputValue(), 'unscored');

    await page.getByLabel('Skåring', { exact: true }).selectOption('');
    await page.getByLabel('Krav', { exact: true }).selectOption('A2-05');
    await page.waitForURL(/\/tiltak\?requirement=A2-05$/);
    await page.locator('#unscored li[data-measure]').first().waitFor();
    const expected = (await api(ctx, '/api/measures?requirement=A2-05')).items.map((m: Json) => m.title);
    const shown = [
      ...(await ranked(page).locator('th a').allInnerTexts()),
      ...(await page.locator('#unscored li[data-measure] h3 a').allInnerTexts()),
    ];
    assert.equal(shown, expected);

    await page.goBack();
    await page.waitForURL(/\/tiltak$/);
    await page.goBack();
    await page.waitForURL(/scoring=unscored$/);
    await page.locator('#unscored').waitFor();
  } finally {
    await page.close();
  }
});

Measures('coverage view: requirements not covered by deadline, those without a measure at risk', async (ctx) => {
  const page = await open(ctx, '/tiltak/dekning', 'section[data-deadline] table');
  try {
    assert.is(await page.title(), 'Dekning: krav ↔ tiltak – EHDS gapanalyse');
    assert.is(await page.locator('h1').count(), 1);
    const a206 = page.locator('section[data-deadline="2031-03-26"] tr[data-ref="A2-06"]');
    assert.match(await a206.innerText(), 'Ingen tiltak');
    assert.match(await a206.innerText(), 'I fare: ingen tiltak');
    const a205 = page.locator('section[data-deadline="2029-03-26"] tr[data-ref="A2-05"]');
    assert.match(await a205.innerText(), 'Kritisk info hos andre helseaktører');
    assert.match(await a205.innerText(), 'I fare: bare sene tiltak');
    const requirements = (await api(ctx, '/api/requirements?limit=1000')).items;
    const open = requirements.filter((r: Json) => !['covered', 'not_applicable'].includes(r.coverage));
    assert.is(await page.locator('tr[data-ref]').count(), open.length);
    assert.is(
      await page.locator('[data-figure="no_measure"]').innerText(),
      String(open.filter((r: Json) => r.at_risk_reason === 'no_measure').length),
    );
    await noSeriousViolations(page);
    await screenshot(page, 'measures-coverage');

    await page.getByLabel('Område', { exact: true }).selectOption('A5');
    await page.getByLabel('Bare krav i fare', { exact: true }).check();
    await page.waitForURL(/\/tiltak\/dekning\?area=A5&at_risk=true$/);
    const refs = await page.locator('tr[data-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));
    assert.ok(refs.length > 0);
    for (const ref of refs) assert.match(ref ?? '', /^A5-/);
    assert.is(await page.locator('tr[data-at-risk="false"]').count(), 0);
  } finally {
    await page.close();
  }
});

Measures(
  'the issue’s flow: create a measure, score it as you type, link it to A2-05 in time; the risk is gone',
  async (ctx) => {
    const before = await api(ctx, '/api/requirements/A2-05');
    assert.is(before.at_risk, true);
    assert.is(before.at_risk_reason, 'late_measures', 'at risk only for lack of a measure in time');
    const atRiskBefore = (await api(ctx, '/api/requirements?at_risk=true&limit=1000')).total;

    const page = await open(ctx, '/tiltak', 'table#ranked');
    try {
      await page.getByRole('link', { name: 'Nytt tiltak' }).click();
      await page.waitForURL(/\/tiltak\/ny$/);
      const form = page.locator('ehds-measure-form');
      await form.getByLabel('Kilde', { exact: true }).waitFor();
      await noSeriousViolations(page);
      await form.getByLabel(/^Tittel/).fill('IPS-pasientoppsummering i kjernejournal');
      await form
        .getByLabel('Beskrivelse', { exact: true })
        .fill('Pasientoppsummering etter IPS-standarden, tilgjengelig for helsepersonell.');
      await form.getByLabel('Status', { exact: true }).selectOption('planned');
      await form.getByLabel('Planlagt slutt', { exact: true }).fill('15.12.2028');
      await form.getByLabel('Filtrer krav tiltaket lukker', { exact: true }).fill('A2-05');
      await form.getByRole('checkbox', { name: /A2-05/ }).check();
      await form.getByRole('checkbox', { name: /^Kjernejournal/ }).check();
      await form.getByRole('button', { name: 'Opprett tiltak' }).click();

      await page.waitForURL(/\/tiltak\/\d+\?ny=1$/);
      const id = Number(/\/tiltak\/(\d+)/.exec(page.url())![1]);
      await page.locator('h1', { hasText: 'IPS-pasientoppsummering i kjernejournal' }).waitFor();
      assert.match(await page.locator('p.notice').innerText(), 'Tiltaket er opprettet');
      const link = page.locator('table#requirements tr[data-ref="A2-05"]');
      assert.match(await link.innerText(), '26.03.2029');
      assert.is(await link.locator('[data-in-time]').innerText(), 'I tide');
      assert.is(await page.locator('[data-fact="planned_end"]').innerText(), '15.12.2028');

      // Scoring: M, K, N and the score follow the answers as they are typed.
      const score = page.locator('ehds-score-form');
      const live = (key: string) => score.locator(`[data-live="${key}"]`).innerText();
      const answer = (leaf: string, value: string) => score.locator(`#leaf-${leaf}`).fill(value);
      assert.is(await live('score'), '–');
      assert.match(await live('missing'), 'Ikke skåret: 11 svar mangler');
      await answer('needs_met', '9');
      assert.is(await live('goal'), '–', 'M needs both of its answers');
      await answer('sector_priorities', '8');
      assert.is(await live('goal'), '8,5');
      assert.is(await score.locator('[data-inline="goal"]').innerText(), '= 8,5');
      await answer('technical', '6');
      await answer('organisational', '5');
      await answer('legal', '7');
      assert.is(await live('cost'), '–');
      await answer('semantic', '4');
      assert.is(await live('cost'), '5,5');
      await answer('patient_safety', '9');
      await answer('patient_everyday', '8');
      assert.is(await live('patient'), '8,5');
      await answer('staff_workday', '7');
      await answer('staff_decisions', '9');
      assert.is(await live('staff'), '8,0');
      assert.is(await live('benefit'), '–');
      assert.match(await live('missing'), 'Ikke skåret: 1 svar mangler');
      assert.is(await live('without'), 'Uten de manglende svarene: 22,25');
      await answer('infrastructure', '11');
      assert.is(await live('score'), '–', 'an answer above 10 counts for nothing');
      await answer('infrastructure', '6');
      assert.is(await live('benefit'), '7,5');
      assert.is(await live('score'), '21,5');
      assert.is(await score.locator('.state.complete').innerText(), 'Alle 11 svar er gitt.');
      await score.getByLabel('Merknad til «Juridisk utvikling?»', { exact: true }).fill('Krever forskriftsendring');
      await noSeriousViolations(page);
      await screenshot(page, 'measure-scoring');
      await score.getByRole('button', { name: 'Lagre skåring' }).click();
      await score.getByText('Skåringen er lagret (versjon 2).').waitFor();
      assert.is(await page.locator('[data-score-summary]').innerText(), '21,5 · Plass 2');

      const stored = await api(ctx, `/api/measures/${id}`);
      assert.is(stored.score, 21.5);
      assert.is(stored.rank, 2);
      assert.is(stored.notes.legal, 'Krever forskriftsendring');
      assert.equal(
        stored.requirements.map((r: Json) => [r.ref, r.in_time]),
        [['A2-05', true]],
      );

      // Ranked in the list at its place: after PLL, before the former second.
      await page.getByRole('link', { name: 'Tiltak', exact: true }).first().click();
      await page.waitForURL(/\/tiltak$/);
      await ranked(page).first().waitFor();
      assert.equal((await ranked(page).locator('th a').allInnerTexts()).slice(0, 3), [
        'PLL',
        'IPS-pasientoppsummering i kjernejournal',
        'Dokumentdeling i spesialisthelsetjenesten',
      ]);
      const mine = rowOf(page, 'IPS-pasientoppsummering i kjernejournal');
      assert.is(await mine.locator('td.rank').getAttribute('data-rank'), '2');
      assert.is(await cell(mine, 'score'), '21,5');
      assert.match(await rowOf(page, 'Dokumentdeling i legevakt/ØHD').locator('td.rank').innerText(), /^7 \(delt\)/);

      // A2-05's page shows the measure, in time, and no longer the deadline at risk.
      await page.goto(`${ctx.server.url}/krav/A2-05`);
      const onRequirement = page.locator('ul.measures li', { has: page.locator(`a[href="/tiltak/${id}"]`) });
      await onRequirement.waitFor();
      assert.match(await onRequirement.innerText(), 'planlagt ferdig 15.12.2028');
      assert.match(await onRequirement.innerText(), 'Ferdig innen fristen');
      assert.match(await onRequirement.innerText(), 'prioritert som nr. 2');
      assert.is(await page.locator('.risk-flag').count(), 0);
      assert.is(await page.locator('p.risk').count(), 0);
      assert.is((await api(ctx, '/api/requirements/A2-05')).at_risk, false);

      // …and has left the list of requirements at risk.
      await page.goto(`${ctx.server.url}/krav?at_risk=true`);
      await page.locator('tr[data-ref="A2-06"]').waitFor();
      assert.is(await page.locator('tr[data-ref="A2-05"]').count(), 0);
      assert.match(await page.locator('#count').innerText(), `${atRiskBefore - 1} krav`);
      assert.is(await page.getByLabel('Frist i fare', { exact: true }).inputValue(), 'true');
      assert.match(await page.locator('tr[data-ref="A2-06"] .at-risk').innerText(), 'I fare');

      // The coverage view agrees.
      await page.goto(`${ctx.server.url}/tiltak/dekning`);
      const a205 = page.locator('tr[data-ref="A2-05"]');
      await a205.waitFor();
      assert.match(await a205.innerText(), 'Tiltak i tide');
      assert.match(await a205.innerText(), 'IPS-pasientoppsummering i kjernejournal (15.12.2028) ✓ I tide');
    } finally {
      await page.close();
    }
  },
);

Measures('the requirements list filters on deadline risk from its own control, into the address', async (ctx) => {
  const page = await open(ctx, '/krav', 'table tbody tr');
  try {
    await page.getByLabel('Frist i fare', { exact: true }).selectOption('true');
    await page.waitForURL(/\/krav\?at_risk=true$/);
    const total = (await api(ctx, '/api/requirements?at_risk=true')).total;
    await page.locator('#count', { hasText: `${total} krav` }).waitFor();
    assert.is(await page.locator('tbody tr').count(), total);
    assert.is(await page.locator('tbody tr .at-risk').count(), total);
    assert.ok(await page.getByRole('button', { name: 'Fjern filter Frist i fare: Ja' }).isVisible());
    await noSeriousViolations(page);
  } finally {
    await page.close();
  }
});

Measures('dashboard: requirements at risk per deadline, each a link to the list', async (ctx) => {
  const page = await open(ctx, '/', 'table.risk');
  try {
    const d = await api(ctx, '/api/dashboard');
    assert.is(await page.locator('[data-figure="at-risk"] .value').innerText(), String(d.at_risk_total));
    assert.is(await page.locator('[data-figure="at-risk"]').getAttribute('href'), '/krav?at_risk=true');
    for (const row of d.at_risk_by_deadline) {
      const tr = page.locator(`table.risk tr[data-deadline="${row.date}"]`);
      const link = tr.locator('a.count');
      assert.is(await link.innerText(), String(row.at_risk));
      assert.is(await link.getAttribute('href'), `/krav?at_risk=true&deadline=${row.date}`);
      assert.match(await tr.innerText(), String(row.no_measure));
    }
    const y2029 = d.at_risk_by_deadline.find((r: Json) => r.date === '2029-03-26');
    await page.locator('table.risk tr[data-deadline="2029-03-26"] a.count').click();
    await page.waitForURL(/\/krav\?at_risk=true&deadline=2029-03-26$/);
    await page.locator('#count', { hasText: `${y2029.at_risk} krav` }).waitFor();
    await noSeriousViolations(page);
  } finally {
    await page.close();
  }
});

Measures(
  'a stale save of the fields shows both versions; the analyst’s edit and the colleague’s are both kept',
  async (ctx) => {
    const page = await open(ctx, '/tiltak/8', 'ehds-score-form form');
    try {
      const read = await api(ctx, '/api/measures/8');
      await page.getByRole('button', { name: 'Endre tiltaket' }).click();
      const form = page.locator('ehds-measure-form');
      await form.getByLabel('Planlagt slutt', { exact: true }).fill('31.12.2030');
      // A colleague changes the status meanwhile.
      await write(ctx, 'PATCH', '/api/measures/8', { version: read.version, status: 'in_progress' });
      await form.getByRole('button', { name: 'Lagre endringer' }).click();

      const resolver = form.locator('ehds-conflict-resolver');
      await resolver.getByRole('heading', { name: 'Noen andre har lagret en nyere versjon' }).waitFor();
      const differing = await resolver
        .locator('fieldset')
        .evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.field));
      assert.equal(differing, ['planned_end', 'status']);
      assert.match(await resolver.locator('fieldset[data-field="status"] [data-side="theirs"]').innerText(), 'Pågår');
      assert.match(
        await resolver.locator('fieldset[data-field="planned_end"] [data-side="mine"]').innerText(),
        '31.12.2030',
      );
      assert.ok(await resolver.locator('#c-status-theirs').isChecked(), 'only they changed the status');
      assert.ok(await resolver.locator('#c-planned_end-mine').isChecked(), 'only I changed the end');
      await noSeriousViolations(page);
      await screenshot(page, 'measure-conflict');
      await resolver.getByRole('button', { name: 'Lagre valgt versjon' }).click();
      await page.locator('p.notice', { hasText: `versjon ${read.version + 2}` }).waitFor();
      const merged = await api(ctx, '/api/measures/8');
      assert.is(merged.planned_end, '2030-12-31');
      assert.is(merged.status, 'in_progress');
      assert.is(merged.version, read.version + 2);

      // The score form saves against the new version without a reload.
      await page.locator('ehds-score-form #leaf-infrastructure').fill('5');
      await page.getByRole('button', { name: 'Lagre skåring' }).click();
      await page
        .locator('ehds-score-form')
        .getByText(`Skåringen er lagret (versjon ${read.version + 3}).`)
        .waitFor();
      assert.is((await api(ctx, '/api/measures/8')).leaves.infrastructure, 5);
    } finally {
      await page.close();
    }
  },
);

Measures(
  'a stale save of the score keeps the analyst’s answers and takes the colleague’s other change',
  async (ctx) => {
    const page = await open(ctx, '/tiltak/9', 'ehds-score-form form');
    try {
      const read = await api(ctx, '/api/measures/9');
      const score = page.locator('ehds-score-form');
      await score.locator('#leaf-technical').fill('2');
      await write(ctx, 'PUT', '/api/measures/9/score', {
        version: read.version,
        leaves: { ...read.leaves, infrastructure: 9 },
        notes: { ...read.notes, infrastructure: 'Ny vurdering fra kollega' },
      });
      await score.getByRole('button', { name: 'Lagre skåring' }).click();
      const resolver = score.locator('ehds-conflict-resolver');
      await resolver.getByRole('heading', { name: 'Noen andre har lagret en nyere versjon' }).waitFor();
      assert.ok(await resolver.locator('#c-technical-mine').isChecked());
      assert.ok(await resolver.locator('#c-infrastructure-theirs').isChecked());
      await resolver.getByRole('button', { name: 'Lagre valgt versjon' }).click();
      await score.getByText(`Skåringen er lagret (versjon ${read.version + 2}).`).waitFor();
      const merged = await api(ctx, '/api/measures/9');
      assert.is(merged.leaves.technical, 2);
      assert.is(merged.leaves.infrastructure, 9);
      assert.is(merged.notes.infrastructure, 'Ny vurdering fra kollega');
    } finally {
      await page.close();
    }
  },
);

Measures(
  'national solutions with their measures; the matrix shows measures and solutions per requirement',
  async (ctx) => {
    const page = await open(ctx, '/losninger', 'article[data-solution]');
    try {
      assert.is(await page.locator('h1').innerText(), 'Nasjonale løsninger og porteføljeprosjekter');
      const solutions = (await api(ctx, '/api/solutions?limit=100')).items;
      assert.is(await page.locator('article[data-solution]').count(), solutions.length);
      const pll = page.locator('article', {
        has: page.getByRole('heading', { name: 'Pasientens legemiddelliste (PLL)' }),
      });
      assert.is(await pll.getByRole('link', { name: 'PLL', exact: true }).getAttribute('href'), '/tiltak/1');
      await noSeriousViolations(page);
      await screenshot(page, 'solutions');

      await page.goto(`${ctx.server.url}/sporbarhet?area=A2`);
      const row = page.locator('ehds-trace-matrix tr', { has: page.locator('td.req a[href="/krav/A2-04"]') }).first();
      await row.waitFor();
      assert.is(await row.locator('td.measures a').first().getAttribute('href'), '/tiltak/1');
      assert.match(await row.locator('td.measures').innerText(), 'Ingen sluttdato');
      assert.match(await row.locator('td.measures').innerText(), 'I fare: bare sene tiltak');
      assert.equal(await row.locator('td.solutions a').allInnerTexts(), [
        'E-resept',
        'Pasientens legemiddelliste (PLL)',
      ]);
      const a206 = page.locator('ehds-trace-matrix tr', { has: page.locator('td.req a[href="/krav/A2-06"]') }).first();
      assert.match(await a206.locator('td.measures').innerText(), 'I fare: ingen tiltak');
      await noSeriousViolations(page);
    } finally {
      await page.close();
    }
  },
);

Measures('a viewer reads the ranking and the answers but is offered no changes', async (ctx) => {
  const viewer = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await viewer.newPage();
    await signIn(page, ctx.server, 'viewer');
    await page.goto(`${ctx.server.url}/tiltak/1`);
    const breakdown = page.locator('section.score ehds-score-breakdown');
    await breakdown.waitFor();
    assert.is(await breakdown.locator('[data-aggregate="score"]').innerText(), '22,75');
    assert.is(await page.locator('ehds-score-form').count(), 0);
    assert.is(await page.getByRole('button', { name: 'Endre tiltaket' }).count(), 0);
    await noSeriousViolations(page);

    await page.goto(`${ctx.server.url}/tiltak`);
    await page.locator('table#ranked').waitFor();
    await page.getByRole('link', { name: 'Dekning krav ↔ tiltak' }).waitFor();
    await page.waitForTimeout(300);
    assert.is(await page.getByRole('link', { name: 'Nytt tiltak' }).count(), 0);

    await page.goto(`${ctx.server.url}/tiltak/ny`);
    await page.locator('p.alert', { hasText: 'Du har lesetilgang' }).waitFor();
    assert.is(await page.locator('ehds-measure-form').count(), 0);
  } finally {
    await viewer.close();
  }
});

Measures.run();
