/**
 * `faultline check` on input it must not call valid: each case runs the real command and expects
 * exit 254 with one line on stderr naming the file (and line) and what was wrong, and no verdict.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { packageRoot } from '../../src/core/paths.js';
import { runCliProcess, type CliResult } from '../support/cli.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-check-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const jsonl = (ops: Partial<Op>[]) => ops.map((o, i) => JSON.stringify({ index: i, time: i, ...o }) + '\n').join('');
/** An INVALID run's history: a read of nothing after a write of 1. */
const STALE: Partial<Op>[] = [
  { process: 0, type: 'invoke', f: 'write', value: 1 },
  { process: 0, type: 'ok', f: 'write', value: 1 },
  { process: 1, type: 'invoke', f: 'read', value: null },
  { process: 1, type: 'ok', f: 'read', value: null },
];

/** Expects exit 254, no verdict on stdout, and exactly `message` as the one line on stderr. */
function expectBadInput(r: CliResult, message: string): void {
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr.trim().split('\n') }).toEqual({ code: 254, stdout: '', stderr: [`faultline: ${message}`] });
}

describe('faultline check refuses input it did not understand (exit 254)', () => {
  it('an empty file', async () => {
    const f = write('empty.log', '');
    expectBadInput(await runCliProcess(['check', f, '--format', 'porcupine-log', '--model', 'cas-register']), `${f}: the file is empty: nothing to check`);
  });

  it('/bin/ls given as a Porcupine log', async () => {
    expectBadInput(await runCliProcess(['check', '/bin/ls', '--format', 'porcupine-log', '--model', 'cas-register']), '/bin/ls: cannot read it as porcupine-log: it looks like binary data, not text');
  });

  it("an INVALID run's history.jsonl given as a Porcupine log", async () => {
    const f = write('history.jsonl', jsonl(STALE));
    const r = await runCliProcess(['check', f, '--format', 'porcupine-log', '--model', 'cas-register']);
    expectBadInput(r, `${f}: no operations found reading it as porcupine-log; it looks like a faultline JSONL history`);
    // Read as what it is, the same file is not linearizable.
    expect((await runCliProcess(['check', f])).code).toBe(1);
  });

  it('an EDN vector given as JSONL', async () => {
    const f = write('h.edn', '[{:type :invoke, :f :read, :process 0} {:type :ok, :f :read, :process 0, :value 1}]');
    expectBadInput(await runCliProcess(['check', f, '--format', 'jsonl', '--model', 'cas-register']), `${f}: no operations found reading it as jsonl; it looks like a Jepsen EDN history`);
  });

  it('a complete malformed last line, whose read would decide the verdict', async () => {
    const text = jsonl(STALE.slice(0, 3)) + JSON.stringify({ index: 3, time: 3, process: 1, type: 'OK', f: 'read', value: null }) + '\n';
    const f = write('badlast.jsonl', text);
    expectBadInput(await runCliProcess(['check', f]), `${f}:4: expected an op: field "type": Invalid option: expected one of "invoke"|"ok"|"fail"|"info"`);
  });

  it('an explicit --format the content does not fit', async () => {
    const kv = join(PORCUPINE_DATA, 'kv/c01-ok.txt');
    expectBadInput(await runCliProcess(['check', kv, '--format', 'porcupine-log']), `${kv}: no operations found reading it as porcupine-log; it looks like a Porcupine kv history (EDN)`);
  });

  it('an explicit --model the ops do not fit, at the first op it cannot use', async () => {
    const log = join(dir, 'etcd_002.log');
    copyFileSync(join(PORCUPINE_DATA, 'jepsen/etcd_002.log'), log);
    const r = await runCliProcess(['check', log, '--model', 'kv']);
    expect(r.code).toBe(254);
    expect(r.stderr.trim().split('\n')).toEqual(['detected format: porcupine-log', expect.stringMatching(new RegExp(`^faultline: ${log}:\\d+: the kv model has no operation "(read|write|cas)"`))]);
  });

  it('a value of the wrong type for the model, at its line', async () => {
    const ops = [...STALE.slice(0, 3), { process: 1, type: 'ok' as const, f: 'read', value: { v: 1 } }];
    const f = write('object-read.jsonl', jsonl(ops));
    expectBadInput(await runCliProcess(['check', f, '--format', 'jsonl', '--model', 'cas-register']), `${f}:4: expected the read's value to be a number, string or nil, found {"v":1}`);
  });

  it('a history with only nemesis ops, and one whose ops no checker reads', async () => {
    const f = write('nemesis.jsonl', jsonl([{ process: 'nemesis', type: 'info', f: 'start-partition', value: 'halves' }]));
    expectBadInput(await runCliProcess(['check', f, '--format', 'jsonl', '--model', 'cas-register']), `${f}: the history holds no client operations (only nemesis ones): nothing to check`);
    const odd = write('odd.jsonl', jsonl([{ process: 0, type: 'invoke', f: 'frobnicate', value: 1 }, { process: 0, type: 'ok', f: 'frobnicate', value: 1 }]));
    expectBadInput(await runCliProcess(['check', odd, '--format', 'jsonl']), `${odd}: no model fits ops frobnicate; give --model (register, cas-register, kv)`);
    // A transactional history is not refused: its transactions choose the list-append checker, which
    // finds that this one reads y = [1 2] though nothing was ever appended to y.
    const txn = join(packageRoot(), 'test/fixtures/edn/list-append.edn');
    const r = await runCliProcess(['check', txn, '--format', 'jepsen-edn']);
    expect([r.code, r.stderr.trim()]).toEqual([1, 'checker: list-append (fits its transactions)']);
    expect(r.stdout).toMatch(/^list-append: INVALID /);
    expect(r.stdout).toMatch(/read "?y"? = \[1, 2\], which holds 1, a value no transaction appended to "?y"?: it came out of thin air/);
  });

  it('text in no known format when --format is left out', async () => {
    const f = write('h.csv', 'time,process,type\n1,0,invoke\n');
    expectBadInput(
      await runCliProcess(['check', f]),
      `${f}: cannot tell the history format: it looks like text in no history format faultline reads (it starts "time,process,type"); give --format (jsonl, jepsen-edn, porcupine-log, porcupine-kv)`,
    );
  });
});

describe('faultline check without --format or --model', () => {
  it('detects the format, picks the model that fits, and says so on stderr', async () => {
    const cases: [string, string, number][] = [
      [join(PORCUPINE_DATA, 'jepsen/etcd_000.log'), 'detected format: porcupine-log; model: cas-register (fits its ops)', 1],
      [join(PORCUPINE_DATA, 'kv/c01-ok.txt'), 'detected format: porcupine-kv; model: kv (fits its ops)', 0],
      [write('stale.jsonl', jsonl(STALE)), 'detected format: jsonl; model: cas-register (fits its ops)', 1],
      [write('stale.edn', '[{:type :invoke, :f :write, :value 1, :process 0}\n {:type :ok, :f :write, :value 1, :process 0}\n {:type :invoke, :f :read, :process 1}\n {:type :ok, :f :read, :value nil, :process 1}]'), 'detected format: jepsen-edn; model: cas-register (fits its ops)', 1],
    ];
    for (const [file, note, code] of cases) {
      const r = await runCliProcess(['check', file]);
      expect({ code: r.code, stderr: r.stderr.trim() }).toEqual({ code, stderr: note });
      expect(r.stdout).toMatch(code === 0 ? /^linearizable/ : /^NOT linearizable/);
    }
  });
});
