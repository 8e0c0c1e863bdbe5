/**
 * Benchmark of the set-full checker on 1,000,000 adds (checker time only: the history is generated
 * before the clock starts), in two shapes: many small sets (1000 keys × 1000 adds) and a few large
 * ones (10 keys × 100,000 adds). Both read each key every so often from a lagging node (so there are
 * stale elements to time) and end with a final read of every key from each of 3 nodes
 * (`set-history.ts`). Prints wall and CPU milliseconds of the first run (cold: nothing compiled yet,
 * as in a `faultline run`) and the median of the next runs (warm), the elements read, and the verdict.
 *
 *   npm run bench:set-full
 */
import { setFullChecker } from '../src/checkers/set-full.js';
import type { Op } from '../src/core/op.js';
import { setHistory, type SetHistoryOptions } from './set-history.js';

const test = { name: 'bench', workload: 'set', target: 'generated', concurrency: 3, seed: 1 };
const WARM = 2;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;

async function timed(history: Op[]) {
  const checker = setFullChecker({ models: ['eventual'], maxAnomalies: 20 });
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await checker.check(test, history, {});
  const u = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (u.user + u.system) / 1000, out };
}

async function row(label: string, o: SetHistoryOptions): Promise<void> {
  const history = setHistory(o);
  const read = history.reduce((n, op) => n + (op.f === 'read' && op.type === 'ok' ? (op.value as unknown[]).length : 0), 0);
  const reads = history.filter((op) => op.f === 'read' && op.type === 'ok').length;
  const cold = await timed(history);
  const warm = [];
  for (let i = 0; i < WARM; i++) warm.push(await timed(history));
  const s = cold.out.stats as Record<string, unknown>;
  console.log(`${label}: ${history.length} records, ${reads} reads returning ${read} elements in all`);
  console.log(`  set-full  cold ${ms(cold.wall)} (cpu ${ms(cold.cpu)})   warm ${ms(median(warm.map((w) => w.wall)))} (cpu ${ms(median(warm.map((w) => w.cpu)))})`);
  console.log(
    `  valid ${String(cold.out.valid)}; acknowledged ${s.acknowledged}, stable ${s.stable}, stale ${s.stale}, lost ${s.lost}, uncertain ${s.uncertain}; visibility ms ${JSON.stringify(s.visibilityMs)}`,
  );
}

await row('1,000,000 adds, 1000 keys × 1000, a read per key every 50 adds', { adds: 1_000_000, keys: 1000, readEvery: 50, lag: 20 });
await row('1,000,000 adds, 10 keys × 100,000, a read per key every 5000 adds', { adds: 1_000_000, keys: 10, readEvery: 5000, lag: 200 });
