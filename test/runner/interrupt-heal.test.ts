import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/core/history-reader.js';
import { startCliProcess } from '../support/cli.js';
import { expectWellFormed } from '../support/history-shape.js';
import { processAlive } from '../support/processes.js';

let cwd: string;
let harness: ChildProcess | undefined;
let nodePids: number[] = [];

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-heal-'));
});
afterEach(() => {
  if (harness && harness.exitCode === null && harness.signalCode === null) harness.kill('SIGKILL');
  for (const pid of nodePids.filter(processAlive)) process.kill(pid, 'SIGKILL');
  nodePids = [];
  rmSync(cwd, { recursive: true, force: true });
});

const runDir = () => join(cwd, 'reports', 'latest');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exited = (p: ChildProcess) => new Promise<number | null>((r) => p.once('exit', (code) => r(code)));

/** Resolves true if something accepts a TCP connection on `port`. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

/** Waits (bounded) until the history records a completed fault of `f`. */
async function waitForFault(f: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const file = join(runDir(), 'history.jsonl');
    if (existsSync(file) && readFileSync(file, 'utf8').includes(`"type":"ok","f":"${f}"`)) return;
    if (harness?.exitCode !== null) throw new Error(`harness exited early (${harness?.exitCode})`);
    await sleep(100);
  }
  throw new Error(`no ${f} recorded`);
}

describe('stopping a run while a fault is in place', () => {
  it.each([
    ['SIGTERM', 'partition', 'start-partition'],
    ['SIGINT', 'pause', 'pause'],
  ] as const)('%s during a %s heals it, tears everything down and writes the results', async (signal, nemesis, f) => {
    harness = startCliProcess(['run', '--nemesis', nemesis, '--nemesis-interval', '0.5', '--time-limit', '120', '--no-progress', '--seed', '5'], { cwd });
    const done = exited(harness);
    await waitForFault(f);
    const record = JSON.parse(readFileSync(join(runDir(), 'pids.json'), 'utf8')) as { nodes: number[] };
    nodePids = record.nodes;
    const test = JSON.parse(readFileSync(join(runDir(), 'test.json'), 'utf8'));
    expect(test.options.nemesis).toEqual([nemesis]);
    harness.kill(signal);
    expect([0, 1, 2]).toContain(await done);

    expect(readFileSync(join(runDir(), 'harness.log'), 'utf8')).toMatch(/final heal: /);
    expect(nodePids.filter(processAlive)).toEqual([]);
    const results = JSON.parse(readFileSync(join(runDir(), 'results.json'), 'utf8'));
    expect(results.interrupted).toBe(true);
    expect(results.checks.linearizable.valid).toBe(true);
    const history = await readHistory(join(runDir(), 'history.jsonl'));
    expectWellFormed(history, { allComplete: true });
    // Every port the cluster used (nodes and link proxies) is closed again.
    const ports = [...readFileSync(join(runDir(), 'harness.log'), 'utf8').matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports.length).toBeGreaterThan(0);
    for (const port of new Set(ports)) expect(await listening(port)).toBe(false);
  });
});
