/**
 * Benchmark of the elle engine (list-append), checking strict serializability (process and real-time
 * edges, every anomaly class):
 *  1. 100,000 transactions (~4 micro-ops, rotating key pool): transactions per second, on the first
 *     run and warm (the best of three more), by wall clock and by CPU time (on a shared, loaded machine
 *     the CPU time is the steadier figure);
 *  2. 1,000,000 transactions: time, and memory per 100,000 transactions (the history itself, and what
 *     the check adds at its peak, from the process's resident size) next to the same for 100,000;
 *  3. the 100,000-transaction history with injected stale reads (each leaves out an append that
 *     completed before the read began), so that cycles must be found and explained: the slow path.
 * Each size runs in a child process of its own so that memory figures do not mix.
 *
 *   npm run bench:elle
 *   node dist/bench/elle.js --one N [--inject K] [--runs R]   one measurement (used by the above)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import type { Op } from '../src/core/op.js';
import { checkListAppend } from '../src/elle/index.js';
import { appendHistory } from './elle-history.js';

const OPTS = { process: true, realtime: true, budget: 1_000_000 };
const MB = 1024 * 1024;

/** Leaves out, in `k` reads spread over the history, the last element whose append completed before the read's transaction began. */
function injectStaleReads(h: Op[], k: number): number {
  const completedAt = new Map<string, number>();
  const invokeAt = new Map<number | string, number>();
  let injected = 0;
  const every = Math.max(1, Math.floor(h.length / k));
  for (let i = 0; i < h.length; i++) {
    const op = h[i];
    if (op.type === 'invoke') invokeAt.set(op.process, i);
    if (op.type !== 'ok') continue;
    const mops = op.value as [string, number, unknown][];
    if (i >= (injected + 1) * every && injected < k) {
      const start = invokeAt.get(op.process) as number;
      for (const m of mops) {
        const list = m[0] === 'r' ? (m[2] as number[]) : [];
        const cut = list.findLastIndex((v) => (completedAt.get(`${m[1]}/${v}`) ?? Infinity) < start);
        if (cut >= 0 && mops.filter((x) => x[1] === m[1]).length === 1) {
          m[2] = list.slice(0, cut);
          injected++;
          break;
        }
      }
    }
    for (const m of mops) if (m[0] === 'append') completedAt.set(`${m[1]}/${m[2]}`, i);
  }
  return injected;
}

function one(n: number, inject: number, runs: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  const h = appendHistory({ txns: n, seed: 7 });
  const injected = inject > 0 ? injectStaleReads(h, inject) : 0;
  gc?.();
  const withHistory = process.memoryUsage();
  const before = withHistory.rss;
  const times: { wall: number; cpu: number; r: ReturnType<typeof checkListAppend> }[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    const r = checkListAppend(h, OPTS);
    const cpu = process.cpuUsage(cpu0);
    times.push({ wall: performance.now() - t, cpu: (cpu.user + cpu.system) / 1000, r });
    if (i === 0) peak = process.resourceUsage().maxRSS * 1024;
  }
  const rate = (ms: number): string => `${Math.round(n / (ms / 1000)).toLocaleString('en')} txn/s`;
  const show = (x: (typeof times)[number]): string =>
    `${x.wall.toFixed(0)} ms wall (${rate(x.wall)}), ${x.cpu.toFixed(0)} ms CPU (${rate(x.cpu)}) ` +
    `[extract ${x.r.ms.extract.toFixed(0)}, graph+checks ${x.r.ms.graph.toFixed(0)}, cycles ${x.r.ms.cycles.toFixed(0)} ms wall]`;
  const { r } = times[0];
  const kinds = new Map<string, number>();
  for (const a of r.anomalies) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  const per100k = (bytes: number): string => ((bytes / MB) * (100_000 / n)).toFixed(1);
  const warm = times.slice(1).sort((a, b) => a.cpu - b.cpu)[0];
  console.log(`${n.toLocaleString('en')} txns${inject ? ` with ${injected} stale reads` : ''}: ${r.stats.microOps.toLocaleString('en')} micro-ops, ${r.stats.edges.toLocaleString('en')} edges, ${r.stats.components} cyclic components (largest ${r.stats.largestComponent})`);
  console.log(`  first run:  ${show(times[0])}`);
  if (warm) console.log(`  warm (best of ${runs - 1}): ${show(warm)}`);
  console.log(`  memory per 100k txns: history ${per100k(withHistory.heapUsed - base.heapUsed)} MB of heap; the first check at most +${per100k(Math.max(0, peak - before))} MB resident at its peak`);
  console.log(`  anomalies: ${[...kinds].map(([k, c]) => `${k} ${c}`).join(', ') || 'none'}`);
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  const opt = (name: string, def: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
  one(Number(args[1]), opt('--inject', 0), opt('--runs', 1));
} else {
  const self = fileURLToPath(import.meta.url);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  for (const a of [['100000', '--runs', '4'], ['1000000'], ['100000', '--inject', '100', '--runs', '2'], ['100000', '--inject', '2000', '--runs', '2']]) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', self, '--one', ...a], { encoding: 'utf8' });
    process.stdout.write(r.stdout + r.stderr);
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}
