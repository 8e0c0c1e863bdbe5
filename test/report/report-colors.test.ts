/**
 * One colour, one meaning. The colour table (util.js) keeps outcomes (ok, fail, info, pending) far
 * from every other colour, and op functions, fault kinds and quantiles apart; and in chromium the
 * report draws with it: the same outcome has the same colour in the timeline legend and the charts,
 * and no op function, fault kind or quantile line is drawn in a colour close to an outcome's (a
 * `write` in the red of `fail` is what this guards against). Distances are CIEDE2000 (colorjs.io).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Color from 'colorjs.io';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/write-report.js';
import { launchChromium, openFile, screenshot } from '../support/browser.js';
import { loadBrowserScripts } from '../support/browser-scripts.js';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

/** Smallest difference an outcome colour keeps from any other colour, and colours of one group from each other. */
const FROM_OUTCOMES = 20;
const WITHIN_GROUP = 15;
/** Op functions (chart points) and fault kinds (rows, shading) are never drawn in the same role; they differ less. */
const F_VS_FAULT = 10;

const dE = (a: string, b: string): number => new Color(a).deltaE2000(new Color(b));

/** Asserts every colour in `as` is at least `min` from every colour in `bs` (pairs of one list: each pair once). */
function expectApart(what: string, as: Record<string, string>, bs: Record<string, string> | null, min: number): void {
  const close: string[] = [];
  const a = Object.entries(as);
  const b = bs ? Object.entries(bs) : a;
  a.forEach(([na, ca], i) =>
    b.forEach(([nb, cb], j) => {
      if (!bs && j <= i) return;
      const d = dE(ca, cb);
      if (d < min) close.push(`${na} ${ca} vs ${nb} ${cb}: ΔE ${d.toFixed(1)}`);
    }),
  );
  expect(close, `${what}: colours closer than ΔE ${min}`).toEqual([]);
}

const named = (prefix: string, colours: readonly string[]) => Object.fromEntries(colours.map((c, i) => [`${prefix}${i}`, c]));

describe('the report colour table', () => {
  it('keeps outcomes apart from op functions, fault kinds and quantiles, and each group apart within', () => {
    const { COLORS } = loadBrowserScripts();
    const f = named('f', COLORS.f), q = named('quantile', COLORS.quantile);
    expectApart('outcomes', COLORS.outcome, null, WITHIN_GROUP);
    expectApart('op functions', f, null, WITHIN_GROUP);
    expectApart('fault kinds', COLORS.fault, null, WITHIN_GROUP);
    for (const [what, other] of [['op functions', f], ['fault kinds', COLORS.fault], ['quantiles', q]] as const) expectApart(`outcomes vs ${what}`, COLORS.outcome, other, FROM_OUTCOMES);
    expectApart('op functions vs fault kinds', f, COLORS.fault, F_VS_FAULT);
  });
});

/** Legend entries of the timeline: [label, colour] of each swatch. */
async function timelineLegend(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(await page.$$eval('#timeline-panel .legend .key', (ks) => ks.map((k) => [k.textContent!.trim(), getComputedStyle(k.querySelector('i')!).backgroundColor])));
}

/** Legend entries of the n-th uPlot chart: [series label, marker colour]. */
async function chartLegend(page: Page, n: number): Promise<Record<string, string>> {
  return page.$$eval(
    '#charts .uplot',
    (charts, i) =>
      Object.fromEntries(
        Array.from(charts[i].querySelectorAll('.u-legend .u-series'))
          .slice(1)
          .map((r) => [r.querySelector('.u-label')!.textContent!.trim(), getComputedStyle(r.querySelector('.u-marker')!).borderTopColor]),
      ),
    n,
  );
}

describeWith([chromiumFacility], 'report colours in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('draws outcomes in one colour everywhere and nothing else near them', { timeout: 60_000 }, async () => {
    const history = syntheticHistory(1200, { overlapping: true, f: (i) => ['read', 'write', 'cas', 'append'][i % 4] });
    const dir = writeRunDir(mkdtempSync(join(tmpdir(), 'faultline-colors-')), { test: testJsonFor('colours'), history, results: resultsWith(history, []) });
    const { page, errors } = await openFile(browser, await writeReport(dir));
    await page.waitForFunction('document.querySelectorAll("#charts .uplot").length === 4');
    const legend = await timelineLegend(page);
    const outcome = { ok: legend.ok, fail: legend.fail, info: legend.info, pending: legend.pending };
    expect(Object.values(outcome).every(Boolean)).toBe(true);
    // Throughput and availability use the outcome colours of the timeline.
    const charts = await page.$$eval('#charts .uplot', (els) => els.length);
    expect(charts).toBe(4);
    const [latency, quantiles, throughput, availability] = await Promise.all([0, 1, 2, 3].map((n) => chartLegend(page, n)));
    expect(throughput).toEqual({ ok: outcome.ok, fail: outcome.fail, info: outcome.info });
    expect(availability).toEqual({ 'ok fraction': outcome.ok });
    // Latency: one colour per op function (whatever the outcome), four functions, four colours.
    const byF = new Map<string, Set<string>>();
    for (const [label, c] of Object.entries(latency)) byF.set(label.split(' ')[0], (byF.get(label.split(' ')[0]) ?? new Set()).add(c));
    expect([...byF.keys()].sort()).toEqual(['append', 'cas', 'read', 'write']);
    const fColour = Object.fromEntries([...byF].map(([f, cs]) => (expect(cs.size).toBe(1), [f, [...cs][0]])));
    expectApart('op functions', fColour, null, WITHIN_GROUP);
    expectApart('outcomes vs op functions', outcome, fColour, FROM_OUTCOMES);
    expectApart('outcomes vs quantile lines', outcome, quantiles, FROM_OUTCOMES);
    const faults = { partition: legend['partition fault'], pause: legend['pause fault'] };
    expect(Object.values(faults).every(Boolean)).toBe(true);
    expectApart('outcomes vs fault kinds', outcome, faults, FROM_OUTCOMES);
    expectApart('fault kinds', faults, null, WITHIN_GROUP);
    // The charts' legend of shaded faults names the timeline's fault colours.
    const shaded = Object.fromEntries(await page.$$eval('#charts .legend.faults .key', (ks) => ks.map((k) => [k.textContent!.trim(), getComputedStyle(k.querySelector('i')!).backgroundColor])));
    expect(shaded).toEqual({ partition: faults.partition, pause: faults.pause });
    await screenshot(page, 'report-colours');
    expect(errors).toEqual([]);
  });
});
