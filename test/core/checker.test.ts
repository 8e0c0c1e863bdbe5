/** safeCheck: a checker never throws at its caller; a refusal of bad input keeps its one-line message. */
import { describe, expect, it } from 'vitest';
import { safeCheck, type Checker } from '../../src/core/checker.js';
import { UserError } from '../../src/core/errors.js';

const test = { name: 't', workload: 'w', target: 't', concurrency: 1, seed: 1 };
const throwing = (e: unknown): Checker => ({
  async check() {
    throw e;
  },
});

describe('safeCheck', () => {
  it('turns a UserError into unknown with its message alone, no stack', async () => {
    const r = await safeCheck(throwing(new UserError('op 4: writes 1 to key "x", which op 0 already wrote')), test, []);
    expect(r).toEqual({ valid: 'unknown', error: 'cannot check: op 4: writes 1 to key "x", which op 0 already wrote' });
  });

  it('reports any other exception as a crash, with its stack', async () => {
    const r = await safeCheck(throwing(new Error('boom')), test, []);
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/^checker crashed: Error: boom\n\s+at /);
  });
});
