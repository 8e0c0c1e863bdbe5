/**
 * One direction of one proxied connection: units (frames or chunks, see link-proxy-frames.ts) read
 * from the source socket pass through the link's current faults on their way to the destination.
 *
 * - cut: the unit is dropped silently. On an unframed stream that breaks the byte stream, so the pipe
 *   is marked `tainted` and the proxy resets the connection when the link heals (as TCP would after
 *   its retransmissions time out).
 * - loss / duplicate (framed links only): a frame is dropped, or written twice, at random.
 * - delay + jitter: each unit is held until now + delay + U[0, jitter), never before the unit ahead
 *   of it (order is kept, as in TCP).
 * - bandwidth: a unit of b bytes occupies the link for b / bytesPerSecond.
 * A unit is checked against the cut again when it falls due, so a cut also loses what was in flight.
 * With no fault and nothing queued, units are written at once.
 */
import type { Socket } from 'node:net';
import type { CutMode, LinkFaults } from './runtime.js';
import { frameSplitter, rawSplitter, type UnitSplitter } from './link-proxy-frames.js';

/** The faults of one directed link, read by its pipes on every unit. */
export interface LinkState {
  cut: CutMode | null;
  faults: LinkFaults;
  /** Units written to the destination / dropped (cut or loss), since the proxy started. */
  delivered: number;
  dropped: number;
}

export interface PipeOptions {
  framed: boolean;
  /** The current state of the link this direction belongs to. */
  state(): LinkState;
  /** Uniform [0, 1). */
  random(): number;
  /** Stop / restart reading the source (backpressure). */
  pauseSource(): void;
  resumeSource(): void;
}

/** Queued bytes above which the source is paused until the queue drains. */
const HIGH_WATER = 16 * 1024 * 1024;

interface Queued {
  at: number;
  unit: Buffer;
}

/** A fault-applying one-way pipe into `out` (set once the destination is connected). */
export class Pipe {
  out: Socket | undefined;
  tainted = false;
  private readonly splitter: UnitSplitter;
  private readonly queue: Queued[] = [];
  private queuedBytes = 0;
  private lastAt = 0;
  private busyUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private queuePaused = false;

  constructor(private readonly o: PipeOptions) {
    this.splitter = o.framed ? frameSplitter() : rawSplitter();
  }

  /** Feeds bytes read from the source. */
  push(chunk: Buffer): void {
    for (const unit of this.splitter.push(chunk)) this.offer(unit);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private offer(unit: Buffer): void {
    const { cut, faults: f } = this.o.state();
    if (cut || !this.out) return this.drop();
    let copies = 1;
    if (this.o.framed) {
      if (f.loss && this.o.random() < f.loss) return this.drop();
      if (f.duplicate && this.o.random() < f.duplicate) copies = 2;
    }
    const shaped = Boolean(f.delayMs || f.jitterMs || f.bytesPerSecond);
    if (!shaped && this.queue.length === 0) {
      for (let i = 0; i < copies; i++) this.write(unit);
      return;
    }
    const now = performance.now();
    let at = Math.max(now + (f.delayMs ?? 0) + (f.jitterMs ? this.o.random() * f.jitterMs : 0), this.lastAt);
    for (let i = 0; i < copies; i++) {
      if (f.bytesPerSecond) {
        at = Math.max(at, this.busyUntil) + (unit.length * 1000) / f.bytesPerSecond;
        this.busyUntil = at;
      }
      this.queue.push({ at, unit });
      this.queuedBytes += unit.length;
    }
    this.lastAt = at;
    if (this.queuedBytes > HIGH_WATER && !this.queuePaused) {
      this.queuePaused = true;
      this.o.pauseSource();
    }
    this.schedule();
  }

  private drop(): void {
    this.o.state().dropped++;
    if (!this.o.framed) this.tainted = true;
  }

  private write(unit: Buffer): void {
    this.o.state().delivered++;
    if (this.out && !this.out.destroyed && !this.out.write(unit)) {
      this.o.pauseSource();
      this.out.once('drain', () => this.o.resumeSource());
    }
  }

  private schedule(): void {
    if (this.timer || this.closed || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0]!.at - performance.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length && this.queue[0]!.at <= now + 0.5) {
      const { unit } = this.queue.shift()!;
      this.queuedBytes -= unit.length;
      if (this.o.state().cut || !this.out) this.drop();
      else this.write(unit);
    }
    if (this.queuePaused && this.queuedBytes <= HIGH_WATER) {
      this.queuePaused = false;
      this.o.resumeSource();
    }
    this.schedule();
  }
}
