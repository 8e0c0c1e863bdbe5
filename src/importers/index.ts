/**
 * The importers, by format name: each reads a file and returns a faultline history with the source
 * line of every op, or throws a `UserError` with `file:line: what was expected`. `importFile` also
 * picks the format from the content when none is given, and refuses what it did not understand:
 * an empty file, binary data, or any file in which the format yields no operations is bad input,
 * never an empty (hence "valid") history.
 */
import { UserError } from '../core/errors.js';
import type { HistoryWithLines } from '../core/history-reader.js';
import { guessFormat } from './detect.js';
import { IMPORT_FORMATS, type ImportFormat } from './formats.js';
import { parseJepsenEdn } from './jepsen-edn.js';
import { parseJsonl } from './jsonl.js';
import { parsePorcupineKv } from './porcupine-kv.js';
import { parsePorcupineLog } from './porcupine-log.js';
import { readInput } from './read-text.js';

export { IMPORT_FORMATS, type ImportFormat } from './formats.js';

/** An imported file: the history, each op's line, the format read and whether it was detected. */
export interface ImportedFile extends HistoryWithLines {
  format: ImportFormat;
  detected: boolean;
}

/** Parses `text` in `format`. `onWarning` hears about recoverable oddities (a torn last line). */
export function parseAs(format: ImportFormat, file: string, text: string, onWarning?: (msg: string) => void): HistoryWithLines {
  switch (format) {
    case 'jepsen-edn':
      return parseJepsenEdn(file, text);
    case 'porcupine-log':
      return parsePorcupineLog(file, text);
    case 'porcupine-kv':
      return parsePorcupineKv(file, text);
    case 'jsonl':
      return parseJsonl(file, text, onWarning);
  }
}

/** Reads `file` in `format`, or in the format its content shows when `format` is undefined. */
export async function importFile(file: string, format?: ImportFormat, onWarning?: (msg: string) => void): Promise<ImportedFile> {
  const input = await readInput(file);
  const guess = guessFormat(input);
  const tried = format ?? guess.format;
  if (!input.binary && input.text.trim() === '') throw new UserError(`${file}: the file is empty: nothing to check`);
  if (input.binary) throw new UserError(`${file}: cannot read it as ${tried ?? 'a history'}: it looks like ${guess.looksLike}`);
  if (!tried) throw new UserError(`${file}: cannot tell the history format: it looks like ${guess.looksLike}; give --format (${IMPORT_FORMATS.join(', ')})`);
  let h: HistoryWithLines;
  // Warnings (a torn last line) are passed on only if the file yields ops: otherwise the error says it all.
  const warnings: string[] = [];
  try {
    h = parseAs(tried, file, input.text, (m) => warnings.push(m));
  } catch (e) {
    if (!(e instanceof UserError) || guess.format === tried) throw e;
    const hint = guess.format ? `; try --format ${guess.format}, or leave --format out` : '';
    throw new UserError(`${e.message} (reading it as ${tried}; the file looks like ${guess.looksLike}${hint})`);
  }
  if (h.ops.length === 0) throw new UserError(`${file}: no operations found reading it as ${tried}; it looks like ${guess.looksLike}`);
  for (const w of warnings) onWarning?.(w);
  return { ...h, format: tried, detected: format === undefined };
}
