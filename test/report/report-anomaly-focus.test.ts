/**
 * The anomaly explorer in chromium, on a register history whose one stale read (key k3, the last and a
 * short op) the real linearizability checker flags: selecting the anomaly scrolls the op that cannot
 * be placed into view inside the scrolled Porcupine box, shows its label whole, and filters the
 * timeline to key k3 until "Show all keys" is pressed. Screenshots in test-output/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import type { Op } from '../../src/core/op.js';
import { writeReport } from '../../src/report/write-report.js';
import { assembleResults } from '../../src/runner/results.js';
import { canvasPixel, launchChromium, openFile, screenshot } from '../support/browser.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { staleReadHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

type Rect = { left: number; right: number; top: number; bottom: number };
const rectOf = (page: Page, selector: string): Promise<Rect> =>
  page.$eval(selector, (e) => JSON.parse(JSON.stringify(e.getBoundingClientRect())) as Rect);

describeWith([chromiumFacility], 'the anomaly explorer in chromium', () => {
  let browser: Browser;
  let history: Op[];
  let file: string;
  let anomaly: { key?: string; ops: number[]; detail: { ops: { invoke: number; description: string }[] } };
  beforeAll(async () => {
    browser = await launchChromium();
    history = staleReadHistory(400);
    const check = await linearizableChecker({ model: 'cas-register' }).check({ name: 'stale', workload: 'register', target: 'raft-kv', concurrency: 8, seed: 7 }, history, {});
    anomaly = check.anomalies![0] as typeof anomaly;
    const test = testJsonFor('stale read', { options: { concurrency: 8, nemesis: ['partition', 'pause'] } });
    const dir = writeRunDir(mkdtempSync(join(tmpdir(), 'faultline-focus-')), { test, history, results: assembleResults({ linearizable: check }, [], history) });
    file = await writeReport(dir);
  });
  afterAll(() => browser?.close());

  it('scrolls the op that cannot be placed into view, labelled in full, and filters the timeline to its key', { timeout: 90_000 }, async () => {
    const staleRead = history.filter((o) => o.process !== 'nemesis' && o.type === 'invoke').at(-1)!;
    expect(anomaly.key).toBe('k3');
    expect(anomaly.ops).toEqual([staleRead.index]);
    const { page, errors } = await openFile(browser, file, { width: 1100, height: 900 });
    await page.waitForSelector('#timeline[data-rendered]');
    await page.click('#anomaly-list .anomaly');
    await page.waitForSelector('.porcupine .pbar.failing');
    // The box scrolls (the drawing is wider than it), and the failing op is inside its visible part.
    const box = await rectOf(page, '.porcupine .scroll');
    expect(await page.$eval('.porcupine .scroll', (e) => e.scrollWidth > e.clientWidth)).toBe(true);
    const bar = await rectOf(page, '.porcupine .pbar.failing rect');
    const label = await rectOf(page, '.porcupine .pbar.failing text');
    for (const r of [bar, label]) {
      expect(r.left).toBeGreaterThanOrEqual(box.left);
      expect(r.right).toBeLessThanOrEqual(box.right);
    }
    const description = anomaly.detail.ops.find((o) => o.invoke === staleRead.index)!.description;
    expect(await page.textContent('.porcupine .pbar.failing text')).toBe(`✗ ${description}`);
    expect(await page.getAttribute('.porcupine .pbar.failing', 'data-decisive')).toBe('true');
    // The timeline shows key k3 only, says so, and offers to show every key again.
    const clientInvokes = history.filter((o) => o.process !== 'nemesis' && o.type === 'invoke');
    const onK3 = clientInvokes.filter((o) => o.key === 'k3');
    expect(await page.getAttribute('#timeline', 'data-filter-key')).toBe('k3');
    expect(await page.getAttribute('#timeline', 'data-shown-ops')).toBe(String(onK3.length));
    expect(await page.textContent('#timeline-filter')).toContain(`Showing only key k3 (${onK3.length} of ${clientInvokes.length} client ops)`);
    expect(await page.isVisible('#timeline-show-all')).toBe(true);
    // An op on another key, in view next to the stale read, is not drawn while the filter is on.
    const other = clientInvokes.filter((o) => o.key !== 'k3').at(-1)!;
    const g = JSON.parse((await page.getAttribute('#timeline', 'data-geometry'))!) as { left: number; right: number; lanesTop: number; laneH: number };
    const [v0, v1] = (await page.getAttribute('#timeline', 'data-view'))!.split('-').map(Number);
    const x = g.left + ((other.time + 50_000 - v0) / (v1 - v0)) * (g.right - g.left);
    const y = g.lanesTop + (Number(other.process) % 8) * g.laneH + g.laneH / 2;
    expect(x).toBeGreaterThan(g.left);
    const ok = await page.getAttribute('#timeline-panel .legend [data-outcome=ok]', 'data-color');
    expect(await canvasPixel(page, '#timeline', x, y)).not.toBe(ok);
    await screenshot(page, 'report-anomaly-focus');
    await page.click('#timeline-show-all');
    expect(await page.getAttribute('#timeline', 'data-filter-key')).toBe('');
    expect(await page.getAttribute('#timeline', 'data-shown-ops')).toBe(String(clientInvokes.length));
    expect(await page.isVisible('#timeline-show-all')).toBe(false);
    await page.waitForTimeout(100);
    expect(await canvasPixel(page, '#timeline', x, y)).toBe(ok);
    expect(errors).toEqual([]);
  });
});
