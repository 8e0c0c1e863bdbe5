/**
 * `faultline check` with any registered checker: the checker chosen from the ops or named with
 * `--checker`, its own options with `--checker-opt`, and `--model` asking whether one consistency model
 * holds (the exit code follows that model). The results file has the shape `run` writes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import { UserError } from '../../src/core/errors.js';
import { runCliProcess } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-check-checkers-'));
const write = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

/** Write skew, as Jepsen writes it: T1 reads x empty and appends to y; T2 reads y empty and appends to x. */
const WRITE_SKEW = write(
  'write-skew.edn',
  `; two concurrent transactions, each reading what the other writes
[{:type :invoke, :process 0, :f :txn, :value [[:r :x nil] [:append :y 1]], :index 0}
 {:type :invoke, :process 1, :f :txn, :value [[:r :y nil] [:append :x 1]], :index 1}
 {:type :ok, :process 0, :f :txn, :value [[:r :x []] [:append :y 1]], :index 2}
 {:type :ok, :process 1, :f :txn, :value [[:r :y []] [:append :x 1]], :index 3}
 {:type :invoke, :process 0, :f :txn, :value [[:r :x nil] [:r :y nil]], :index 4}
 {:type :ok, :process 0, :f :txn, :value [[:r :x [1]] [:r :y [1]]], :index 5}]
`,
);

