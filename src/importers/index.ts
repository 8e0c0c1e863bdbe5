/**
 * The importers, by format name: each reads a file and returns a faultline history, or throws a
 * `UserError` with `file:line: what was expected`.
 */
import type { Op } from '../core/op.js';
import { importJepsenEdn } from './jepsen-edn.js';
import { importJsonl } from './jsonl.js';
import { importPorcupineKv } from './porcupine-kv.js';
import { importPorcupineLog } from './porcupine-log.js';

/** History formats `faultline check` reads. */
export const IMPORT_FORMATS = ['jepsen-edn', 'porcupine-log', 'porcupine-kv', 'jsonl'] as const;
/** One of `IMPORT_FORMATS`. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Reads `file` in `format`. `onWarning` hears about recoverable oddities (a torn last line). */
export function importHistory(format: ImportFormat, file: string, onWarning?: (msg: string) => void): Promise<Op[]> {
  switch (format) {
    case 'jepsen-edn':
      return importJepsenEdn(file);
    case 'porcupine-log':
      return importPorcupineLog(file);
    case 'porcupine-kv':
      return importPorcupineKv(file);
    case 'jsonl':
      return importJsonl(file, onWarning);
  }
}
