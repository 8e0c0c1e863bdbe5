/**
 * Interpreter throughput: N client threads whose workers complete at once (an already resolved
 * promise), an endless generator bounded by a time limit, and a sink that only counts. Prints the
 * sustained ops/s (an op = an invoke and its completion) — the ceiling the interpreter itself puts on
 * a run. `benchInterpreter` is exported for bench/runner-overhead.ts to build on.
 *
 *   node dist/bench/interpreter.js [seconds=3] [workers=8] [history.jsonl]
 *
 * With a file argument, records go through the real JSONL history writer into that file.
 */
import { pathToFileURL } from 'node:url';
import type { Generator } from '../src/core/generator.js';
import { openHistoryWriter, type HistorySink } from '../src/core/history-writer.js';
import type { Completion } from '../src/core/op.js';
import { onClients, repeat, timeLimit } from '../src/core/generators/index.js';
import { realClock, runInterpreter, type Worker } from '../src/runner/interpreter.js';

/** Bench settings; every field has a default. */
export interface InterpreterBenchOptions {
  /** Seconds of load (default 3). */
  seconds?: number;
  /** Client threads (default 8). */
  workers?: number;
  /** Where records go (default: a counting sink). */
  sink?: HistorySink;
  /** The worker of each thread (default: completes `ok` at once). */
  worker?: () => Worker;
  /** The generator (default: endless writes on the clients, bounded by `seconds`). */
  generator?: Generator;
}

/** What one bench run measured. */
export interface InterpreterBenchResult {
  ops: number;
  records: number;
  seconds: number;
  opsPerSecond: number;
}

const done: Completion = { type: 'ok' };

/** Runs the interpreter flat out and measures its throughput. */
export async function benchInterpreter(o: InterpreterBenchOptions = {}): Promise<InterpreterBenchResult> {
  const seconds = o.seconds ?? 3;
  const concurrency = o.workers ?? 8;
  const resolved = Promise.resolve(done);
  const instant: Worker = { invoke: () => resolved };
  const sink: HistorySink = o.sink ?? { append() {} };
  const generator = o.generator ?? timeLimit(seconds, onClients(repeat({ f: 'write', value: 1, key: 'k' })));
  const clock = realClock();
  const { records } = await runInterpreter({
    generator,
    test: { concurrency, nodes: [], seed: 1 },
    clock,
    worker: o.worker ?? (() => instant),
    hasNemesis: false,
    sink,
  });
  const elapsed = clock.now() / 1e9;
  return { ops: records / 2, records, seconds: elapsed, opsPerSecond: records / 2 / elapsed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.argv[2] ?? 3);
  const workers = Number(process.argv[3] ?? 8);
  const file = process.argv[4];
  await benchInterpreter({ seconds: 0.5, workers }); // warm-up
  const writer = file ? openHistoryWriter(file) : undefined;
  const r = await benchInterpreter({ seconds, workers, sink: writer });
  writer?.close();
  const into = file ? `, history written to ${file}` : ', counting sink';
  console.log(`interpreter: ${workers} workers, ${r.ops} ops in ${r.seconds.toFixed(2)} s: ${Math.round(r.opsPerSecond)} ops/s (${Math.round(r.records / r.seconds)} records/s${into})`);
}
