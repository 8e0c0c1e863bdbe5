/**
 * A target's program on the harness host: found on PATH or at its path, or refused in one line naming
 * the Debian package (or the build step); the command that runs it; its files put in place. Real
 * files in a temporary directory stand in for installed binaries.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compiledPath } from '../../src/core/paths.js';
import { findOnPath, hostCommand, hostProgramMissing, placeFiles } from '../../src/runtimes/host-program.js';
import { etcdOptionsSchema, etcdTarget } from '../../targets/etcd/index.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-program-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('programs on the harness host', () => {
  it('finds an executable on PATH or at its path, not a file that is not executable', () => {
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'tool'), 0o755);
    writeFileSync(join(dir, 'plain'), 'data');
    expect(findOnPath('tool', `/nonexistent:${dir}`)).toBe(join(dir, 'tool'));
    expect(findOnPath('plain', dir)).toBeUndefined();
    expect(findOnPath(join(dir, 'tool'), '')).toBe(join(dir, 'tool'));
    expect(findOnPath('tool', '/nonexistent')).toBeUndefined();
  });

  it('refuses a missing binary naming the Debian package, and the option that chose it', () => {
    const original = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(hostProgramMissing('etcd', etcdTarget.program(etcdOptionsSchema.parse({})))).toBe(
        'etcd is not installed: etcd is not on PATH; install it with `sudo apt-get install etcd-server` (Debian/Ubuntu)',
      );
    } finally {
      process.env.PATH = original;
    }
    expect(hostProgramMissing('etcd', etcdTarget.program(etcdOptionsSchema.parse({ binary: '/opt/nothing/etcd' })))).toBe(
      '--target-opt binary=/opt/nothing/etcd: no such etcd binary (install etcd with `sudo apt-get install etcd-server`)',
    );
    expect(hostProgramMissing('tool', { kind: 'binary', name: join(dir, 'absent'), debianPackage: 'tool-pkg' })).toBe(
      `tool is not installed: ${join(dir, 'absent')} is not at ${join(dir, 'absent')}; install it with \`sudo apt-get install tool-pkg\` (Debian/Ubuntu)`,
    );
  });

  it('refuses a Node script that is not built, naming the file and the build', () => {
    expect(hostProgramMissing('x', { kind: 'node-script', script: 'targets/none/server.ts' })).toBe(
      `x is not built: ${compiledPath('targets/none/server.ts')} is missing; run \`npm run build\``,
    );
    expect(hostProgramMissing('raft-kv', raftKvTarget.program({} as never))).toBeUndefined(); // tests run on a build
  });

  it('runs a Node script with this Node and its compiled file, a binary by its name', () => {
    expect(hostCommand({ kind: 'node-script', script: 'targets/raft-kv/server.ts' }, { args: ['--id', 'n1'] })).toEqual({
      command: process.execPath,
      args: [compiledPath('targets/raft-kv/server.ts'), '--id', 'n1'],
    });
    expect(hostCommand({ kind: 'binary', name: 'etcd', debianPackage: 'etcd-server' }, { args: ['--name', 'n1'] })).toEqual({ command: 'etcd', args: ['--name', 'n1'] });
  });

  it('puts files in place, relative to the working directory or absolute, with their mode', () => {
    placeFiles({ files: [{ path: 'conf/a.conf', content: 'port 1\n' }, { path: join(dir, 'abs', 'b'), content: 'b', mode: 0o600 }] }, dir);
    expect(readFileSync(join(dir, 'conf', 'a.conf'), 'utf8')).toBe('port 1\n');
    expect(readFileSync(join(dir, 'abs', 'b'), 'utf8')).toBe('b');
    expect(statSync(join(dir, 'abs', 'b')).mode & 0o777).toBe(0o600);
  });
});