describe('faultline check with any checker', () => {
  it('chooses list-append for an EDN list-append history and stores results in the run shape', async () => {
    const report = join(dir, 'report');
    const notes: string[] = [];
    const out = await checkFile(WRITE_SKEW, { report }, undefined, (m) => notes.push(m));
    expect(out.checker).toBe('list-append');
    expect(notes).toEqual(['detected format: jepsen-edn; checker: list-append (fits its transactions)']);
    expect(out.exitCode).toBe(1);
    const results = JSON.parse(readFileSync(join(report, 'results.json'), 'utf8'));
    expect(Object.keys(results.checks)).toEqual(['list-append']);
    expect(results.models.serializable).toMatchObject({ status: 'ruled-out', checker: 'list-append' });
    expect(results.models['strict-serializable'].status).toBe('ruled-out');
    expect(results.anomalies.map((a: { kind: string }) => a.kind)).toContain('G2-item');
    expect(results.stats.ops).toBe(3);
  });

  it('--model asks whether one model holds: write skew rules out serializability but not snapshot isolation', async () => {
    const serializable = await runCliProcess(['check', WRITE_SKEW, '--model', 'serializable']);
    expect(serializable.code).toBe(1);
    expect(serializable.stdout).toMatch(/^serializable: ruled out \(.*G2-item.*\)$/m);
    const si = await runCliProcess(['check', WRITE_SKEW, '--model', 'snapshot-isolation']);
    expect(si.code).toBe(0);
    expect(si.stdout).toMatch(/^snapshot-isolation: holds$/m);
    const rc = await checkFile(WRITE_SKEW, { model: 'read-committed' });
    expect([rc.checker, rc.exitCode]).toEqual(['list-append', 0]);
  });

  it('--model with an rw-register history picks rw-register, the checker its micro-ops fit: write skew is not serializable', async () => {
    // T0 writes x=0, y=0; then T1 and T2 both read x=0, y=0, and T1 writes y=1 while T2 writes x=2.
    const txn = (index: number, process: number, type: string, value: unknown[]) => ({ index, time: index, process, type, f: 'txn', value });
    const [r1, r2] = [[['r', 'x', null], ['r', 'y', null], ['w', 'y', 1]], [['r', 'x', null], ['r', 'y', null], ['w', 'x', 2]]];
    const ws = write(
      'ws.jsonl',
      [
        txn(0, 0, 'invoke', [['w', 'x', 0], ['w', 'y', 0]]),
        txn(1, 0, 'ok', [['w', 'x', 0], ['w', 'y', 0]]),
        txn(2, 1, 'invoke', r1),
        txn(3, 2, 'invoke', r2),
        txn(4, 1, 'ok', [['r', 'x', 0], ['r', 'y', 0], ['w', 'y', 1]]),
        txn(5, 2, 'ok', [['r', 'x', 0], ['r', 'y', 0], ['w', 'x', 2]]),
      ].map((o) => JSON.stringify(o) + '\n').join(''),
    );
    const r = await runCliProcess(['check', ws, '--model', 'serializable']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('checker: rw-register (rules on serializable)');
    expect(r.stdout).toMatch(/^serializable: ruled out \(.*G2-item.*\)$/m);
  });

  it('--checker names any registered checker, and one that cannot read the ops is refused', async () => {
    const register = write(
      'stale.jsonl',
      [
        { index: 0, time: 0, process: 0, type: 'invoke', f: 'write', value: 1, key: 'k' },
        { index: 1, time: 1, process: 0, type: 'ok', f: 'write', value: 1, key: 'k' },
        { index: 2, time: 2, process: 1, type: 'invoke', f: 'read', value: null, key: 'k' },
        { index: 3, time: 3, process: 1, type: 'ok', f: 'read', value: null, key: 'k' },
      ].map((o) => JSON.stringify(o) + '\n').join(''),
    );
    const lin = await checkFile(register, {});
    expect([lin.checker, lin.exitCode]).toEqual(['linearizable', 1]);
    // A stale read of the initial value is allowed by causal consistency: another checker, another verdict.
    const causal = await checkFile(register, { checker: 'causal' });
    expect([causal.checker, causal.exitCode]).toEqual(['causal', 0]);
    expect(causal.results.models.causal.status).toBe('holds');
    await expect(checkFile(register, { checker: 'list-append' })).rejects.toThrow(UserError);
    await expect(checkFile(register, { checker: 'nope' })).rejects.toThrow('--checker nope: unknown checker (choose from ');
  });

  it('reads Jepsen EDN transactions with number keys, :fail and :info, and rw-register ones', async () => {
    const aborted = write(
      'aborted.edn',
      [
        '{:type :invoke, :process 0, :f :txn, :value [[:append 3 1] [:r 4 nil]]}',
        '{:type :ok, :process 0, :f :txn, :value [[:append 3 1] [:r 4 []]]}',
        '{:type :invoke, :process 1, :f :txn, :value [[:r 3 nil]]}',
        '{:type :info, :process 1, :f :txn, :value [[:r 3 nil]]}',
        '{:type :invoke, :process 2, :f :txn, :value [[:append 4 9]]}',
        '{:type :fail, :process 2, :f :txn, :value [[:append 4 9]]}',
        '{:type :invoke, :process 3, :f :txn, :value [[:r 4 nil]]}',
        '{:type :ok, :process 3, :f :txn, :value [[:r 4 [9]]]}',
      ].join('\n') + '\n',
    );
    const g1a = await checkFile(aborted, {});
    expect([g1a.checker, g1a.exitCode]).toEqual(['list-append', 1]);
    expect(g1a.result.anomalies?.map((a) => a.kind)).toEqual(['G1a']);
    expect(g1a.results.models['read-committed'].status).toBe('ruled-out');
    expect(g1a.results.models['read-uncommitted'].status).toBe('holds');
    const rw = write('rw.edn', '[{:type :invoke, :process 0, :f :txn, :value [[:w :x 1] [:r :y nil]]} {:type :ok, :process 0, :f :txn, :value [[:w :x 1] [:r :y nil]]}\n {:type :invoke, :process 1, :f :txn, :value [[:r :x nil]]} {:type :ok, :process 1, :f :txn, :value [[:r :x 1]]}]\n');
    const ok = await checkFile(rw, {});
    expect([ok.checker, ok.exitCode, ok.results.models['strict-serializable'].status]).toEqual(['rw-register', 0, 'holds']);
  });

  it('refuses a transactional history it cannot judge at the record’s file:line: a repeated append, a read that is no list', async () => {
    const lines = [
      '{:type :invoke, :process 0, :f :txn, :value [[:append :x 1]]}',
      '{:type :ok, :process 0, :f :txn, :value [[:append :x 1]]}',
      '{:type :invoke, :process 1, :f :txn, :value [[:append :x 1]]}',
      '{:type :ok, :process 1, :f :txn, :value [[:append :x 1]]}',
    ];
    const dup = write('dup.edn', lines.join('\n') + '\n');
    await expect(checkFile(dup, {})).rejects.toThrow(new UserError(`${dup}:3: appends 1 to "x", which ${dup}:1 also appends; appended values must be unique per key`));
    const notList = write('not-list.edn', [...lines.slice(0, 2), '{:type :invoke, :process 2, :f :txn, :value [[:r :x nil]]}', '{:type :ok, :process 2, :f :txn, :value [[:r :x 5]]}'].join('\n') + '\n');
    const r = await runCliProcess(['check', notList]);
    expect([r.code, r.stdout]).toEqual([254, '']);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`faultline: ${notList}:4: micro-op 0: read of "x" returned 5, not a list`);
  });

  it('--checker-opt is validated by the checker’s own schema, and --model must name a model', async () => {
    await expect(checkFile(WRITE_SKEW, { checkerOpt: ['no-such=1'] })).rejects.toThrow(/--checker-opt no-such: not an option of checker list-append/);
    await expect(checkFile(WRITE_SKEW, { checkerOpt: ['process-edges'] })).rejects.toThrow('--checker-opt "process-edges": expected key=value');
    await expect(checkFile(WRITE_SKEW, { model: 'acid' })).rejects.toThrow(/^--model acid: expected a consistency model \(strict-serializable, /);
    await expect(checkFile(WRITE_SKEW, { model: 'cas-register' })).rejects.toThrow('--model cas-register: a linearizability spec, but checker list-append takes none');
  });
});
