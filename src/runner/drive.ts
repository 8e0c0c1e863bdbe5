/**
 * Driving the clients: one client worker per thread (thread i talks to node i mod n, and its invokes
 * and completions record that node as `node`, so a checker can tell which replica served a read), the
 * nemesis worker on the `nemesis` thread when there is a nemesis, the generator run by the
 * interpreter, every record appended to the history sinks. Every nemesis op, invoke and completion with its value,
 * also goes to `log` (the harness log), so the log tells what the faults did and when. Shared by `runTest` and the
 * runner-overhead benchmark, so the benchmark measures the same path a real run takes.
 */
import type { Client } from '../core/client.js';
import type { Generator } from '../core/generator.js';
import type { HistorySink } from '../core/history-writer.js';
import type { Op } from '../core/op.js';
import type { NodeRef } from '../core/target.js';
import type { Nemesis } from '../../nemeses/nemesis.js';
import { clientWorker, type ClientWorker } from './client-worker.js';
import { homeNode } from './history-watch.js';
import { realClock, runInterpreter, type Clock } from './interpreter.js';

export interface DriveOptions {
  generator: Generator;
  concurrency: number;
  seed: number;
  nodes: readonly NodeRef[];
  /** Opens a client bound to `node`. */
  openClient(node: NodeRef): Promise<Client>;
  /** Per-op timeout in seconds. */
  opTimeout: number;
  sink: HistorySink;
  onRecord?(op: Op): void;
  log?(msg: string): void;
  signal?: AbortSignal;
  clock?: Clock;
  /** Performs the ops of the nemesis thread; without it the generator must not emit any. */
  nemesis?: Nemesis;
}

/** Runs the generator to its end (or abort) and closes every client. */
export async function driveClients(o: DriveOptions): Promise<{ records: number; aborted: boolean }> {
  const workers: ClientWorker[] = [];
  try {
    return await runInterpreter({
      generator: o.generator,
      test: { concurrency: o.concurrency, nodes: o.nodes.map((n) => n.name), seed: o.seed },
      clock: o.clock ?? realClock(),
      hasNemesis: o.nemesis !== undefined,
      worker(thread) {
        if (thread === 'nemesis') {
          const nemesis = o.nemesis;
          if (!nemesis) throw new Error('driveClients has no nemesis worker');
          return {
            async invoke(op) {
              o.log?.(`nemesis invoke ${op.f} ${JSON.stringify(op.value)}`);
              const c = await nemesis.invoke(op);
              o.log?.(`nemesis ${c.type} ${op.f} ${JSON.stringify(c.value ?? null)}${c.error ? ` error: ${c.error}` : ''}`);
              return c;
            },
          };
        }
        const node = homeNode(thread, o.nodes);
        const w = clientWorker({ open: () => o.openClient(node), timeoutMs: o.opTimeout * 1000, log: o.log });
        workers.push(w);
        return { invoke: (op) => w.invoke(op), node: node.name };
      },
      sink: o.sink,
      onRecord: o.onRecord,
      log: o.log,
      signal: o.signal,
    });
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}
