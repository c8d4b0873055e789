// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (rendered text), not the DOM property
import type { Browser, Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { axe, launchBrowser, type RunningServer, screenshot, serious, startServer } from './harness.ts';

type Ctx = { server: RunningServer; browser: Browser };
const Engagement = suite<Ctx>('e2e: engagement');

Engagement.before(async (ctx) => {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser({ server: ctx.server, as: 'analyst' });
});

Engagement.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

async function open(ctx: Ctx): Promise<Page> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`${ctx.server.url}/forankring`);
  await page.locator('ehds-meeting-timeline li.meeting').first().waitFor();
  return page;
}

const getJson = async (ctx: Ctx, path: string) => (await fetch(`${ctx.server.url}${path}`)).json();

Engagement('47 meetings from 20.08.2024 to 27.03.2025, grouped by month, with forum and organisations', async (ctx) => {
  const page = await open(ctx);
  try {
    assert.is(await page.title(), 'Forankring – EHDS gapanalyse');
    const meetings = page.locator('ehds-meeting-timeline li.meeting');
    assert.is(await meetings.count(), 47);
    const dates = await meetings.locator('time').allInnerTexts();
    assert.is(dates[0], '20.08.2024');
    assert.is(dates[46], '27.03.2025');
    assert.match(
      await page.locator('ehds-engagement-page .summary').innerText(),
      '47 møter fra 20.08.2024 til 27.03.2025',
    );
    const months = await page.locator('ehds-meeting-timeline h3').allInnerTexts();
    assert.is(months[0], 'August 2024 (2 møter)');
    assert.ok(months.some((m) => m.startsWith('Januar 2025')));
    const perMonth = await page
      .locator('ehds-meeting-timeline section.month')
      .evaluateAll((sections) => sections.map((s) => s.querySelectorAll('li.meeting').length));
    assert.is(
      perMonth.reduce((a, b) => a + b, 0),
      47,
    );
    const nufa = meetings.filter({ hasText: '29.08.2024' });
    assert.match(await nufa.innerText(), 'NUFA');
    const api = await getJson(ctx, '/api/meetings?limit=1000');
    const withOrg = api.items.find((m: { organisations: unknown[] }) => m.organisations.length > 0);
    const shown = meetings
      .filter({ has: page.locator(`time[datetime="${withOrg.date}"]`) })
      .filter({ hasText: withOrg.title });
    assert.match(await shown.first().innerText(), withOrg.organisations[0].short_name ?? withOrg.organisations[0].name);
    await screenshot(page, 'engagement');
  } finally {
    await page.context().close();
  }
});

Engagement('the plan milestones in order with dates, and the dated ones in the timeline', async (ctx) => {
  const page = await open(ctx);
  try {
    const steps = await page.locator('ehds-engagement-page ol.plan li').allInnerTexts();
    const flat = steps.map((s) => s.replace(/\s+/g, ' '));
    const at = (needle: string) => flat.findIndex((s) => s.includes(needle));
    assert.ok(at('V0.5') >= 0 && at('V0.5') < at('V0.8'), 'V0.5 before V0.8');
    assert.ok(at('Løypemelding') >= 0);
    assert.match(flat[at('Løypemelding')]!, '13.12.2024');
    assert.match(flat[at('Leveranse gap-analyse')]!, '28.03.2025');
    assert.match(flat[at('Leveranse tiltak')]!, '01.11.2025 (tentativt)');
    assert.ok(at('Løypemelding') < at('Leveranse gap-analyse') && at('Leveranse gap-analyse') < at('Leveranse tiltak'));
    const december = page.locator('ehds-meeting-timeline section.month', {
      has: page.locator('h3', { hasText: 'Desember 2024' }),
    });
    assert.match(await december.locator('li.milestone').innerText(), 'Løypemelding');
    assert.match(await december.locator('li.milestone').innerText(), '13.12.2024');
  } finally {
    await page.context().close();
  }
});

Engagement('each meeting shows how much input it produced; the list opens by keyboard', async (ctx) => {
  const api = await getJson(ctx, '/api/meetings?limit=1000');
  const withInput = api.items.filter((m: { input_count: number }) => m.input_count > 0);
  assert.ok(withInput.length > 0, 'the seed has meetings with input');
  const meeting = withInput[0];
  const detail = await getJson(ctx, `/api/meetings/${meeting.id}`);
  const page = await open(ctx);
  try {
    const li = page.locator('ehds-meeting-timeline li.meeting', { has: page.locator(`#in-${meeting.id}`) });
    const toggle = li.getByRole('button', { name: `Vis ${meeting.input_count} innspill` });
    assert.is(await toggle.getAttribute('aria-expanded'), 'false');
    assert.not.ok(await li.locator(`#in-${meeting.id}`).isVisible());
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.is(await li.getByRole('button', { name: 'Skjul innspill' }).getAttribute('aria-expanded'), 'true');
    const texts = await li.locator(`#in-${meeting.id} li`).allInnerTexts();
    assert.is(texts.length, meeting.input_count);
    assert.match(texts[0]!, detail.inputs[0].text);
  } finally {
    await page.context().close();
  }
});

Engagement('English labels after the language switch; axe finds nothing serious', async (ctx) => {
  const page = await open(ctx);
  try {
    const violations = serious(await axe(page));
    assert.equal(violations, [], JSON.stringify(violations));
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.locator('ehds-engagement-page h1', { hasText: 'Engagement' }).waitFor();
    assert.is((await page.locator('ehds-meeting-timeline h3').allInnerTexts())[0], 'August 2024 (2 meetings)');
    assert.match(
      await page.locator('ehds-engagement-page .summary').innerText(),
      '47 meetings from 20.08.2024 to 27.03.2025',
    );
    assert.match(await page.locator('ehds-engagement-page ol.plan').innerText(), '(tentative)');
    assert.ok(await page.getByRole('heading', { name: 'Plan and milestones' }).isVisible());
  } finally {
    await page.context().close();
  }
});

Engagement.run();
