/**
 * Benchmark: the runner's own cost. Drives an in-process no-op client through the same path a real
 * run takes (generator → interpreter → client worker with its timeout → history writer appending
 * JSONL to disk) and prints sustained ops/s and the latency the harness adds per op (invoke record to
 * completion record, p50/p99/max).
 *
 *   npm run bench:runner -- [--seconds 10] [--workers 8]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noopClient } from '../src/core/client.js';
import { repeat, timeLimit } from '../src/core/generators/index.js';
import { openHistoryWriter } from '../src/core/history-writer.js';
import type { Op, ProcessId } from '../src/core/op.js';
import { driveClients } from '../src/runner/drive.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main() {
  const seconds = arg('seconds', 10);
  const workers = arg('workers', 8);
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
  const file = join(dir, 'history.jsonl');
  const writer = openHistoryWriter(file);
  const latencies: number[] = [];
  const invokedAt = new Map<ProcessId, number>();
  const started = process.hrtime.bigint();
  const { records } = await driveClients({
    generator: timeLimit(seconds, repeat({ f: 'write', value: 1, key: 'k' })),
    concurrency: workers,
    seed: 1,
    nodes: [{ name: 'n1', host: '127.0.0.1', clientPort: 0 }],
    openClient: async () => noopClient(),
    opTimeout: 5,
    sink: writer,
    onRecord(op: Op) {
      if (op.type === 'invoke') invokedAt.set(op.process, op.time);
      else latencies.push(op.time - (invokedAt.get(op.process) ?? op.time));
    },
  });
  writer.close();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const ops = latencies.length;
  const us = (ns: number) => (ns / 1e3).toFixed(1);
  console.log(`runner overhead: ${workers} workers, no-op client, history written to disk`);
  console.log(`  ops completed      ${ops} in ${elapsed.toFixed(2)} s (${records} history records, ${(statSync(file).size / 1e6).toFixed(1)} MB)`);
  console.log(`  sustained ops/s    ${(ops / elapsed).toFixed(0)}`);
  console.log(`  added latency      p50 ${us(quantile(sorted, 0.5))} µs, p99 ${us(quantile(sorted, 0.99))} µs, max ${us(sorted[sorted.length - 1] ?? 0)} µs`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
