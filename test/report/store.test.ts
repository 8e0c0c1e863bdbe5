import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunDir, readJson, resolveRunDir, runTimestamp, writeJson } from '../../src/report/store.js';

let reports: string;
beforeEach(() => {
  reports = mkdtempSync(join(tmpdir(), 'faultline-store-'));
});
afterEach(() => rmSync(reports, { recursive: true, force: true }));

describe('run store', () => {
  it('names run directories by sortable timestamp and links latest to the newest', () => {
    const now = new Date('2026-11-21T19:35:10.123Z');
    expect(runTimestamp(now)).toBe('20261121T193510.123Z');
    const a = createRunDir(reports, 'raft-kv-register', now);
    const b = createRunDir(reports, 'raft-kv-register', now);
    expect(a).toBe(join(reports, 'raft-kv-register', '20261121T193510.123Z'));
    expect(b).toBe(`${a}-1`);
    expect(resolve(reports, readlinkSync(join(reports, 'latest')))).toBe(b);
    expect(resolve(reports, 'raft-kv-register', readlinkSync(join(reports, 'raft-kv-register', 'latest')))).toBe(b);
  });

  it('refuses a test name that would escape the store', () => {
    for (const name of ['../etc', '..', '.']) {
      expect(() => createRunDir(reports, name, new Date())).toThrow(`--name ${JSON.stringify(name)}: expected up to 100 letters, digits, '.', '_' and '-', not starting with '.'`);
    }
  });

  it('resolves latest to a run directory and rejects what is not one', () => {
    const dir = createRunDir(reports, 't', new Date());
    writeJson(dir, 'test.json', { name: 't' });
    expect(resolveRunDir(join(reports, 'latest'))).toBe(dir);
    expect(readJson(dir, 'test.json')).toEqual({ name: 't' });
    expect(() => resolveRunDir(join(reports, 't'))).toThrow(/not a run directory \(no test\.json or history\.jsonl\)/);
    expect(() => resolveRunDir(join(reports, 'missing'))).toThrow(/missing: no such run directory/);
  });

  it('names a corrupt JSON file', () => {
    const dir = createRunDir(reports, 't', new Date());
    writeFileSync(join(dir, 'results.json'), '{');
    expect(() => readJson(dir, 'results.json')).toThrow(/results\.json: not valid JSON/);
  });
});
