/**
 * The verdict plumbing every checker goes through: an exception, a missing checker or an unknown
 * part is never turned into `valid`, and each verdict has its own exit code.
 */
import { describe, expect, it } from 'vitest';
import { exitCodeFor, mergeValidity, safeCheck, type Checker, type TestInfo, type Validity } from '../../src/core/checker.js';
import { UserError } from '../../src/core/errors.js';
import { checkHistory } from '../../src/runner/results.js';
import type { Op } from '../../src/core/op.js';

const test: TestInfo = { name: 't', workload: 'register', target: 'raft-kv', concurrency: 1, seed: 1 };
const fixed = (valid: Validity): Checker => ({ check: async () => ({ valid }) });
const throwing: Checker = {
  check: async () => {
    throw new Error('boom');
  },
};
const ALL: Validity[] = [true, false, 'unknown'];

describe('verdicts', () => {
  it('exit codes: 0 valid, 1 invalid, 2 unknown', () => {
    expect(ALL.map(exitCodeFor)).toEqual([0, 1, 2]);
  });

  it('merging: any false is false, else any unknown is unknown, else true', () => {
    for (const a of ALL) {
      for (const b of ALL) {
        const want = a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true;
        expect(mergeValidity([a, b]), `${a}, ${b}`).toBe(want);
      }
    }
    expect(mergeValidity([])).toBe(true);
  });

  it('a checker that throws is unknown, with the error and its stack', async () => {
    const r = await safeCheck(throwing, test, []);
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/^checker crashed: Error: boom\n\s+at /);
  });

  it('a checker refusing bad input (UserError) is unknown with its one-line message alone, no stack, naming the op it cannot judge', async () => {
    const refusing: Checker = {
      check: async () => {
        throw new UserError('op 4: writes 1 to key "x", which op 0 already wrote');
      },
    };
    expect(await safeCheck(refusing, test, [])).toEqual({
      valid: 'unknown',
      error: 'cannot check: op 4: writes 1 to key "x", which op 0 already wrote',
      badOp: { index: 4, reason: 'writes 1 to key "x", which op 0 already wrote' },
    });
  });

  it('a run’s results: unknown with no checker at all, or with an unknown one', async () => {
    // One op that succeeded (a history with none is unknown whatever the checkers say: no-success.test.ts).
    const h: Op[] = [{ index: 0, time: 0, process: 0, type: 'invoke', f: 'read', key: 'x', value: null }, { index: 1, time: 1, process: 0, type: 'ok', f: 'read', key: 'x', value: null }];
    expect((await checkHistory({}, [], test, h)).valid).toBe('unknown');
    expect((await checkHistory({ a: fixed(true), b: fixed('unknown') }, [], test, h)).valid).toBe('unknown');
    expect((await checkHistory({ a: fixed(true), b: throwing }, [], test, h)).valid).toBe('unknown');
    expect((await checkHistory({ a: fixed('unknown'), b: fixed(false) }, [], test, h)).valid).toBe(false);
    expect((await checkHistory({ a: fixed(true) }, [], test, h)).valid).toBe(true);
  });
});
