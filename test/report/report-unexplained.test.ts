/**
 * A report whose linearizability anomalies were not explained (`check --explain-timeout 0`: the key the
 * verdict proved bad, with no partial linearizations) opens in chromium quietly: the anomaly is listed,
 * clicking it highlights its key's ops, and the detail says the explanation was cut short instead of
 * drawing a Porcupine view from nothing. A report mixing explained and unexplained anomalies draws the
 * view for the explained one only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishReport } from '../../src/report/write-report.js';
import { launchChromium, openFile } from '../support/browser.js';
import { runCliProcess } from '../support/cli.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

describeWith([chromiumFacility], 'report.html with unexplained anomalies', () => {
  let browser: Browser;
  const tmp = mkdtempSync(join(tmpdir(), 'faultline-unexplained-'));
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('c50-bad checked with no explanation budget: listed, clickable, marked cut short, no error', { timeout: 60_000 }, async () => {
    const out = join(tmp, 'c50-bad');
    const r = await runCliProcess(['check', join(PORCUPINE_DATA, 'kv/c50-bad.txt'), '--format', 'porcupine-kv', '--model', 'kv', '--explain-timeout', '0', '--report', out]);
    expect(r.code).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.anomalies.map((a: { detail: { explained: boolean } }) => a.detail.explained)).toEqual([false]);
    const { page, errors, requests } = await openFile(browser, join(out, 'report.html'));
    await page.waitForSelector('#timeline[data-rendered]');
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('INVALID');
    expect(await page.textContent('table.checkers')).toContain('9 keys not decided within the explanation budget (--explain-timeout)');
    expect(await page.$$eval('#anomaly-list .anomaly', (lis) => lis.length)).toBe(1);
    expect(await page.textContent('#anomaly-list .anomaly .head')).toMatch(/key 1 · 194 ops: \d+, .* …$/);
    await page.click('#anomaly-list .anomaly');
    expect((await page.getAttribute('#timeline', 'data-highlighted'))!.split(',')).toHaveLength(194);
    expect(await page.textContent('#anomaly-detail')).toContain('was cut short because its time budget ran out');
    expect(await page.textContent('#anomaly-detail .porcupine.unexplained')).toMatch(/No linearization view: .* 194 operations/);
    expect(await page.$$('#anomaly-detail .porcupine-bars')).toHaveLength(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('a report with an explained and an unexplained anomaly draws the view for the explained one only', { timeout: 60_000 }, async () => {
    const out = join(tmp, 'mixed');
    const r = await runCliProcess(['check', join(PORCUPINE_DATA, 'kv/c01-bad.txt'), '--format', 'porcupine-kv', '--model', 'kv', '--report', out]);
    expect(r.code).toBe(1);
    const file = join(out, 'results.json');
    const results = JSON.parse(readFileSync(file, 'utf8'));
    const explained = results.anomalies[0];
    expect(explained.detail.explained).toBe(true);
    // The same key as an explanation cut short by memory, as the checker writes one.
    const { partialLinearizations: _p, finalState: _f, steps: _s, ...rest } = explained.detail;
    const unexplained = {
      ...explained,
      explanation: 'cut short because its memory budget ran out',
      ops: rest.ops.map((o: { invoke: number }) => o.invoke),
      detail: { ...rest, explained: false, cutShort: 'memory' },
    };
    writeFileSync(file, JSON.stringify({ ...results, anomalies: [unexplained, explained] }));
    await publishReport(out, undefined, (m) => {
      throw new Error(m);
    });
    const { page, errors } = await openFile(browser, join(out, 'report.html'));
    await page.waitForSelector('#timeline[data-rendered]');
    const items = await page.$$('#anomaly-list .anomaly');
    expect(items).toHaveLength(2);
    await items[0].click();
    expect(await page.$$('#anomaly-detail .porcupine-bars')).toHaveLength(0);
    expect(await page.textContent('#anomaly-detail .porcupine.unexplained')).toMatch(/No linearization view/);
    await items[1].click();
    expect(await page.$$('#anomaly-detail .porcupine-bars')).toHaveLength(1);
    expect(await page.textContent('#anomaly-detail .porcupine')).toContain('The longest linearizable prefix found has');
    expect(errors).toEqual([]);
  });
});
