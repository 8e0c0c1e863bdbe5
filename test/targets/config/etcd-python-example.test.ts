/**
 * The worked example, as the README runs it: examples/etcd-python/target.yaml starts a real 3-node
 * etcd, and its Python client (stdlib only) speaks the process protocol, under kill and pause.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { packageRoot } from '../../../src/core/paths.js';
import { runCliProcess } from '../../support/cli.js';
import { describeWith, etcdFacility, python3Facility } from '../../support/facility.js';
import { killAlive, recordedNodePids } from '../../support/processes.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-etcd-python-'));
afterAll(() => {
  for (const d of readdirSync(reports, { recursive: true, withFileTypes: true })) {
    if (d.name === 'pids.json') killAlive(recordedNodePids(d.parentPath));
  }
  rmSync(reports, { recursive: true, force: true });
});

/**
 * pyenv's `python3` shim runs shell scripts before Python itself (seconds under load); a system Python
 * first on PATH keeps the example's start-up about what a user sees.
 */
const PATH = existsSync('/usr/bin/python3') ? `/usr/bin:${process.env.PATH}` : process.env.PATH;

describeWith([etcdFacility, python3Facility], 'examples/etcd-python', () => {
  it('tests a real etcd through the Python client under kill and pause: valid, ops recorded with their node', async () => {
    const r = await runCliProcess(
      ['run', '--target', 'examples/etcd-python/target.yaml', '--nemesis', 'kill,pause', '--nemesis-interval', '3', '--time-limit', '10', '--seed', '3', '--no-progress', '--reports-dir', reports],
      { cwd: packageRoot(), env: { PATH }, timeoutMs: 120_000 },
    );
    const runDir = join(reports, 'latest');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
    expect(results.valid).toBe(true);
    const history = readFileSync(join(runDir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const client = history.filter((op) => op.process !== 'nemesis');
    // At least one op went through: the load on a shared machine decides how many (python start-up, faults every 3 s).
    expect(client.filter((op) => op.type === 'ok').length).toBeGreaterThan(0);
    for (const op of client) expect(['n1', 'n2', 'n3']).toContain(op.node);
    expect(history.some((op) => op.process === 'nemesis' && op.f === 'kill' && op.type === 'ok')).toBe(true);

    // The run used the file's process client: test.json names the file and the client, and the
    // harness log carries what the Python processes wrote to stderr.
    const test = JSON.parse(readFileSync(join(runDir, 'test.json'), 'utf8'));
    expect(test.options.target).toBe(join(packageRoot(), 'examples/etcd-python/target.yaml'));
    expect(test.targetDescription).toMatch(/client process\)$/);
    expect(test.command).toContain(`--target ${join(packageRoot(), 'examples/etcd-python/target.yaml')}`);
    expect(readFileSync(join(runDir, 'harness.log'), 'utf8')).toMatch(/client process for n1 \(python3 client\.py http:\/\/127\.0\.0\.1:\d+\) stderr: etcd-python client client\.py: talking to/);
  });
});
