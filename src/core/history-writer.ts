/**
 * Appends history records to a JSONL file as they happen. Records are queued and written at the end
 * of the current event-loop turn (or sooner when the queue grows), so a run killed with SIGKILL leaves
 * a readable prefix missing at most the last turn's records — possibly ending in a torn line, which
 * the reader tolerates. Integers beyond 2^53 (`bigint`s) are written as bare digits.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { stringifyExactJson } from './exact-json.js';
import type { Op } from './op.js';

/** Where history records go. */
export interface HistorySink {
  append(op: Op): void;
}

export interface HistoryWriter extends HistorySink {
  /** Writes queued records now. */
  flush(): void;
  /** Flushes and closes the file; further appends throw. */
  close(): void;
  /** Records appended so far. */
  readonly count: number;
}

const FLUSH_BYTES = 1 << 16;

/** Opens `file` for appending (created if missing). */
export function openHistoryWriter(file: string): HistoryWriter {
  const fd = openSync(file, 'a');
  let queue: string[] = [];
  let queued = 0;
  let scheduled = false;
  let closed = false;
  let count = 0;

  const flush = () => {
    scheduled = false;
    if (queue.length === 0 || closed) return;
    const buf = Buffer.from(queue.join(''));
    queue = [];
    queued = 0;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  };

  return {
    append(op) {
      if (closed) throw new Error(`history writer for ${file} is closed`);
      const line = stringifyExactJson(op) + '\n';
      queue.push(line);
      queued += line.length;
      count++;
      if (queued >= FLUSH_BYTES) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
      closeSync(fd);
    },
    get count() {
      return count;
    },
  };
}

/** A sink that keeps records in memory (tests, `check` of in-memory histories). */
export function memorySink(): HistorySink & { ops: Op[] } {
  const ops: Op[] = [];
  return { ops, append: (op) => void ops.push(op) };
}
