import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import type { Op } from '../../src/core/op.js';
import { importFile } from '../../src/importers/index.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** A faultline history whose read is stale: what an INVALID run leaves. */
const INVALID_RUN: Op[] = [
  { index: 0, time: 0, process: 0, type: 'invoke', f: 'write', value: 1, key: 'k0' },
  { index: 1, time: 10, process: 0, type: 'ok', f: 'write', value: 1, key: 'k0' },
  { index: 2, time: 20, process: 1, type: 'invoke', f: 'read', value: null, key: 'k0' },
  { index: 3, time: 30, process: 1, type: 'ok', f: 'read', value: null, key: 'k0' },
];
const jsonl = (ops: Op[]) => ops.map((o) => JSON.stringify(o) + '\n').join('');

async function failure(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return (e as Error).message;
}

describe('importFile', () => {
  it('refuses an empty file: nothing to check', async () => {
    const f = write('empty.jsonl', '');
    expect(await failure(importFile(f))).toBe(`${f}: the file is empty: nothing to check`);
    expect(await failure(importFile(f, 'porcupine-log'))).toBe(`${f}: the file is empty: nothing to check`);
  });

  it('refuses a program given as a Porcupine log', async () => {
    expect(await failure(importFile('/bin/ls', 'porcupine-log'))).toBe('/bin/ls: cannot read it as porcupine-log: it looks like binary data, not text');
    expect(await failure(importFile('/bin/ls'))).toBe('/bin/ls: cannot read it as a history: it looks like binary data, not text');
  });

  it('refuses an INVALID run\'s history.jsonl given as a Porcupine log, naming both', async () => {
    const f = write('history.jsonl', jsonl(INVALID_RUN));
    expect(await failure(importFile(f, 'porcupine-log'))).toBe(`${f}: no operations found reading it as porcupine-log; it looks like a faultline JSONL history`);
  });

  it('refuses an EDN vector given as JSONL, with or without a final newline', async () => {
    const edn = '[{:type :invoke, :f :read, :process 0} {:type :ok, :f :read, :process 0, :value 1}]';
    const a = write('a.edn', edn);
    expect(await failure(importFile(a, 'jsonl'))).toBe(`${a}: no operations found reading it as jsonl; it looks like a Jepsen EDN history`);
    const b = write('b.edn', edn + '\n');
    expect(await failure(importFile(b, 'jsonl'))).toBe(
      `${b}:1: expected one JSON object per line (reading it as jsonl; the file looks like a Jepsen EDN history; try --format jepsen-edn, or leave --format out)`,
    );
  });

  it('detects each format when none is given', async () => {
    const cases: [string, string][] = [
      [join(PORCUPINE_DATA, 'jepsen/etcd_002.log'), 'porcupine-log'],
      [join(PORCUPINE_DATA, 'kv/c01-ok.txt'), 'porcupine-kv'],
      [write('h.edn', '{:type :invoke, :f :read, :process 0}\n'), 'jepsen-edn'],
      [write('h.jsonl', jsonl(INVALID_RUN)), 'jsonl'],
    ];
    for (const [f, format] of cases) {
      const got = await importFile(f);
      expect([got.format, got.detected, got.ops.length > 0, got.lines.length === got.ops.length]).toEqual([format, true, true, true]);
    }
    expect((await importFile(cases[0][0], 'porcupine-log')).detected).toBe(false);
  });

  it('passes a torn last line on as a warning only when the file yields ops', async () => {
    const warnings: string[] = [];
    const f = write('torn.jsonl', jsonl(INVALID_RUN) + '{"index":4,"ti');
    expect((await importFile(f, undefined, (m) => warnings.push(m))).ops).toHaveLength(4);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^${f}:5: torn last line ignored`))]);
    const g = write('only-torn.jsonl', '{"index":0,"ti');
    await expect(importFile(g, 'jsonl', (m) => warnings.push(m))).rejects.toThrow(`${g}: no operations found reading it as jsonl`);
    expect(warnings).toHaveLength(1);
  });

  it('says it cannot tell the format of text in no known format', async () => {
    const f = write('h.csv', 'time,process,type\n');
    expect(await failure(importFile(f))).toBe(
      `${f}: cannot tell the history format: it looks like text in no history format faultline reads (it starts "time,process,type"); give --format (jsonl, jepsen-edn, porcupine-log, porcupine-kv)`,
    );
  });
});
