/**
 * The on-disk log format. A log file is a sequence of records `[u32 length][u32 crc32][JSON payload]`
 * (big-endian). The first record is a header `{base, baseTerm}` (the compaction point); every later
 * record is one entry `{index, term, cmd}`, contiguous from base+1.
 *
 * On load, a final record that is cut short or fails its checksum is a torn write from a crash: it is
 * dropped (and reported). A bad record followed by more data is corruption: loading refuses.
 */
import { crc32 } from 'node:zlib';
import type { Entry } from '../core/types.js';

/** Log header: the index and term the entries follow. */
export interface LogHeader {
  base: number;
  baseTerm: number;
}

/** Encodes one record. */
export function encodeRecord(payload: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const out = Buffer.allocUnsafe(8 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.writeUInt32BE(crc32(body), 4);
  body.copy(out, 8);
  return out;
}

/** What `decodeLog` found. */
export interface DecodedLog {
  header: LogHeader;
  entries: Entry[];
  /** Byte offset of each entry's record. */
  offsets: number[];
  /** Bytes of valid records; anything after is a torn tail to truncate. */
  validLength: number;
  /** Set when a torn final record was dropped. */
  tornTail?: string;
}

/** Parses a whole log file; throws an Error naming the offset on corruption before the tail. */
export function decodeLog(buf: Buffer, file: string): DecodedLog {
  const records: { payload: unknown; offset: number }[] = [];
  let pos = 0;
  let torn: string | undefined;
  while (pos < buf.length) {
    if (buf.length - pos < 8) {
      torn = `${buf.length - pos} stray bytes at offset ${pos}`;
      break;
    }
    const len = buf.readUInt32BE(pos);
    const crc = buf.readUInt32BE(pos + 4);
    const end = pos + 8 + len;
    if (end > buf.length) {
      torn = `record at offset ${pos} cut short (${buf.length - pos - 8} of ${len} bytes)`;
      break;
    }
    const body = buf.subarray(pos + 8, end);
    if (crc32(body) !== crc) {
      if (end === buf.length) {
        torn = `final record at offset ${pos} fails its checksum`;
        break;
      }
      throw new Error(`${file}: record at offset ${pos} fails its checksum and is followed by more data: the log is corrupt`);
    }
    records.push({ payload: JSON.parse(body.toString('utf8')), offset: pos });
    pos = end;
  }
  const [head, ...rest] = records;
  const header = (head?.payload as LogHeader | undefined) ?? { base: 0, baseTerm: 0 };
  if (typeof header.base !== 'number' || typeof header.baseTerm !== 'number') throw new Error(`${file}: bad header record`);
  const entries: Entry[] = [];
  const offsets: number[] = [];
  for (const r of rest) {
    const e = r.payload as Entry;
    const want = header.base + entries.length + 1;
    if (e.index !== want || typeof e.term !== 'number' || typeof e.cmd !== 'string') {
      throw new Error(`${file}: record at offset ${r.offset} holds entry ${e.index}, expected ${want}: the log is corrupt`);
    }
    entries.push(e);
    offsets.push(r.offset);
  }
  return { header, entries, offsets, validLength: head ? pos : 0, tornTail: torn };
}
