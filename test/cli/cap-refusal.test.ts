/**
 * `faultline cap` refuses a plan whose runs `run` would refuse before it prints a row or makes the cap
 * directory: etcd on the local runtime cannot be partitioned (one shared peer list), so cap exits 254
 * with one line naming the configuration, and reports/ stays empty. Nothing is started.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-cap-refusal-'));
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('faultline cap, refused up front', () => {
  it('refuses a partition the runtime cannot apply in one line, exit 254, creating nothing', async () => {
    const r = await runCliProcess(['cap', '--target', 'etcd', '--time-limit', '2'], { cwd, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(254);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^faultline: cap configuration \S+: nemesis partition: target etcd takes one shared peer list/);
    expect(existsSync(join(cwd, 'reports'))).toBe(false);
  });
});
