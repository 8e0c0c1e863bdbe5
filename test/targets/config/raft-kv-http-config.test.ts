/**
 * A config-file target using the `raft-kv-http` client: raft-kv's own server, described in YAML as
 * an absolute `node` binary with the compiled server as its first argument and a per-link peer list,
 * under partitions and kills through the CLI; then `--replay` of that run from another directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPath } from '../../../src/core/paths.js';
import { runCliProcess } from '../../support/cli.js';
import { killAlive, recordedNodePids } from '../../support/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-raft-kv-http-'));
afterAll(() => {
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (d.name === 'pids.json') killAlive(recordedNodePids(d.parentPath));
  }
  rmSync(dir, { recursive: true, force: true });
});

const TARGET = `name: raft-kv-file
description: raft-kv's server, described in a file
program:
  binary: ${process.execPath}
  debianPackage: nodejs
args:
  - ${compiledPath('targets/raft-kv/server.ts')}
  - --id
  - "{name}"
  - --listen
  - "{host}:{clientPort}"
  - --peer-listen
  - "{host}:{peerPort}"
  - --peers
  - "{peers}"
  - --data-dir
  - "{dataDir}"
  - --clock-offset-file
  - "{clockOffsetFile}"
peers:
  template: "{name}={peerHost}:{peerPort}"
  include: others
ready:
  http: /status
faults:
  perLinkPeers: true
  clock: offset-file
client:
  type: raft-kv-http
`;

const results = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
const history = (runDir: string) => readFileSync(join(runDir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('a config target with the raft-kv-http client', () => {
  it('runs raft-kv from a file under partitions and kills, valid, and --replay repeats it from elsewhere', async () => {
    const cwd = join(dir, 'work');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'raft-kv.yaml'), TARGET);
    const args = ['run', '--target', './raft-kv.yaml', '--nemesis', 'partition,kill', '--time-limit', '5', '--seed', '8', '--no-progress', '--reports-dir', join(dir, 'reports')];
    const first = await runCliProcess(args, { cwd, timeoutMs: 120_000 });
    expect(first.code).toBe(0);
    const runDir = join(dir, 'reports', 'latest');
    const r = results(runDir);
    expect(r.valid).toBe(true);
    const h = history(runDir);
    // Ops went through (how many depends on the shared machine's load; nothing waits for a leader before the load).
    expect(h.filter((op) => op.process !== 'nemesis' && op.type === 'ok').length).toBeGreaterThan(0);
    expect(h.some((op) => op.process === 'nemesis' && op.f === 'start-partition' && op.type === 'ok')).toBe(true);
    const test = JSON.parse(readFileSync(join(runDir, 'test.json'), 'utf8'));
    expect(test.options.target).toBe(join(cwd, 'raft-kv.yaml'));
    expect(test.targetDescription).toMatch(/client raft-kv-http\)$/);
    const firstDir = realpathSync(runDir);
    expect(firstDir).toContain(join('reports', 'raft-kv-file-register'));

    // The stored command names the file by its absolute path, so replay works from any directory.
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const again = await runCliProcess(['run', '--replay', firstDir, '--no-progress', '--reports-dir', join(dir, 'reports')], { cwd: elsewhere, timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    const replayed = JSON.parse(readFileSync(join(dir, 'reports', 'latest', 'test.json'), 'utf8'));
    expect(realpathSync(join(dir, 'reports', 'latest'))).not.toBe(firstDir);
    expect(replayed.options).toEqual(test.options);
    expect(results(join(dir, 'reports', 'latest')).valid).toBe(true);
  });
});
