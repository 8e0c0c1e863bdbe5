/** reports/index.html: runs newest first, verdicts, filters, links, escaping; latest links skipped. */
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeIndex } from '../../src/report/index-page.js';
import { listRuns } from '../../src/report/run-list.js';
import { XSS, resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

function store(): string {
  const root = mkdtempSync(join(tmpdir(), 'faultline-index-'));
  const h = syntheticHistory(4);
  writeRunDir(join(root, 'a/20260101T000000.000Z'), { test: testJsonFor('a', { startedAt: '2026-01-01T00:00:00.000Z' }), history: h, results: resultsWith(h, []) });
  writeRunDir(join(root, 'b/20260103T000000.000Z'), { test: testJsonFor('b', { startedAt: '2026-01-03T00:00:00.000Z', target: 'etcd' }), history: h, results: resultsWith(h, [{ kind: 'x', explanation: 'y', ops: [0] }]) });
  writeRunDir(join(root, 'c/20260102T000000.000Z'), { test: testJsonFor(XSS, { startedAt: '2026-01-02T00:00:00.000Z', workload: XSS }), history: h });
  symlinkSync('b/20260103T000000.000Z', join(root, 'latest'));
  symlinkSync('20260103T000000.000Z', join(root, 'b', 'latest'));
  return root;
}

describe('listRuns', () => {
  it('lists every run once, newest first, with its verdict', () => {
    const runs = listRuns(store());
    expect(runs.map((r) => [r.path, r.verdict, r.anomalies])).toEqual([
      ['b/20260103T000000.000Z', 'invalid', 1],
      ['c/20260102T000000.000Z', 'unchecked', null],
      ['a/20260101T000000.000Z', 'valid', 0],
    ]);
  });
});

describe('writeIndex', () => {
  it('with no runs yet, suggests the README\'s command', () => {
    const html = readFileSync(writeIndex(mkdtempSync(join(tmpdir(), 'faultline-index-'))), 'utf8');
    expect(html).toContain('No runs yet: <code>node bin/faultline.js run</code> stores one here.');
  });

  it('writes a filterable table linking each report, with every string escaped', () => {
    const root = store();
    const html = readFileSync(writeIndex(root), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toMatch(/<select name="target"><option value="">all<\/option><option>etcd<\/option><option>raft-kv<\/option><\/select>/);
    expect(html).toMatch(/<tr class="verdict-invalid" data-target="etcd" data-workload="register" data-verdict="invalid">/);
    const rows = [...html.matchAll(/<tr class="verdict-(\w+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['invalid', 'unchecked', 'valid']);
  });
});
