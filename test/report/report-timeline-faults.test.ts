/**
 * The timeline in chromium, on a 10 s run with a pause inside a partition: each fault kind has a row
 * of its own (the pause is not hidden behind the partition), drawn in its kind's colour, with a
 * tooltip naming it; a tooltip near the viewport's edges stays on screen; every axis label is whole,
 * the last one ("10 s") too. Reads the layout the canvas exposes (data-geometry, data-axis) and the
 * canvas's pixels; screenshots in test-output/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { canvasPixel, launchChromium, openFile, screenshot, TEST_OUTPUT } from '../support/browser.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

interface Geometry {
  left: number;
  right: number;
  width: number;
  height: number;
  lanesTop: number;
  laneH: number;
  rows: { kind: string; y: number; h: number }[];
}
interface AxisLabel {
  text: string;
  x0: number;
  x1: number;
}

/** The canvas's layout and a function from time (ns) to x (CSS px) in its current view. */
async function layout(page: Page) {
  const g = JSON.parse((await page.getAttribute('#timeline', 'data-geometry'))!) as Geometry;
  const axis = JSON.parse((await page.getAttribute('#timeline', 'data-axis'))!) as AxisLabel[];
  const [v0, v1] = (await page.getAttribute('#timeline', 'data-view'))!.split('-').map(Number);
  return { g, axis, xAt: (t: number) => g.left + ((t - v0) / (v1 - v0)) * (g.right - g.left) };
}

/** Hovers canvas point (x, y) and returns the tooltip's text and its box in the viewport. */
async function hover(page: Page, x: number, y: number) {
  const box = (await page.locator('#timeline').boundingBox())!;
  await page.mouse.move(box.x + x, box.y + y);
  await page.waitForSelector('#tooltip:not([hidden])');
  const rect = await page.$eval('#tooltip', (e) => JSON.parse(JSON.stringify(e.getBoundingClientRect())) as { left: number; top: number; right: number; bottom: number });
  return { text: (await page.textContent('#tooltip'))!, rect };
}

/** Asserts every axis label lies whole inside the canvas, apart from its neighbours, and is drawn there. */
async function expectWholeLabels(page: Page) {
  const { g, axis } = await layout(page);
  expect(axis.length).toBeGreaterThan(3);
  for (const [i, l] of axis.entries()) {
    expect(l.x0).toBeGreaterThanOrEqual(0);
    expect(l.x1).toBeLessThanOrEqual(g.width);
    if (i > 0) expect(l.x0).toBeGreaterThan(axis[i - 1].x1);
  }
  // Ink: the last label is drawn inside its box, and nothing lies to its right in the label band.
  const last = axis[axis.length - 1];
  const band = [4, 6, 8, 10, 12];
  const inkIn = await Promise.all(band.flatMap((y) => [0.25, 0.5, 0.75].map((f) => canvasPixel(page, '#timeline', last.x0 + f * (last.x1 - last.x0), y))));
  expect(inkIn.some((c) => c !== 'transparent')).toBe(true);
  for (let x = Math.ceil(last.x1) + 2; x < g.width; x++) for (const y of band) expect(await canvasPixel(page, '#timeline', x, y)).toBe('transparent');
}

/** The label row's rightmost run of ink (gaps under 5 px bridged), the canvas width and the width of "10 s" in the canvas's font. */
async function lastLabelInk(page: Page): Promise<{ left: number; right: number; width: number; textWidth: number }> {
  return page.evaluate(`(() => {
    const c = document.getElementById('timeline');
    const d = window.devicePixelRatio || 1, w = c.width, ctx = c.getContext('2d');
    const px = ctx.getImageData(0, Math.round(2 * d), w, Math.round(12 * d)).data;
    const inkAt = (x) => { for (let y = 0; y < Math.round(12 * d); y++) if (px[(y * w + x) * 4 + 3] > 0) return true; return false; };
    let right = w - 1;
    while (right > 0 && !inkAt(right)) right--;
    let left = right, gap = 0;
    for (let x = right - 1; x >= 0 && gap < 5 * d; x--) inkAt(x) ? ((left = x), (gap = 0)) : gap++;
    return { left: left / d, right: right / d, width: w / d, textWidth: ctx.measureText('10 s').width };
  })()`);
}

