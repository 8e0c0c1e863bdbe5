/**
 * A FIFO queue: enqueue a value, dequeue the oldest. A dequeue's output is the value it returned,
 * `null` when the queue was empty, `undefined` when the outcome is unknown.
 */
import type { Model } from '../types.js';

/** A queue element. */
export type QueueElement = number | string;

/** An operation on the queue. */
export type QueueInput = { op: 'enqueue'; value: QueueElement } | { op: 'dequeue' };

/** The queue's contents, oldest first. */
export type QueueState = readonly QueueElement[];

/** FIFO queue. Output: a dequeue's value (`null` empty, `undefined` unknown); ignored for enqueues. */
export const queueModel: Model<QueueState, QueueInput, QueueElement | null | undefined> = {
  name: 'queue',
  init: () => [],
  step(state, input, output) {
    if (input.op === 'enqueue') return [true, [...state, input.value]];
    if (output === undefined) return [true, state.slice(1)];
    if (output === null) return [state.length === 0, state];
    return [state.length > 0 && state[0] === output, state.slice(1)];
  },
  equal: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  hash: (s) => JSON.stringify(s),
  readOnly: (input, output) => input.op === 'dequeue' && output === null,
  describeOperation(input, output) {
    if (input.op === 'enqueue') return `enqueue(${JSON.stringify(input.value)})`;
    return `dequeue() -> ${output === undefined ? '?' : output === null ? 'empty' : JSON.stringify(output)}`;
  },
  describeState: (s) => JSON.stringify(s),
};
