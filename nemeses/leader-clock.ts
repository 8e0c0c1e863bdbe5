/**
 * The clock half of the partition nemesis's combined fault (`partition.leader-clock-ms`): while an
 * isolated leader is cut off, its wall clock is moved by D ms — held (step) or flipped on and off
 * (strobe) — and put back when the partition heals. At most one such fault is in place at a time.
 */
import type { ClockAbility } from '../src/runtimes/runtime.js';
import { startStrobe, type Strobe } from './clock.js';

export interface LeaderClockOptions {
  deltaMs: number;
  mode: 'step' | 'strobe';
  periodMs: number;
}

/** What was restored: the node, its offset before, and how many times a strobe flipped. */
export interface ClockRestored {
  node: string;
  was: number;
  flips?: number;
}

export class LeaderClockFault {
  private moved: { node: string; was: number; strobe?: Strobe } | undefined;

  constructor(
    private readonly clock: ClockAbility,
    private readonly o: LeaderClockOptions,
  ) {}

  /** Moves `leader`'s clock; resolves with what the nemesis op should record. */
  async apply(leader: string): Promise<Record<string, unknown>> {
    await this.restore(); // a partition replacing one that was never healed
    const was = this.clock.clockOffsets()[leader] ?? 0;
    const { deltaMs, periodMs } = this.o;
    if (this.o.mode === 'strobe') {
      this.moved = { node: leader, was, strobe: startStrobe(this.clock, [leader], deltaMs, periodMs) };
      return { clockStrobe: { node: leader, between: [was, was + deltaMs], periodMs } };
    }
    await this.clock.setClockOffset(leader, was + deltaMs);
    this.moved = { node: leader, was };
    return { clockOffsets: { [leader]: was + deltaMs } };
  }

  /** Stops a strobe and puts the clock back; undefined when no clock was moved. */
  async restore(): Promise<ClockRestored | undefined> {
    const m = this.moved;
    this.moved = undefined;
    if (!m) return undefined;
    const flips = m.strobe ? await m.strobe.stop() : undefined;
    await this.clock.setClockOffset(m.node, m.was);
    return { node: m.node, was: m.was, ...(flips !== undefined ? { flips } : {}) };
  }
}
