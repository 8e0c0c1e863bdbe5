/**
 * The lines of a JSONL history, each with its number and whether a newline ended it.
 *
 * The writer appends `record + "\n"` in one write, so a run killed mid-write leaves at most one
 * damaged record: the last line, without its newline. That is the only line a reader may call torn
 * and drop. A line that ends in a newline was written whole; if it is malformed, the file is wrong,
 * and the reader must say so rather than drop it. Telling the two apart needs the `terminated`
 * flag, which `readline` does not give, hence this splitter.
 */
import { createReadStream } from 'node:fs';

/** One line of a history file. */
export interface HistoryLine {
  /** The line's text, without the newline (and without a `\r` before it). */
  text: string;
  /** 1-based line number. */
  line: number;
  /** False only for a last line that no newline ends. */
  terminated: boolean;
}

/** Splits `text` (the next chunk, after `carry`) into whole lines; returns the unfinished rest. */
function splitChunk(carry: string, chunk: string, out: string[]): string {
  const text = carry + chunk;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    out.push(text.slice(start, nl));
    start = nl + 1;
  }
  return text.slice(start);
}

function lineOf(text: string, line: number, terminated: boolean): HistoryLine {
  return { text: text.endsWith('\r') ? text.slice(0, -1) : text, line, terminated };
}

/** The lines of a history held in memory. */
export function* linesOfText(text: string): Generator<HistoryLine> {
  const whole: string[] = [];
  const rest = splitChunk('', text, whole);
  for (let i = 0; i < whole.length; i++) yield lineOf(whole[i], i + 1, true);
  if (rest !== '') yield lineOf(rest, whole.length + 1, false);
}

/** The lines of a history file, streamed. I/O errors are thrown as they come (a plain Error). */
export async function* linesOfFile(file: string): AsyncGenerator<HistoryLine> {
  const input = createReadStream(file, { encoding: 'utf8' });
  let carry = '';
  let line = 0;
  for await (const chunk of input as AsyncIterable<string>) {
    const whole: string[] = [];
    carry = splitChunk(carry, chunk, whole);
    for (const text of whole) yield lineOf(text, ++line, true);
  }
  if (carry !== '') yield lineOf(carry, ++line, false);
}
