/**
 * The importers, by format name: each reads a file and returns a faultline history with the source
 * line of every op, or throws a `UserError` with `file:line: what was expected`. `importFile` also
 * picks the format from the content when none is given, and refuses what it did not understand:
 * an empty file, binary data, or any file in which the format yields no operations is bad input,
 * never an empty (hence "valid") history. Each format's parser, and the content detection, are
 * imported when used: checking a file loads the one parser it reads with (and the detection only
 * when no format is given, or to explain a failure).
 */
import { UserError } from '../core/errors.js';
import type { HistoryWithLines } from '../core/history-reader.js';
import type { ContentGuess } from './detect.js';
import { IMPORT_FORMATS, type ImportFormat } from './formats.js';
import { readInput, type InputText } from './read-text.js';

export { IMPORT_FORMATS, type ImportFormat } from './formats.js';

/** An imported file: the history, each op's line, the format read and whether it was detected. */
export interface ImportedFile extends HistoryWithLines {
  format: ImportFormat;
  detected: boolean;
}

/** A parser: `text` (read from `file`) as a history; `onWarning` hears recoverable oddities. */
type Parser = (file: string, text: string, onWarning?: (msg: string) => void) => HistoryWithLines;

/** Each format's parser, imported on first use. */
const PARSERS: Record<ImportFormat, () => Promise<Parser>> = {
  'jepsen-edn': async () => {
    const { parseJepsenEdn } = await import('./jepsen-edn.js');
    return (file, text) => parseJepsenEdn(file, text);
  },
  'porcupine-log': async () => (await import('./porcupine-log.js')).parsePorcupineLog,
  'porcupine-kv': async () => (await import('./porcupine-kv.js')).parsePorcupineKv,
  jsonl: async () => (await import('./jsonl.js')).parseJsonl,
};

/** Parses `text` in `format`. `onWarning` hears about recoverable oddities (a torn last line). */
export async function parseAs(format: ImportFormat, file: string, text: string, onWarning?: (msg: string) => void): Promise<HistoryWithLines> {
  return (await PARSERS[format]())(file, text, onWarning);
}

/** What the content looks like (detect.ts, imported when needed). */
async function guess(input: InputText): Promise<ContentGuess> {
  return (await import('./detect.js')).guessFormat(input);
}

/** Reads `file` in `format`, or in the format its content shows when `format` is undefined. */
export async function importFile(file: string, format?: ImportFormat, onWarning?: (msg: string) => void): Promise<ImportedFile> {
  const input = await readInput(file);
  // With a format given, what the content looks like is needed only to explain a failure.
  let guessed = format === undefined || input.binary ? await guess(input) : undefined;
  const looks = async (): Promise<ContentGuess> => (guessed ??= await guess(input));
  const tried = format ?? guessed?.format;
  if (!input.binary && input.text.trim() === '') throw new UserError(`${file}: the file is empty: nothing to check`);
  if (input.binary) throw new UserError(`${file}: cannot read it as ${tried ?? 'a history'}: it looks like ${(await looks()).looksLike}`);
  if (!tried) throw new UserError(`${file}: cannot tell the history format: it looks like ${(await looks()).looksLike}; give --format (${IMPORT_FORMATS.join(', ')})`);
  let h: HistoryWithLines;
  // Warnings (a torn last line) are passed on only if the file yields ops: otherwise the error says it all.
  const warnings: string[] = [];
  try {
    h = await parseAs(tried, file, input.text, (m) => warnings.push(m));
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const g = await looks();
    if (g.format === tried) throw e;
    const hint = g.format ? `; try --format ${g.format}, or leave --format out` : '';
    throw new UserError(`${e.message} (reading it as ${tried}; the file looks like ${g.looksLike}${hint})`);
  }
  if (h.ops.length === 0) throw new UserError(`${file}: no operations found reading it as ${tried}; it looks like ${(await looks()).looksLike}`);
  for (const w of warnings) onWarning?.(w);
  return { ...h, format: tried, detected: format === undefined };
}
