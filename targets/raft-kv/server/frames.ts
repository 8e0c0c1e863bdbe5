/**
 * Length-prefixed framing for peer messages: each frame is `[u32 big-endian length][UTF-8 JSON]`.
 * One message per frame, so a proxy on the link can drop, delay or duplicate whole messages.
 */

/** Largest frame accepted (a snapshot travels in one frame). */
export const MAX_FRAME = 256 * 1024 * 1024;

/** Encodes one message. */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Incremental decoder: feed chunks, get whole messages. Throws on an oversized frame. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: unknown[] = [];
    if (this.buffered < 4) return out;
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    let pos = 0;
    while (buf.length - pos >= 4) {
      const len = buf.readUInt32BE(pos);
      if (len > MAX_FRAME) throw new Error(`peer frame of ${len} bytes exceeds ${MAX_FRAME}`);
      if (buf.length - pos - 4 < len) break;
      out.push(JSON.parse(buf.toString('utf8', pos + 4, pos + 4 + len)));
      pos += 4 + len;
    }
    buf = buf.subarray(pos);
    this.chunks = buf.length ? [buf] : [];
    this.buffered = buf.length;
    return out;
  }
}
