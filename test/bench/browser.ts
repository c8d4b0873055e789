/**
 * The requirements list (/krav) in Chromium over the full dataset: how long the first screen of rows takes
 * to appear after the list's data has arrived, how long the next page takes, and whether scrolling drops
 * frames. Times come from the page's own clock (Resource Timing for the data, requestAnimationFrame for
 * the rows on screen).
 */
import type { Page } from 'playwright-core';
import { buildClient, chromiumAvailable, launchBrowser } from '../e2e/harness.ts';

export interface BrowserFigures {
  /** From the list data's responseEnd to the first frame with rows. */
  firstScreenMs: number;
  /** From navigation start to the first frame with rows. */
  loadToRowsMs: number;
  /** From the click on «next page» to the first frame with the new rows. */
  nextPageMs: number;
  /** Of that, from the new data's responseEnd to its rows on screen. */
  nextPageRenderMs: number;
  /** Longest gap between frames while scrolling the page, and frames longer than 50 ms. */
  scrollMaxFrameMs: number;
  scrollLongFrames: number;
  rowsShown: number;
  /** Each API call the page made on load, with its duration. */
  apiCalls: { path: string; ms: number }[];
}

/**
 * Helpers installed in the page before its scripts run. Plain text, not functions: tsx would wrap
 * functions passed to page.evaluate with helpers that do not exist in the page.
 */
const IN_PAGE = `(() => {
  const find = (root) => {
    const page = root.querySelector('ehds-requirements-page');
    if (page) return page;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const hit = find(el.shadowRoot); if (hit) return hit; }
    }
    return null;
  };
  const rows = () => {
    const page = find(document);
    return page && page.shadowRoot ? page.shadowRoot.querySelectorAll('tbody tr[data-ref]') : [];
  };
  window.__bench = {
    rowCount: () => rows().length,
    firstRef: () => (rows()[0] ? rows()[0].dataset.ref : null),
    // The page-clock time of the first frame whose first row is not prev (and there are rows), taken when the
    // frame's callback runs, just before it paints: the frame's own timestamp is when the frame began, which
    // can be before the data arrived that the frame shows.
    rowsChange: (prev) => new Promise((resolve, reject) => {
      const give = performance.now() + 30000;
      const check = (t) => {
        const r = rows();
        if (r.length > 0 && r[0].dataset.ref !== prev) resolve(performance.now());
        else if (t > give) reject(new Error('rows did not change in 30 s'));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }),
    api: () => performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.startsWith('/api/'))
      .map((e) => { const u = new URL(e.name); return { path: u.pathname + u.search, start: e.startTime, end: e.responseEnd }; }),
    // Gaps between frames for ms milliseconds.
    frames: (ms) => new Promise((resolve) => {
      const gaps = [];
      let last = performance.now();
      const end = last + ms;
      const tick = (t) => { gaps.push(t - last); last = t; if (t < end) requestAnimationFrame(tick); else resolve(gaps); };
      requestAnimationFrame(tick);
    }),
  };
})();`;

const inPage = <T>(page: Page, call: string) => page.evaluate(`window.__bench.${call}`) as Promise<T>;

interface ApiEntry {
  path: string;
  start: number;
  end: number;
}

export async function measureRequirementsList(url: string, cookie: string): Promise<BrowserFigures | string> {
  if (!chromiumAvailable()) return 'no Chromium at /usr/bin/chromium';
  try {
    buildClient();
  } catch (err) {
    return `client build failed: ${(err as Error).message.split('\n')[0]}`;
  }
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'nb-NO' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url }]);
    const page = await context.newPage();
    await page.addInitScript(IN_PAGE);

    // A first visit warms the server's and the browser's caches of the client bundle, as a returning user has.
    await page.goto(`${url}/krav`);
    await inPage<number>(page, 'rowsChange(null)');

    await page.goto(`${url}/krav`);
    const shown = await inPage<number>(page, 'rowsChange(null)');
    const entries = await inPage<ApiEntry[]>(page, 'api()');
    const list = entries.filter((e) => e.path.startsWith('/api/requirements?')).at(-1);
    if (!list) return 'the page made no /api/requirements request';
    const rowsShown = await inPage<number>(page, 'rowCount()');
    const firstRef = await inPage<string | null>(page, 'firstRef()');
    const next = page.locator('button[aria-label="Neste side"], button[aria-label="Next page"]').first();
    await next.scrollIntoViewIfNeeded();
    const changed = inPage<number>(page, `rowsChange(${JSON.stringify(firstRef)})`);
    const clickedAt = await page.evaluate('performance.now()');
    await next.click();
    const nextShown = await changed;
    const nextList = (await inPage<ApiEntry[]>(page, 'api()')).filter((e) => e.path.includes('offset=100')).at(-1);

    // Scroll the page top to bottom and back with the wheel, counting frame gaps.
    await page.mouse.move(700, 450);
    const frames = inPage<number[]>(page, 'frames(2500)');
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, i < 10 ? 600 : -600);
      await page.waitForTimeout(100);
    }
    const gaps = await frames;

    return {
      firstScreenMs: shown - list.end,
      loadToRowsMs: shown,
      nextPageMs: nextShown - (clickedAt as number),
      nextPageRenderMs: nextList ? nextShown - nextList.end : Number.NaN,
      scrollMaxFrameMs: Math.max(...gaps),
      scrollLongFrames: gaps.filter((g) => g > 50).length,
      rowsShown,
      apiCalls: entries.map((e) => ({ path: e.path, ms: e.end - e.start })),
    };
  } finally {
    await browser.close();
  }
}
