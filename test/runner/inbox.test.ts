import { describe, expect, it } from 'vitest';
import { realClock } from '../../src/runner/clock.js';
import { inbox } from '../../src/runner/inbox.js';

describe('inbox', () => {
  it('delivers events in arrival order, including those pushed while draining', () => {
    const box = inbox<number>(realClock());
    box.push(1);
    box.push(2);
    const seen: number[] = [];
    box.drain((e) => {
      seen.push(e);
      if (e === 1) box.push(3);
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(box.pending).toBe(false);
  });

  it('wait resolves on an event, on wake, at a deadline, and at once when events are queued', async () => {
    const clock = realClock();
    const box = inbox<string>(clock);
    const onEvent = box.wait();
    setImmediate(() => box.push('x'));
    await onEvent;
    expect(box.pending).toBe(true);
    await box.wait(); // queued: immediate
    box.drain(() => {});
    const onWake = box.wait();
    setImmediate(() => box.wake());
    await onWake;
    const deadline = clock.now() + 5e6;
    await box.wait(deadline);
    expect(clock.now()).toBeGreaterThanOrEqual(deadline);
  });
});
