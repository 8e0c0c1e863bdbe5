/**
 * Reports of made-up runs in chromium: a hostile string stored in the history, test.json, a log
 * name and an anomaly renders as text (no dialog, no element); an anomaly carrying a graph is laid
 * out by dagre; faults are shaded; a run without results says what is missing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { launchChromium, openFile, screenshot } from '../support/browser.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { XSS, resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

describeWith([chromiumFacility], 'report.html safety and anomaly forms in chromium', () => {
  let browser: Browser;
  const tmp = () => mkdtempSync(join(tmpdir(), 'faultline-safety-'));
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('renders a stored <img onerror> as text, and draws an anomaly graph with dagre', { timeout: 30_000 }, async () => {
    const history = syntheticHistory(400, { nemesis: true, value: (i) => (i % 50 === 0 ? XSS : i) });
    const cycle = {
      kind: 'G1c',
      explanation: `Cycle of write-read and write-write dependencies; one value read was ${XSS}`,
      ops: [0, 2, 4],
      graph: { nodes: [0, 2, 4], edges: [{ from: 0, to: 2, label: 'wr' }, { from: 2, to: 4, label: 'ww' }, { from: 4, to: 0, label: `rw ${XSS}` }] },
    };
    const dir = writeRunDir(tmp(), { test: testJsonFor(XSS, { command: `echo ${XSS}` }), history, results: resultsWith(history, [cycle]), logs: { [`${XSS}.log`]: XSS } });
    await writeReport(dir);
    const { page, errors, requests, dialogs } = await openFile(browser, join(dir, 'report.html'));
    await page.waitForSelector('#timeline[data-rendered]');
    await page.click('#anomaly-list .anomaly');
    await page.waitForSelector('svg.anomaly-graph');
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(await page.textContent('#summary h1')).toContain(XSS);
    expect(await page.textContent('#command')).toBe(`echo ${XSS}`);
    expect(await page.textContent('.anomaly .explanation')).toContain(XSS);
    expect(await page.isVisible(`table.ops td:text-is("${JSON.stringify(XSS).replace(/"/g, '\\"')}")`)).toBe(true);
    expect(await page.$$eval('#files a.log', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([[`${XSS}.log`, `nodes/${encodeURIComponent(`${XSS}.log`)}`]]);
    // The graph: three op nodes, three labelled edges, laid out (distinct positions).
    expect(await page.$$eval('svg.anomaly-graph g.node', (gs) => gs.map((g) => g.getAttribute('data-op')).sort())).toEqual(['0', '2', '4']);
    expect(await page.$$eval('svg.anomaly-graph .edge-label', (ts) => ts.map((t) => t.textContent).sort())).toEqual(['rw ' + XSS, 'wr', 'ww']);
    expect(await page.$$eval('svg.anomaly-graph path.edge', (ps) => ps.length)).toBe(3);
    const positions = await page.$$eval('svg.anomaly-graph g.node', (gs) => new Set(gs.map((g) => g.getAttribute('transform'))).size);
    expect(positions).toBe(3);
    // The partition shows as one fault interval, and the availability chart compares it.
    expect(await page.getAttribute('#timeline', 'data-faults')).toBe('1');
    expect(await page.textContent('#charts')).toMatch(/Ok fraction during faults: [\d.]+% of \d+ ops; without faults/);
    await screenshot(page, 'report-synthetic-graph-xss');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('a run without results.json says what is missing, without errors', { timeout: 30_000 }, async () => {
    const dir = writeRunDir(tmp(), { test: testJsonFor('killed'), history: syntheticHistory(50) });
    await writeReport(dir);
    const { page, errors } = await openFile(browser, join(dir, 'report.html'));
    await page.waitForSelector('#timeline[data-rendered]');
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('missing');
    expect(await page.textContent('#verdict')).toContain('results.json is missing');
    expect(await page.textContent('#problems')).toContain('the history has not been checked');
    await screenshot(page, 'report-missing-results');
    expect(errors).toEqual([]);
  });
});
