import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** A user mistake: exit 254, one line on stderr naming the problem, no stack trace, nothing stored. */
async function expectUserError(args: string[], message: string | RegExp, env?: NodeJS.ProcessEnv) {
  const r = await runCliProcess(args, { cwd, env });
  expect(r.code).toBe(254);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof message === 'string' ? new RegExp(`^faultline: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readdirSync(cwd)).toEqual([]);
}

describe('faultline CLI', () => {
  it('explains a malformed number', () => expectUserError(['run', '--nodes', 'abc'], '--nodes "abc": expected a whole number from 1 to 15'));
  it('explains a bad op limit', () => expectUserError(['run', '--op-limit', '-5'], '--op-limit "-5": expected a whole number from 0'));
  it('lists the choices for an unknown target', () => expectUserError(['run', '--target', 'mongo'], '--target mongo: unknown target (choose from raft-kv, etcd'));
  it('names a bad target option value', () =>
    expectUserError(['run', '--target-opt', 'read-mode=sometimes'], /^faultline: --target-opt read-mode=sometimes: .* \(for target raft-kv\)$/));
  it('wants key=value for --target-opt', () => expectUserError(['run', '--target-opt', 'fsync'], '--target-opt "fsync": expected key=value'));
  it('tells how to install a missing etcd', () =>
    expectUserError(['run', '--target', 'etcd', '--target-opt', 'binary=etcd-not-installed-here'], '--target-opt binary=etcd-not-installed-here: no such etcd binary (install etcd with `sudo apt-get install etcd-server`)'));
  it('tells which Debian package provides a missing etcd, before anything is stored', () =>
    expectUserError(['run', '--target', 'etcd'], 'etcd is not installed: etcd is not on PATH; install it with `sudo apt-get install etcd-server` (Debian/Ubuntu)', {
      PATH: '/nonexistent',
    }));
  it.each([['..'], ['.'], ['.hidden'], ['a/../../x'], ['a/b'], ['evil\x1b[2Jname'], ['tab\tname'], ['']])(
    'refuses the test name %j up front, before anything is stored (not even outside reports/)',
    (name) => expectUserError(['run', '--name', name, '--nemesis', 'none', '--time-limit', '0.5'], `--name ${JSON.stringify(name)}: expected up to 100 letters, digits, '.', '_' and '-', not starting with '.'`),
  );
  it('refuses power loss up front, in one line, when its helper is not built', () =>
    expectUserError(['run', '--nemesis', 'power-loss'], 'nemesis power-loss: the power-loss helper /nonexistent/powerloss-fs is not built (it needs fuse3, libfuse3-dev, pkg-config and a C compiler; install them, then run npm run build:native)', {
      FAULTLINE_POWERLOSS_FS: '/nonexistent/powerloss-fs',
    }));
  it('refuses an analyze of something that is not a run', () => expectUserError(['analyze', join(cwd, 'nope')], /^faultline: .*nope: no such run directory$/));

  it('rejects an unknown option with usage help and exit 254', async () => {
    const r = await runCliProcess(['run', '--colour'], { cwd });
    expect(r.code).toBe(254);
    expect(r.stderr).toContain("unknown option '--colour'");
  });

  it('derives `list` from the registries', async () => {
    const r = await runCliProcess(['list'], { cwd });
    expect(r.code).toBe(0);
    for (const word of ['targets', 'raft-kv', 'etcd', 'workloads', 'register', 'nemeses', 'power-loss', 'runtimes', 'local', 'read-mode']) expect(r.stdout).toContain(word);
  });

  it('has help a newcomer can follow', async () => {
    const top = await runCliProcess(['--help'], { cwd });
    expect(top.code).toBe(0);
    for (const cmd of ['run', 'check', 'analyze', 'list']) expect(top.stdout).toContain(cmd);
    const run = await runCliProcess(['run', '--help'], { cwd });
    expect(run.code).toBe(0);
    for (const flag of ['--target', '--workload', '--nodes', '--concurrency', '--time-limit', '--seed', '--target-opt']) expect(run.stdout).toContain(flag);
  });
});
