/** publishReport never throws: a report that cannot be written is a warning and the run goes on. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishReport, reportsDirOf } from '../../src/report/write-report.js';
import { resultsWith, syntheticHistory, testJsonFor, writeRunDir } from '../support/report-fixtures.js';

describe('publishReport', () => {
  it('writes report.html and the index of the reports directory', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'faultline-publish-'));
    const h = syntheticHistory(10);
    const dir = writeRunDir(join(reports, 't', 'run1'), { test: testJsonFor('t'), history: h, results: resultsWith(h, []) });
    const warnings: string[] = [];
    expect(await publishReport(dir, reports, (m) => warnings.push(m))).toBe(join(dir, 'report.html'));
    expect(existsSync(join(reports, 'index.html'))).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('warns instead of throwing when the report cannot be written', async () => {
    const warnings: string[] = [];
    const missing = join(tmpdir(), 'faultline-no-such-dir', 'run');
    expect(await publishReport(missing, join(missing, 'nope'), (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^report\.html not written: /);
    expect(warnings[1]).toMatch(/index\.html not written: /);
    if (process.getuid?.() !== 0) {
      const ro = writeRunDir(mkdtempSync(join(tmpdir(), 'faultline-ro-')), { history: syntheticHistory(2) });
      chmodSync(ro, 0o555);
      expect(await publishReport(ro, undefined, (m) => warnings.push(m))).toBeUndefined();
      chmodSync(ro, 0o755);
    }
  });
});

describe('reportsDirOf', () => {
  it('recognises a run inside a store by its latest links, and nothing else', () => {
    const reports = mkdtempSync(join(tmpdir(), 'faultline-store-'));
    mkdirSync(join(reports, 't', 'run1'), { recursive: true });
    expect(reportsDirOf(join(reports, 't', 'run1'))).toBeUndefined();
    symlinkSync('t/run1', join(reports, 'latest'));
    symlinkSync('run1', join(reports, 't', 'latest'));
    expect(reportsDirOf(join(reports, 't', 'run1'))).toBe(reports);
  });
});
