/**
 * What a person watching a real short run sees (raft-kv, 3 s, partitions), captured from a stream that
 * says it is a TTY: the phases in order, the countdown starting with the load, the faults in force,
 * the ops/s the summary stores — and harness.log recording every nemesis op, and "partition healed"
 * only when a partition was in force.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/core/history-reader.js';
import { runTest } from '../../src/runner/run.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { PHASES } from '../../src/runner/phase.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

let reports: string;
let pids: number[] = [];
beforeAll(() => {
  reports = mkdtempSync(join(tmpdir(), 'faultline-progress-'));
});
afterAll(() => {
  killAlive(pids);
  rmSync(reports, { recursive: true, force: true });
});

describe('progress of a real run', () => {
  it('shows the phases, the faults in force and the ops/s of the summary; harness.log has every nemesis op', async () => {
    const chunks: string[] = [];
    const out = { isTTY: true, columns: 500, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WritableStream & { isTTY: boolean };
    const o = runOptionsSchema.parse({
      target: 'raft-kv', workload: 'register', nemesis: ['partition'], nodes: 3, concurrency: 3, timeLimit: 3, seed: 4, rate: 0, opTimeout: 2,
      nemesisOpts: { settle: '1' }, reportsDir: reports,
    });
    const { dir, results, failure } = await runTest(o, { out, progress: true });
    pids = recordedNodePids(dir);
    expect(failure).toBeUndefined();
    expect(pids.filter(processAlive)).toEqual([]);

    const lines = chunks.map((c) => c.replace(/^\r\x1b\[K/, '').replace(/\n$/, ''));
    expect(chunks.every((c) => c.startsWith('\r\x1b[K'))).toBe(true);
    const phaseOf = (l: string) => PHASES.find((p) => l.startsWith(p));
    expect(lines.every((l) => phaseOf(l) !== undefined)).toBe(true);
    const order = lines.map(phaseOf).filter((p, i, a) => p !== a[i - 1]);
    // The register workload's final phase reads back every key written.
    expect(order).toEqual(['starting cluster', 'load', 'healing', 'settling', 'final reads', 'stopping cluster', 'checking']);
    // The countdown belongs to the load: none while the cluster starts; the load's starts at the time limit.
    expect(lines.filter((l) => l.startsWith('starting cluster')).some((l) => l.includes('left'))).toBe(false);
    expect(lines.find((l) => l.startsWith('load'))).toMatch(/^load {2}3 s left {2}·/);
    expect(lines.find((l) => l.startsWith('settling'))).toMatch(/^settling {2}1 s left {2}·/);
    expect(lines.at(-1)).toMatch(new RegExp(`^checking ${results.stats.ops} ops  ·  ops ${results.stats.ops} \\(ok ${results.stats.ok} fail ${results.stats.fail} info ${results.stats.info}\\)  ·  ${Math.round(results.stats.opsPerSec)} ops/s  ·  faults: none$`));
    expect(lines.some((l) => /faults: partition \S+/.test(l))).toBe(true);

    // harness.log: every nemesis op, invoke and completion with its value.
    const log = readFileSync(join(dir, 'harness.log'), 'utf8');
    const history = await readHistory(join(dir, 'history.jsonl'));
    const nemesisOps = history.filter((op) => op.process === 'nemesis');
    expect(nemesisOps.length).toBeGreaterThanOrEqual(4);
    for (const op of nemesisOps) {
      const line = op.type === 'invoke' ? `nemesis invoke ${op.f} ${JSON.stringify(op.value)}` : `nemesis ${op.type} ${op.f} ${JSON.stringify(op.value)}`;
      expect(log).toContain(line);
    }
    // "partition healed" once per stop-partition that undid a partition, never for the idempotent final heals.
    const undid = nemesisOps.filter((op) => op.f === 'stop-partition' && op.type === 'ok' && Object.keys((op.value as { healed: object }).healed).length > 0);
    expect(undid.length).toBeGreaterThan(0);
    expect(log.match(/ partition healed/g)?.length).toBe(undid.length);
    for (const p of ['healing', 'settling (1 s)']) expect(log).toContain(`phase: ${p}`);
  });
});