describeWith([chromiumFacility], 'the timeline: fault rows, tooltips and the time axis in chromium', () => {
  let browser: Browser;
  let file: string;
  const pause = { start: 0.45 * 10.1e9, end: 0.52 * 10.1e9 };
  beforeAll(async () => {
    browser = await launchChromium();
    // 808 ops on 8 workers, 100 ms apart: the run lasts 10.001 s. Partition 4.04–6.06 s, pause 4.55–5.25 s.
    const history = syntheticHistory(808, { overlapping: true, stepNs: 100_000_000 });
    const test = testJsonFor('overlapping faults', { options: { concurrency: 8, nemesis: ['partition', 'pause'], timeLimit: 10 } });
    const dir = writeRunDir(mkdtempSync(join(tmpdir(), 'faultline-faults-')), { test, history, results: resultsWith(history, []) });
    file = await writeReport(dir);
  });
  afterAll(() => browser?.close());

  it('draws a pause inside a partition in a row of its own, each in its kind colour, with its own tooltip', { timeout: 60_000 }, async () => {
    const { page, errors } = await openFile(browser, file);
    await page.waitForSelector('#timeline[data-rendered]');
    expect(await page.getAttribute('#timeline', 'data-fault-rows')).toBe('partition,pause');
    expect(await page.getAttribute('#timeline', 'data-faults')).toBe('2');
    const colour = Object.fromEntries(await page.$$eval('#timeline-panel .legend .key.fault', (ks) => ks.map((k) => [k.getAttribute('data-fault'), k.getAttribute('data-color')])));
    expect(Object.keys(colour)).toEqual(['partition', 'pause']);
    expect(colour.partition).not.toBe(colour.pause);
    const { g, xAt } = await layout(page);
    const row = Object.fromEntries(g.rows.map((r) => [r.kind, r.y + r.h / 2]));
    const during = xAt((pause.start + pause.end) / 2), after = xAt(5.77e9), before = xAt(3.33e9);
    expect(await canvasPixel(page, '#timeline', during, row.pause)).toBe(colour.pause);
    expect(await canvasPixel(page, '#timeline', during, row.partition)).toBe(colour.partition);
    expect(await canvasPixel(page, '#timeline', after, row.pause)).not.toBe(colour.pause);
    expect(await canvasPixel(page, '#timeline', after, row.partition)).toBe(colour.partition);
    expect(await canvasPixel(page, '#timeline', before, row.partition)).not.toBe(colour.partition);
    expect((await hover(page, during, row.pause)).text).toMatch(/^pause fault: pause \{"targets":"one","nodes":\["n2"\]\} … resume/);
    expect((await hover(page, during, row.partition)).text).toMatch(/^partition fault: start-partition .* … stop-partition/);
    await screenshot(page, 'report-overlapping-faults');
    expect(errors).toEqual([]);
  });

  it('keeps a tooltip on screen next to the right and bottom edges of the viewport', { timeout: 60_000 }, async () => {
    const { page, errors } = await openFile(browser, file, { width: 900, height: 600 });
    await page.waitForSelector('#timeline[data-rendered]');
    // Scroll so that the canvas ends 10 px above the viewport's bottom edge, then hover the last op of
    // the last lane (lanes are 16 px high here; the canvas has 6 px below the last one).
    const canvas = (await page.locator('#timeline').boundingBox())!;
    await page.evaluate(`window.scrollTo(0, ${Math.round(canvas.y + canvas.height - 600 + 10)})`);
    const corner = await hover(page, canvas.width - 10, canvas.height - 12);
    expect(corner.text).toMatch(/^op \d+ p\d+ invoke/);
    expect(corner.rect.right).toBeLessThanOrEqual(900);
    expect(corner.rect.bottom).toBeLessThanOrEqual(600);
    expect(corner.rect.left).toBeGreaterThanOrEqual(0);
    expect(corner.rect.top).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: join(TEST_OUTPUT, 'report-tooltip-corner.png') }); // the viewport, as the reader saw it
    expect(errors).toEqual([]);
  });

  it('lays out every axis label whole: "10 s" at the end of the run, and after zooming in', { timeout: 60_000 }, async () => {
    const { page, errors } = await openFile(browser, file);
    await page.waitForSelector('#timeline[data-rendered]');
    // In the pixels: the rightmost label's ink is as wide as "10 s" and ends inside the canvas.
    const ink = await lastLabelInk(page);
    expect(ink.right).toBeLessThan(ink.width - 1);
    expect(ink.right - ink.left + 1).toBeGreaterThanOrEqual(0.8 * ink.textWidth);
    await expectWholeLabels(page);
    const { axis } = await layout(page);
    expect(axis[axis.length - 1].text).toBe('10 s');
    // Zoom into 2.3–7.9 s by dragging; the labels there are whole too.
    const { g, xAt } = await layout(page);
    const before = await page.getAttribute('#timeline', 'data-view');
    const box = (await page.locator('#timeline').boundingBox())!;
    await page.mouse.move(box.x + xAt(2.3e9), box.y + g.lanesTop + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + xAt(7.9e9), box.y + g.lanesTop + 5, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector(`#timeline:not([data-view="${before}"])`);
    expect(await page.getAttribute('#timeline', 'data-view')).toMatch(/^23\d{8}-79\d{8}$/);
    await expectWholeLabels(page);
    await screenshot(page, 'report-axis-labels');
    expect(errors).toEqual([]);
  });
});
