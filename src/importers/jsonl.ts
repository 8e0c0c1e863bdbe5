/**
 * Imports faultline's own JSONL histories with the core history reader's rules (one op per line,
 * only an unterminated last line may be torn; see history-reader.ts), so the record schema and the
 * torn-line rule are defined once, and validates pairing as `analyze` does: the same malformed file
 * gets the same message from both. The history's own `index` and `time` are kept.
 */
import type { HistoryWithLines } from '../core/history-reader.js';
import { parseHistoryText } from '../core/history-reader.js';
import { validatePairing } from '../core/history-validate.js';
import type { Op } from '../core/op.js';
import { readText } from './read-text.js';

/** Parses the text of a faultline JSONL history. Throws `UserError` naming `file:line`. */
export function parseJsonl(file: string, text: string, onWarning?: (msg: string) => void): HistoryWithLines {
  const h = parseHistoryText(file, text, { onWarning });
  validatePairing(file, h);
  return h;
}

/** Reads and imports a faultline JSONL history file. */
export async function importJsonl(file: string, onWarning?: (msg: string) => void): Promise<Op[]> {
  return parseJsonl(file, await readText(file), onWarning).ops;
}
