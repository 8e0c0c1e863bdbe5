/**
 * A third-party target whose binary is missing is refused before anything starts: one line naming
 * the Debian package to install, exit 254, nothing stored. The binary is hidden by running faultline
 * with a PATH that lacks it (an empty directory), as on a machine without the package.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findsProgram, missingProgram } from '../../src/core/installed.js';
import { runCliProcess } from '../support/cli.js';

let cwd: string;
let emptyBin: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-prereq-'));
  emptyBin = join(cwd, '..', `${cwd.split('/').pop()}-bin`);
  mkdirSync(emptyBin);
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
  rmSync(emptyBin, { recursive: true, force: true });
});

describe('a missing target binary', () => {
  it.each([
    ['etcd', 'etcd is not installed: install it with `sudo apt-get install etcd-server` (Debian/Ubuntu) or put an etcd 3.4+ binary on PATH'],
    ['redis', 'Redis is not installed: install it with `sudo apt-get install redis-server` (Debian/Ubuntu) or put a redis-server 7+ binary on PATH'],
  ])('--target %s: names the Debian package, exits 254, starts and stores nothing', async (target, message) => {
    const r = await runCliProcess(['run', '--target', target, '--workload', 'register', '--time-limit', '1'], { cwd, env: { PATH: emptyBin } });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe(`faultline: ${message}`);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('--target-opt binary= naming no program says so with the package', async () => {
    const r = await runCliProcess(['run', '--target', 'redis', '--target-opt', 'binary=/nonexistent/redis-server'], { cwd });
    expect(r.code).toBe(254);
    expect(r.stderr.trim()).toBe('faultline: --target-opt binary=/nonexistent/redis-server: no such Redis binary (install Redis with `sudo apt-get install redis-server`)');
  });
});

describe('findsProgram', () => {
  it('finds an executable file on the PATH given, and only that', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-path-'));
    try {
      writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
      writeFileSync(join(dir, 'plain'), 'not executable');
      chmodSync(join(dir, 'tool'), 0o755);
      mkdirSync(join(dir, 'folder'));
      chmodSync(join(dir, 'folder'), 0o755);
      expect(findsProgram('tool', `/nonexistent:${dir}`)).toBe(true);
      expect(findsProgram('plain', dir)).toBe(false);
      expect(findsProgram('folder', dir)).toBe(false);
      expect(findsProgram('tool', '/nonexistent')).toBe(false);
      expect(findsProgram(join(dir, 'tool'), '')).toBe(true);
      expect(missingProgram({ binary: 'tool', defaultBinary: 'tool', product: 'Tool', debianPackage: 'tool-pkg', alternative: 'a tool' }, dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
