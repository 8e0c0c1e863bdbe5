import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { runCliProcess } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-analyze-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = runOptionsSchema.parse({
  target: 'raft-kv', workload: 'register', nodes: 3, concurrency: 2, timeLimit: 1, seed: 1, rate: 0, opTimeout: 1,
});

/** A stored, finished run whose history is: p0 writes 1 (ok); then p1 reads `seen`. */
function storeRun(seen: number | null, ended = true, name = 'run'): string {
  const run = join(dir, name);
  mkdirSync(run, { recursive: true });
  writeFileSync(join(run, 'test.json'), JSON.stringify({ name: 'x', options, ...(ended ? { endedAt: '2026-01-01T00:00:00.000Z' } : {}) }));
  const ops: Op[] = [
    { index: 0, time: 0, process: 0, type: 'invoke', f: 'write', value: 1, key: 'k0' },
    { index: 1, time: 10, process: 0, type: 'ok', f: 'write', value: 1, key: 'k0' },
    { index: 2, time: 20, process: 1, type: 'invoke', f: 'read', value: null, key: 'k0' },
    { index: 3, time: 30, process: 1, type: 'ok', f: 'read', value: seen, key: 'k0' },
  ];
  writeFileSync(join(run, 'history.jsonl'), ops.map((o) => JSON.stringify(o)).join('\n') + '\n');
  return run;
}

describe('faultline analyze', () => {
  it('judges a stored history valid and writes results.json (exit 0)', async () => {
    const run = storeRun(1);
    const r = await runCliProcess(['analyze', run]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(run, 'results.json'), 'utf8')).valid).toBe(true);
  });

  it('finds a stale read in a stored history (exit 1)', async () => {
    const run = storeRun(null);
    const r = await runCliProcess(['analyze', run]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INVALID');
    const results = JSON.parse(readFileSync(join(run, 'results.json'), 'utf8'));
    expect(results.anomalies[0]).toMatchObject({ kind: 'nonlinearizable', key: 'k0', checker: 'linearizable' });
    // junit.xml is rewritten with the new verdict, the anomaly's text in its failure; the summary gives the seed.
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(run, 'junit.xml'), 'utf8'));
    const checker = [junit.testsuites.testsuite.testcase].flat().find((c: any) => c.classname === 'faultline.checker');
    expect(checker.failure['#text']).toContain(`[nonlinearizable] key k0: ${results.anomalies[0].explanation}`);
    expect(r.stdout).toMatch(/^seed {9}1 \(same choices again: faultline run --replay /m);
  });

  it('points at the malformed line of a damaged history (exit 254)', async () => {
    const run = storeRun(1);
    writeFileSync(join(run, 'history.jsonl'), '{"index":0}\n{"index":1}\n');
    const r = await runCliProcess(['analyze', run]);
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toMatch(/history\.jsonl:1: expected an op: field "time"/);
  });

  it('gives the same exit code (254) and file:line as check for unpaired ops', async () => {
    const run = storeRun(1);
    const file = join(run, 'history.jsonl');
    const ops = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, [ops[0], ops[2], ops[3], ops[3].replace('"index":3', '"index":4')].join('\n') + '\n'); // p0's write never completes; p1 completes its read twice
    const analyzed = await runCliProcess(['analyze', run]);
    const checked = await runCliProcess(['check', file, '--format', 'jsonl', '--model', 'cas-register']);
    const message = `faultline: ${file}:4: expected an invoke before this ok read of process 1, found none in flight`;
    expect([analyzed.code, analyzed.stderr.trim()]).toEqual([254, message]);
    expect([checked.code, checked.stderr.trim()]).toEqual([254, message]);
  });

  it('gives the same exit code (254) and file:line as check for a value the model cannot use', async () => {
    const run = storeRun(1);
    const file = join(run, 'history.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"value":1,"key":"k0"}\n{"index":1', '"value":{"a":1},"key":"k0"}\n{"index":1'));
    const message = `faultline: ${file}:1: expected the write's value to be a number, string or nil, found {"a":1}`;
    const analyzed = await runCliProcess(['analyze', run]);
    const checked = await runCliProcess(['check', file, '--format', 'jsonl', '--model', 'cas-register']);
    expect([analyzed.code, analyzed.stderr.trim()]).toEqual([254, message]);
    expect([checked.code, checked.stderr.trim()]).toEqual([254, message]);
  });

  it('refuses a complete malformed last line instead of dropping it (exit 254)', async () => {
    const run = storeRun(1);
    const file = join(run, 'history.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"type":"ok","f":"read"', '"type":"OK","f":"read"'));
    const r = await runCliProcess(['analyze', run]);
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toMatch(new RegExp(`^faultline: ${file}:4: expected an op: field "type"`));
  });

  it('still drops a torn (unterminated) last line with a warning and checks the rest', async () => {
    const run = storeRun(null);
    const file = join(run, 'history.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8') + '{"index":4,"time":40,"proc');
    const r = await runCliProcess(['analyze', run]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`warning: ${file}:5: torn last line ignored`));
  });

  it('refuses an empty history: nothing to check (exit 254)', async () => {
    const run = storeRun(1);
    writeFileSync(join(run, 'history.jsonl'), '');
    const r = await runCliProcess(['analyze', run]);
    expect([r.code, r.stderr.trim()]).toEqual([254, `faultline: ${join(run, 'history.jsonl')}: the history holds no operations; nothing to check`]);
  });

  it('says the history of a run that never finished is cut short, and gives unknown (exit 2) for a valid prefix', async () => {
    const run = storeRun(1, false);
    // As a SIGKILLed harness leaves it: an op invoked and never completed, and half a line.
    const open: Op = { index: 4, time: 40, process: 0, type: 'invoke', f: 'write', value: 2, key: 'k0' };
    writeFileSync(join(run, 'history.jsonl'), readFileSync(join(run, 'history.jsonl'), 'utf8') + JSON.stringify(open) + '\n{"index":5,"ti');
    const r = await runCliProcess(['analyze', run]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^history +cut short: the harness ended without finishing the run \(test\.json has no endedAt\); 1 op invoked and never completed, its last line torn$/m);
    expect(r.stdout).toMatch(/^verdict +unknown \(interrupted; the history recorded until then is valid\)$/m);
    const results = JSON.parse(readFileSync(join(run, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ valid: true, interrupted: true });
    expect(results.cutShort).toMatch(/no endedAt/);
    // A finished run with the same valid history is valid (exit 0), not cut short.
    const finished = await runCliProcess(['analyze', storeRun(1, true, 'finished')]);
    expect(finished.code).toBe(0);
    expect(finished.stdout).not.toContain('cut short');
  });
});
