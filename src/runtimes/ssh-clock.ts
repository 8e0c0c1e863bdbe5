/**
 * Clock offsets on remote hosts, for targets that read their wall-clock offset from a file
 * (`clockSkew: 'offset-file'`): the offset, in milliseconds, is written into the node's offset file on
 * its host through the host's command channel, replaced at once (written beside it, then renamed).
 */
import type { Logger } from '../core/logger.js';
import type { SshHost } from './ssh-conn.js';
import { shellQuote } from './ssh-quote.js';
import type { ClockAbility } from './runtime.js';
import { offsetFileClock } from './offset-file-clock.js';

/** Writes `ms` into `file` on `host`. */
export async function writeRemoteOffset(host: SshHost, file: string, ms: number): Promise<void> {
  await host.sh(`printf '%s\\n' ${Math.round(ms)} > ${shellQuote(`${file}.tmp`)} && mv -f ${shellQuote(`${file}.tmp`)} ${shellQuote(file)}`);
}

/** Clock abilities over each node's offset file (`files`: node → its host and file). */
export function remoteClockAbility(files: ReadonlyMap<string, { host: SshHost; file: string }>, logger: Logger): ClockAbility {
  return offsetFileClock(files.keys(), (node, ms) => writeRemoteOffset(files.get(node)!.host, files.get(node)!.file, ms), logger);
}
