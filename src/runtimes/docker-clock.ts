/**
 * Clock offsets under the docker runtime, for targets that read their wall-clock offset from a file
 * (`clockSkew: 'offset-file'`), through the engine alone, so a remote engine works the same: each
 * node's holder container has a volume at `CLOCK_DIR`, which the node's container mounts too
 * (`VolumesFrom`); a shell kept open in the holder (docker-shell.ts) writes an offset beside the
 * node's file and renames it over the file, so the node never reads a half-written or missing file,
 * and a flip costs one round trip to the engine (the clock strobe flips every 100 ms).
 */
import type { Logger } from '../core/logger.js';
import type { ContainerShell } from './docker-shell.js';
import type { ClockAbility } from './runtime.js';
import { offsetFileClock } from './offset-file-clock.js';
import { shellCommand, shellQuote } from './ssh-quote.js';

/** The shell line that writes `ms` into `file` at once (`mv` at its path in the holder). */
export function offsetLine(mv: string, file: string, ms: number): string {
  const tmp = `${file}.tmp`;
  // What local-clock.ts's clockFileText gives: the whole milliseconds and a newline.
  return `printf '%s\\n' ${Math.round(ms)} > ${shellQuote(tmp)} && ${shellCommand([mv, '-f', tmp, file])}`;
}

/** Clock abilities over each node's offset file (`files`: node → its path) in its holder's volume, written through `shellOf(node)`. */
export function containerClockAbility(shellOf: (node: string) => Promise<ContainerShell>, mv: string, files: ReadonlyMap<string, string>, logger: Logger): ClockAbility {
  return offsetFileClock(files.keys(), async (node, ms) => void (await (await shellOf(node)).run(offsetLine(mv, files.get(node)!, ms))), logger);
}
