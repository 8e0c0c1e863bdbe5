/**
 * A third-party target whose binary is missing is refused before anything starts: one line naming
 * the Debian package to install, exit 254, nothing printed on stdout (not even the run's first line)
 * and nothing stored. The binary is hidden by running faultline with a PATH that lacks it (an empty
 * directory), as on a machine without the package. The refusal comes from the runtime's check of the
 * target's program (`Runtime.check`), the same for every target.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli.js';

let cwd: string;
let emptyBin: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-prereq-'));
  emptyBin = `${cwd}-bin`;
  mkdirSync(emptyBin);
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
  rmSync(emptyBin, { recursive: true, force: true });
});

describe('a missing target binary', () => {
  it.each([
    ['etcd', 'etcd is not installed: etcd is not on PATH; install it with `sudo apt-get install etcd-server` (Debian/Ubuntu)'],
    ['redis', 'redis is not installed: redis-server is not on PATH; install it with `sudo apt-get install redis-server` (Debian/Ubuntu)'],
  ])('--target %s: names the Debian package, exits 254, prints, starts and stores nothing else', async (target, message) => {
    const r = await runCliProcess(['run', '--target', target, '--workload', 'register', '--time-limit', '1'], { cwd, env: { PATH: emptyBin } });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(`faultline: ${message}`);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--target-opt binary= naming no program says so with the package', async () => {
    const r = await runCliProcess(['run', '--target', 'redis', '--target-opt', 'binary=/nonexistent/redis-server'], { cwd });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe('faultline: --target-opt binary=/nonexistent/redis-server: no such redis binary (install redis with `sudo apt-get install redis-server`)');
    expect(r.stdout).toBe('');
  });
});
