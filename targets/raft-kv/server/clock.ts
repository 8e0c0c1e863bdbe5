/**
 * The node's wall clock. Every wall-clock reading in the server goes through `SkewableClock.now()`,
 * which adds an offset in milliseconds read from a file the harness may rewrite at run time (the
 * clock nemesis). The file is re-read every `refreshMs`; a missing or unparsable file means offset 0.
 * Timers (elections, heartbeats) use the monotonic clock and are not skewed; leases use this clock.
 */
import { readFile } from 'node:fs/promises';

export class SkewableClock {
  private offset = 0;
  private timer: NodeJS.Timeout | undefined;

  /** @param file path of the offset file, or undefined for no skew */
  constructor(
    private readonly file: string | undefined,
    private readonly refreshMs = 50,
  ) {}

  /** Reads the offset once, then keeps re-reading it in the background. */
  async start(): Promise<void> {
    if (!this.file) return;
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Wall-clock milliseconds since the epoch, skewed by the current offset. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** The offset currently applied, in milliseconds. */
  currentOffset(): number {
    return this.offset;
  }

  private async refresh(): Promise<void> {
    try {
      const n = Number((await readFile(this.file!, 'utf8')).trim());
      this.offset = Number.isFinite(n) ? n : 0;
    } catch {
      this.offset = 0;
    }
  }
}
