/**
 * Reports opened in a real browser (Debian's chromium, file://): a real raft-kv run and a real
 * recorded etcd history checked by `faultline check`, quiet (no console error), offline (no request),
 * with the right verdict; clicking an anomaly highlights its ops; screenshots in test-output/.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumFacility, describeWith } from '../support/facility.js';
import { launchChromium, openFile, screenshot } from '../support/browser.js';
import { runCliProcess } from '../support/cli.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

describeWith([chromiumFacility], 'report.html in chromium', () => {
  let browser: Browser;
  const tmp = mkdtempSync(join(tmpdir(), 'faultline-browser-'));
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a real raft-kv run: valid, quiet, offline, timeline and charts drawn', { timeout: 90_000 }, async () => {
    const reports = join(tmp, 'reports');
    const run = await runCliProcess(['run', '--time-limit', '2', '--concurrency', '4', '--seed', '11', '--reports-dir', reports], { timeoutMs: 80_000 });
    expect(run.stderr).not.toMatch(/report.html not written/);
    expect(run.stdout).toMatch(/report\s+\S+report\.html/);
    const dir = run.stdout.match(/stored in\s+(\S+)/)![1];
    const { page, errors, requests } = await openFile(browser, join(dir, 'report.html'));
    await page.waitForSelector('#timeline[data-rendered]');
    await page.waitForSelector('#charts .uplot');
    // raft-kv with its safe defaults must be valid (DESIGN.md), and the report must say so.
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('valid');
    expect(await page.textContent('#summary')).toContain('--seed 11');
    // The same ops/s as the terminal summary, over the same load phase.
    const throughput = /throughput\s+(\d+ ops\/s \(client completions in the [\d.]+ s load phase ÷ its seconds\))/.exec(run.stdout);
    expect(throughput, run.stdout).not.toBeNull();
    expect(await page.textContent('#summary')).toContain(throughput![1]);
    expect(await page.textContent('#replay')).toBe(`faultline run --replay ${dir}`);
    expect(await page.$$eval('#charts .uplot', (els) => els.length)).toBe(4);
    // Every node's log, and (the default mix includes power loss) each node's powerloss-fs helper log where FUSE is there.
    const logs = await page.$$eval('#files a.log', (as) => as.map((a) => a.textContent ?? ''));
    expect(logs.filter((l) => !/^n\d-disk\.log$/.test(l))).toEqual(['harness.log', 'n1.log', 'n2.log', 'n3.log']);
    await screenshot(page, 'report-raft-kv-run');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    // The index page lists the run and links its report.
    const index = await openFile(browser, join(reports, 'index.html'));
    expect(await index.page.$$eval('#runs tbody tr', (trs) => trs.length)).toBe(1);
    expect(await index.page.getAttribute('#runs tbody a', 'href')).toMatch(/^raft-kv-register\/[^/]+\/report\.html$/);
    await index.page.selectOption('select[name=verdict]', 'invalid');
    expect(await index.page.textContent('#shown')).toBe('0 of 1 runs');
    expect(index.errors).toEqual([]);
  });

  it('a non-linearizable etcd history: INVALID, and clicking the anomaly highlights its ops', { timeout: 60_000 }, async () => {
    const out = join(tmp, 'etcd_000');
    const r = await runCliProcess(['check', join(PORCUPINE_DATA, 'jepsen/etcd_000.log'), '--format', 'porcupine-log', '--model', 'cas-register', '--report', out]);
    expect(r.code).toBe(1);
    const anomaly = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).anomalies[0];
    const { page, errors, requests } = await openFile(browser, join(out, 'report.html'));
    await page.waitForSelector('#timeline[data-rendered]');
    expect(await page.getAttribute('#verdict', 'data-verdict')).toBe('INVALID');
    expect(await page.textContent('#verdict')).toMatch(/INVALID — 1 anomaly found/);
    // The models table: linearizability ruled out, and with it nothing stronger; weaker models not claimed.
    const models = await page.$$eval('table.models tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(models.find((t) => t.startsWith('linearizable'))).toMatch(/ruled out by nonlinearizable.*judged by linearizable/);
    expect(models.some((t) => t.startsWith('sequential'))).toBe(false);
    expect(await page.getAttribute('#timeline', 'data-highlighted')).toBeNull();
    await page.click('#anomaly-list .anomaly');
    expect(await page.getAttribute('#timeline', 'data-highlighted')).toBe([...anomaly.ops].sort((a: number, b: number) => a - b).join(','));
    expect(await page.textContent('#timeline-selection')).toContain(`ops ${anomaly.ops.join(',')}`);
    // The Porcupine-style view: the prefix with states, and the op that cannot be placed.
    expect(await page.textContent('.porcupine')).toContain('longest linearizable prefix found has 43 operations');
    expect(await page.$$eval('.porcupine-bars .pbar.failing', (gs) => gs.map((g) => g.getAttribute('data-op')))).toEqual(anomaly.ops.map(String));
    expect(await page.textContent('.linearization tr.failing')).toContain('cannot follow state 0');
    await page.waitForTimeout(100);
    await screenshot(page, 'report-etcd-nonlinearizable');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
