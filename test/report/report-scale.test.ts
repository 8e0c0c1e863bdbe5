/**
 * A report of a 100,000-op history (200,000 records, with faults) loads and draws its timeline in
 * chromium. The time is printed, not asserted: a test never asserts a wall-clock figure.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { launchChromium, openFile, screenshot } from '../support/browser.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

describeWith([chromiumFacility], 'report.html of 100,000 ops in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('loads and renders the timeline; hovering and zooming still respond', { timeout: 120_000 }, async () => {
    const history = syntheticHistory(100_000, { concurrency: 16, nemesis: true });
    const anomaly = { kind: 'stale-read', explanation: 'made up', ops: [history[150_001].index] };
    const dir = writeRunDir(mkdtempSync(join(tmpdir(), 'faultline-scale-')), { test: testJsonFor('scale', { options: { concurrency: 16, nemesis: ['partition'] } }), history, results: resultsWith(history, [anomaly]) });
    let t = performance.now();
    const file = await writeReport(dir);
    const writeMs = performance.now() - t;
    t = performance.now();
    const { page, errors } = await openFile(browser, file);
    await page.waitForSelector('#timeline[data-rendered]');
    const timelineMs = performance.now() - t;
    await page.waitForSelector('#charts .uplot');
    const chartsMs = performance.now() - t;
    expect(await page.getAttribute('#timeline', 'data-ops')).toBe('100000');
    // Interaction: a hover shows a tooltip, a click on the anomaly zooms the timeline to it.
    const box = (await page.locator('#timeline').boundingBox())!;
    t = performance.now();
    const { lanesTop, laneH } = JSON.parse((await page.getAttribute('#timeline', 'data-geometry'))!) as { lanesTop: number; laneH: number };
    await page.mouse.move(box.x + box.width / 2, box.y + lanesTop + laneH / 2); // the first worker's lane
    await page.waitForSelector('#tooltip:not([hidden])');
    expect(await page.textContent('#tooltip')).toMatch(/^op \d+ p\d+ invoke (read|write) key k\d/);
    await page.click('#anomaly-list .anomaly');
    await page.waitForSelector('#timeline[data-highlighted]');
    const clickMs = performance.now() - t;
    await screenshot(page, 'report-100k-ops');
    const steps = await page.evaluate(() => JSON.stringify((globalThis as unknown as { faultlineReport: { timings: unknown } }).faultlineReport.timings));
    console.log(
      `100k-op report: ${(statSync(file).size / 1e6).toFixed(1)} MB written in ${writeMs.toFixed(0)} ms; ` +
        `timeline drawn ${timelineMs.toFixed(0)} ms after navigation, charts ${chartsMs.toFixed(0)} ms; hover+anomaly click ${clickMs.toFixed(0)} ms; in the page (ms since navigation) ${steps}`,
    );
    expect(errors).toEqual([]);
  });
});
