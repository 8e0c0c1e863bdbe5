/**
 * Imports faultline's own JSONL histories, line by line through `parseOpLine` from the core
 * history reader (so the record schema is defined once), keeping line numbers for messages. A torn
 * last line (a run killed mid-write) is dropped with a warning, as the core reader does. The
 * history's own `index` and `time` are kept; calls and returns must pair up per process.
 */
import type { Op } from '../core/op.js';
import { UserError } from '../core/errors.js';
import { parseOpLine } from '../core/history-reader.js';
import { readText } from './porcupine-log.js';
import { buildHistory, type RawRecord } from './records.js';

/** Parses the text of a faultline JSONL history. Throws `UserError` naming `file:line`. */
export function parseJsonl(file: string, text: string, onWarning?: (msg: string) => void): Op[] {
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && lines[last].trim() === '') last--;
  const ops: { line: number; op: Op }[] = [];
  for (let i = 0; i <= last; i++) {
    if (lines[i].trim() === '') continue;
    try {
      ops.push({ line: i + 1, op: parseOpLine(lines[i]) });
    } catch (e) {
      if (i === last) {
        onWarning?.(`${file}:${i + 1}: torn last line ignored (${(e as Error).message})`);
        break;
      }
      throw new UserError(`${file}:${i + 1}: ${(e as Error).message}`);
    }
  }
  // Validate pairing with line numbers, then keep the records exactly as written.
  buildHistory(
    file,
    ops.map(({ line, op }): RawRecord => ({ line, process: op.process, type: op.type, f: op.f, value: op.value })),
  );
  return ops.map(({ op }) => op);
}

/** Reads and imports a faultline JSONL history file. */
export async function importJsonl(file: string, onWarning?: (msg: string) => void): Promise<Op[]> {
  return parseJsonl(file, await readText(file), onWarning);
}
