/**
 * Every client record names the node its thread's client is bound to (thread i → node i mod n), on
 * the invoke and on the completion, also after an `info` moved the thread to a new process.
 * Convergence checking needs it to tell which replica served each read.
 */
import { describe, expect, it } from 'vitest';
import type { Client } from '../../src/core/client.js';
import { memorySink } from '../../src/core/history-writer.js';
import { limit, repeat } from '../../src/core/generators/index.js';
import type { Op } from '../../src/core/op.js';
import { driveClients } from '../../src/runner/drive.js';

/** A client that answers `info` to every fourth op it sees and `ok` to the rest. */
function client(): Client {
  let seen = 0;
  return {
    async invoke(op) {
      await new Promise((r) => setImmediate(r));
      return ++seen % 4 === 0 ? { type: 'info', error: 'timeout' } : { type: 'ok', value: op.value };
    },
    async close() {},
  };
}

describe('driveClients records the node of each client op', () => {
  it('thread i names node i mod n on invokes and completions, whatever its process', async () => {
    const sink = memorySink();
    const nodes = ['n1', 'n2'].map((name, i) => ({ name, host: '127.0.0.1', clientPort: 1000 + i }));
    await driveClients({
      generator: limit(60, repeat({ f: 'read', key: 'k' })),
      concurrency: 3,
      seed: 1,
      nodes,
      openClient: async () => client(),
      opTimeout: 5,
      sink,
    });
    const ops: Op[] = sink.ops;
    expect(ops).toHaveLength(120);
    expect(ops.some((op) => op.type === 'info')).toBe(true);
    for (const op of ops) expect(op.node, `op ${op.index} of process ${op.process}`).toBe(`n${(Number(op.process) % 3) % 2 + 1}`);
  });
});
