/**
 * Cutting a byte stream into the units a link proxy faults. On a message-framed link (the target's
 * `peerFraming` is `u32be-length`: a 4-byte big-endian length, then the message) a unit is one whole
 * frame, header included, so loss and duplication drop or repeat whole messages and the receiver
 * never sees a torn one. On an unframed link every chunk read from the socket is a unit.
 */

/** Splits a stream into units; `push` returns the units completed by `chunk`. */
export interface UnitSplitter {
  push(chunk: Buffer): Buffer[];
}

/** Largest frame accepted before the splitter gives up framing (matches raft-kv's own limit). */
export const MAX_PROXY_FRAME = 256 * 1024 * 1024;

/** Every chunk is a unit. */
export function rawSplitter(): UnitSplitter {
  return { push: (chunk) => [chunk] };
}

/**
 * Whole `[u32be length][body]` frames. A length over `MAX_PROXY_FRAME` means the stream is not what
 * we think it is: the splitter then passes everything through as raw chunks from that point on.
 */
export function frameSplitter(): UnitSplitter {
  let pending: Buffer[] = [];
  let buffered = 0;
  let raw = false;
  return {
    push(chunk) {
      if (raw) return [chunk];
      pending.push(chunk);
      buffered += chunk.length;
      if (buffered < 4) return [];
      const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      const out: Buffer[] = [];
      let pos = 0;
      while (buf.length - pos >= 4) {
        const len = buf.readUInt32BE(pos);
        if (len > MAX_PROXY_FRAME) {
          raw = true;
          out.push(buf.subarray(pos));
          pos = buf.length;
          break;
        }
        if (buf.length - pos - 4 < len) break;
        out.push(buf.subarray(pos, pos + 4 + len));
        pos += 4 + len;
      }
      const rest = buf.subarray(pos);
      pending = rest.length ? [rest] : [];
      buffered = rest.length;
      return out;
    },
  };
}
