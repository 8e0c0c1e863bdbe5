/**
 * The clock ability of a runtime whose targets read their wall-clock offset from a file
 * (`clockSkew: 'offset-file'`) that the harness writes somewhere it cannot reach with a plain file
 * write — on an ssh host, in a container's volume: the runtime gives how to write one node's offset;
 * this keeps what each node was set to, and logs each change and reset.
 */
import type { Logger } from '../core/logger.js';
import type { ClockAbility } from './runtime.js';

/** Clock abilities over `nodes`, each offset written with `write(node, ms)` (whole milliseconds). */
export function offsetFileClock(nodes: Iterable<string>, write: (node: string, ms: number) => Promise<void>, logger: Logger): ClockAbility {
  const offsets = new Map<string, number>([...nodes].map((n) => [n, 0]));
  const set = async (node: string, ms: number) => {
    if (!offsets.has(node)) throw new Error(`unknown node ${node}`);
    await write(node, Math.round(ms));
    offsets.set(node, Math.round(ms));
  };
  return {
    async setClockOffset(node, ms) {
      await set(node, ms);
      logger.info(`clock of ${node} offset ${Math.round(ms)} ms`);
    },
    clockOffsets: () => Object.fromEntries(offsets),
    async resetClocks() {
      await Promise.all([...offsets.keys()].map((n) => set(n, 0)));
      logger.info('clocks reset');
    },
  };
}
