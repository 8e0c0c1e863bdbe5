/**
 * The report page built from run directories: the data is embedded exactly and safely, library and
 * report code are inlined with matching CSP hashes, and missing files are stated in words.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../src/report/assets.js';
import { scriptHash } from '../../src/report/embed.js';
import { DATA_ELEMENT_ID, buildReportHtml } from '../../src/report/report-html.js';
import { loadReportData } from '../../src/report/report-data.js';
import { writeReport } from '../../src/report/write-report.js';
import { XSS, resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'faultline-report-'));

/** The JSON embedded in a page, parsed. */
function embedded(html: string): unknown {
  const m = new RegExp(`<script type="application/json" id="${DATA_ELEMENT_ID}">(.*?)</script>`, 's').exec(html);
  if (!m) throw new Error('no data block');
  return JSON.parse(m[1]);
}

describe('buildReportHtml', () => {
  it('embeds strings from the history, test.json and anomalies as data only, never as markup', async () => {
    const history = syntheticHistory(20, { value: (i) => (i === 3 ? XSS : i) });
    const anomaly = { kind: 'stale-read', explanation: `read ${XSS}`, ops: [6] };
    const dir = writeRunDir(tmp(), { test: testJsonFor(XSS), history, results: resultsWith(history, [anomaly]), logs: { [`${XSS}.log`]: 'x' } });
    const html = readFileSync(await writeReport(dir), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;'); // the title, escaped
    const data = embedded(html) as { history: { value: unknown }[]; results: { anomalies: { explanation: string }[] }; logs: { href: string }[] };
    expect(data.history.filter((o) => o.value === XSS)).toHaveLength(2);
    expect(data.results.anomalies[0].explanation).toBe(`read ${XSS}`);
    expect(data.logs.map((l) => l.href)).toEqual([`nodes/${encodeURIComponent(`${XSS}.log`)}`]);
  });

  it('inlines uPlot, dagre and the report code, each allowed by its hash and nothing else', async () => {
    const dir = writeRunDir(tmp(), { test: testJsonFor('t'), history: syntheticHistory(5), results: resultsWith([], []) });
    const html = buildReportHtml(await loadReportData(dir), loadAssets());
    const scripts = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]);
    expect(scripts).toHaveLength(3);
    expect(scripts[0]).toContain('uPlot');
    expect(scripts[1]).toContain('dagre');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1].replace(/&#39;/g, "'");
    for (const s of scripts) expect(csp).toContain(scriptHash(s));
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  it('says what is missing when a run directory has no results', async () => {
    const dir = writeRunDir(tmp(), { test: testJsonFor('killed-run'), history: syntheticHistory(5) });
    const html = buildReportHtml(await loadReportData(dir), loadAssets());
    expect(html).toContain('id="problems"');
    expect(html).toMatch(/results\.json is missing: the history has not been checked/);
    expect(html).toContain('· unknown</title>');
  });

  it('says what is missing for an empty directory, and keeps the readable prefix of a damaged history', async () => {
    const empty = await loadReportData(tmp());
    expect(empty.problems.join('\n')).toMatch(/test\.json is missing[\s\S]*history\.jsonl is missing[\s\S]*results\.json is missing/);
    const dir = writeRunDir(tmp(), { history: syntheticHistory(3) });
    const file = join(dir, 'history.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8') + 'not json\n{"index":99}\n');
    const data = await loadReportData(dir);
    expect(data.history).toHaveLength(6);
    expect(data.problems.join('\n')).toMatch(/history\.jsonl:7: expected one JSON object per line; showing the 6 records before it/);
  });

  it('accepts the single CheckResult that `faultline check --report` stores', async () => {
    const history = syntheticHistory(4);
    const dir = writeRunDir(tmp(), { history, results: { valid: false, models: ['linearizable'], anomalies: [{ kind: 'nonlinearizable', explanation: 'x', ops: [0] }] } });
    const data = await loadReportData(dir);
    expect(data.results?.checks.linearizable.valid).toBe(false);
    expect(data.results?.anomalies[0].checker).toBe('linearizable');
    expect(data.results?.stats.ops).toBe(4);
  });
});
