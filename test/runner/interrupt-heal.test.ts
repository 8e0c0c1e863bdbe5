import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/core/history-reader.js';
import { useHarnessRun } from '../support/harness-run.js';
import { expectWellFormed } from '../support/history-shape.js';
import { portClosed } from '../support/ports.js';
import { processAlive } from '../support/processes.js';

const run = useHarnessRun('faultline-heal-');
const read = (name: string) => readFileSync(join(run.runDir(), name), 'utf8');

describe('stopping a run while a fault is in place', () => {
  it.each([
    ['SIGTERM', 'partition', 'start-partition'],
    ['SIGINT', 'pause', 'pause'],
  ] as const)('%s during a %s heals it, tears everything down and writes the results', async (signal, nemesis, f) => {
    const { harness, exited } = run.start(['run', '--nemesis', nemesis, '--nemesis-interval', '0.5', '--time-limit', '120', '--no-progress', '--seed', '5']);
    await run.waitFor(() => read('history.jsonl').includes(`"type":"ok","f":"${f}"`), `a completed ${f}`, 300);
    const nodePids = run.recordNodePids();
    expect(JSON.parse(read('test.json')).options.nemesis).toEqual([nemesis]);
    harness.kill(signal);
    expect(await exited).toBe(2); // interrupted, the history valid so far: unknown

    expect(read('harness.log')).toMatch(/final heal: /);
    expect(nodePids.filter(processAlive)).toEqual([]);
    const results = JSON.parse(read('results.json'));
    expect(results.interrupted).toBe(true);
    expect(results.checks.linearizable.valid).toBe(true);
    expectWellFormed(await readHistory(join(run.runDir(), 'history.jsonl')), { allComplete: true });
    // Every port the cluster used (nodes and link proxies) is closed again.
    const ports = [...read('harness.log').matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    expect(ports.length).toBeGreaterThan(0);
    for (const port of new Set(ports)) expect(await portClosed(port)).toBe(true);
  });
});
