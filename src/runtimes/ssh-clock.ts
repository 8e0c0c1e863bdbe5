/**
 * Clock offsets on remote hosts, for targets that read their wall-clock offset from a file
 * (`clockSkew: 'offset-file'`): the offset, in milliseconds, is written into the node's offset file on
 * its host through the host's command channel, replaced at once (written beside it, then renamed).
 */
import type { Logger } from '../core/logger.js';
import type { SshHost } from './ssh-conn.js';
import { shellQuote } from './ssh-quote.js';
import type { ClockAbility } from './runtime.js';

/** Writes `ms` into `file` on `host`. */
export async function writeRemoteOffset(host: SshHost, file: string, ms: number): Promise<void> {
  await host.sh(`printf '%s\\n' ${Math.round(ms)} > ${shellQuote(`${file}.tmp`)} && mv -f ${shellQuote(`${file}.tmp`)} ${shellQuote(file)}`);
}

/** Clock abilities over each node's offset file (`files`: node → its host and file). */
export function remoteClockAbility(files: ReadonlyMap<string, { host: SshHost; file: string }>, logger: Logger): ClockAbility {
  const offsets = new Map<string, number>([...files.keys()].map((n) => [n, 0]));
  const set = async (node: string, ms: number) => {
    const f = files.get(node);
    if (!f) throw new Error(`unknown node ${node}`);
    await writeRemoteOffset(f.host, f.file, ms);
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
