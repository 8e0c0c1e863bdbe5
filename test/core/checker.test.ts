/**
 * `safeCheck`: a checker's crash is a verdict (`unknown`), but malformed input is the user's to fix and
 * reaches the caller as the `UserError` it is, so the CLI can print its one line and exit 254.
 */
import { describe, expect, it } from 'vitest';
import { safeCheck, type Checker } from '../../src/core/checker.js';
import { UserError } from '../../src/core/errors.js';

const test = { name: 't', workload: 'w', target: 't', concurrency: 1, seed: 1 };
const throwing = (e: Error): Checker => ({
  async check() {
    throw e;
  },
});

describe('safeCheck', () => {
  it('turns a crash into an unknown verdict that says what crashed', async () => {
    const r = await safeCheck(throwing(new Error('boom')), test, []);
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/checker crashed: .*boom/);
  });

  it('lets a UserError about the input through unchanged', async () => {
    const e = new UserError('op 3: read of "x" returned 5, not a list');
    await expect(safeCheck(throwing(e), test, [])).rejects.toBe(e);
  });
});
