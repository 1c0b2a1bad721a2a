import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Opened, openFile, screenshot } from './browser.ts';
import { replayPage, runPage, sweepPage } from './pages.ts';

// Every kind of page in headless Chromium, opened from file://: no console error, no failed or network request,
// charts that drew marks, a legend click that fades the other series, a slider that changes the world panel.
// Screenshots go to out/screenshots/ for a person to look at.

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function chartsDrawn(page: Page): Promise<Record<string, number>> {
  await page.evaluate(() => (window as unknown as { chartsReady: Promise<unknown> }).chartsReady.then(() => true));
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.chart')].map((c) => [c.id, c.querySelectorAll('svg .role-mark path').length]),
    ),
  );
}

/** Opacities of a chart's line paths. */
function opacities(page: Page, chart: string): Promise<string[]> {
  return page.evaluate(
    (id) => [...document.querySelectorAll(`#${id} .mark-line path`)].map((p) => p.getAttribute('opacity') ?? '1'),
    chart,
  );
}

async function legendHides(page: Page, chart: string): Promise<void> {
  expect((await opacities(page, chart)).every((o) => o === '1')).toBe(true);
  await page.locator(`#${chart} .role-legend-symbol path`).first().click({ force: true });
  await expect
    .poll(async () => (await opacities(page, chart)).filter((o) => Number(o) < 0.1).length)
    .toBeGreaterThan(0);
  expect((await opacities(page, chart)).some((o) => o === '1')).toBe(true);
}

describe('report.html of a run', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await openFile(browser, runPage());
  });

  it('draws every chart with marks, from file:// alone', async () => {
    const marks = await chartsDrawn(opened.page);
    expect(Object.keys(marks)).toEqual(['latency', 'cdf', 'memory', 'kills']);
    for (const [id, n] of Object.entries(marks)) expect(n, id).toBeGreaterThan(0);
    expect(await opened.page.locator('table').count()).toBeGreaterThan(0);
    expect(await opened.page.textContent('#scenario')).toContain('memory-inversion');
    await screenshot(opened.page, 'run-report');
    expect(opened.problems).toEqual([]);
  });

  it('hides the other policies when a legend entry is clicked', async () => {
    await legendHides(opened.page, 'latency');
    expect(opened.problems).toEqual([]);
  });
});

describe('report.html of a sweep', () => {
  it('draws the curve with its band, and its legend toggles series', async () => {
    const { page, problems } = await openFile(browser, sweepPage());
    const marks = await chartsDrawn(page);
    expect(marks['metric-p99']).toBeGreaterThan(0);
    // The confidence band: one area per series.
    expect(await page.locator('#metric-p99 .mark-area path').count()).toBe(2);
    await screenshot(page, 'sweep-report');
    await legendHides(page, 'metric-p99');
    expect(problems).toEqual([]);
  });
});

describe('replay --html', () => {
  it('shows a short counterexample at its violation, and the slider and keys change the world', async () => {
    const { page, problems } = await openFile(browser, await replayPage('mutant-classBlind'));
    expect(await page.textContent('#property')).toBe('noPriorityInversion');
    expect(await page.locator('#timeline-0 rect.bar').count()).toBeGreaterThan(0);
    expect(await page.textContent('#where')).toContain('violation');
    expect(await page.textContent('#violations')).toContain('VIOLATED noPriorityInversion');
    await screenshot(page, 'replay');
    const world = () => page.locator('#world').innerHTML();
    const atViolation = await world();
    await page.locator('#step').fill('2');
    expect(await page.textContent('#where')).toContain('step 2 of');
    expect(await world()).not.toBe(atViolation);
    const atTwo = await world();
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#where')).toContain('step 3 of');
    await page.keyboard.press('ArrowLeft');
    expect(await world()).toBe(atTwo);
    await page.keyboard.press('ArrowDown');
    expect(await page.textContent('#micro-where')).toBe('after microstep 0');
    expect(problems).toEqual([]);
  });

  it('stays usable for a 3,000-step trace', async () => {
    const { page, problems } = await openFile(browser, await replayPage('mutant-noSnapToCheckpoint'));
    expect(await page.textContent('#where')).toContain('step 3000 of 3000');
    await page.locator('#step').fill('1500');
    expect(await page.textContent('#where')).toContain('step 1500 of 3000');
    await screenshot(page, 'replay-long');
    expect(problems).toEqual([]);
  });

  it('shows both runs of an isolation counterexample', async () => {
    const { page, problems } = await openFile(browser, await replayPage('xx-isolationCluster'));
    expect(await page.locator('#run option').count()).toBe(2);
    expect(await page.locator('#run').inputValue()).toBe('1');
    await page.locator('#run').selectOption('0');
    expect(await page.isVisible('#timeline-0')).toBe(true);
    expect(await page.isVisible('#timeline-1')).toBe(false);
    expect(problems).toEqual([]);
  });
});
