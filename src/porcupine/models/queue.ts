/**
 * A FIFO queue: enqueue a value, dequeue the oldest. A dequeue's output is the value it returned,
 * `null` when the queue was empty, `undefined` when the outcome is unknown.
 */
import { showJson } from '../show.js';
import type { Model } from '../types.js';

/** A queue element (integers beyond 2^53 as exact `bigint`s). */
export type QueueElement = number | bigint | string;

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
  hash: (s) => showJson(s),
  readOnly: (input, output) => input.op === 'dequeue' && output === null,
  describeOperation(input, output) {
    if (input.op === 'enqueue') return `enqueue(${showJson(input.value)})`;
    return `dequeue() -> ${output === undefined ? '?' : output === null ? 'empty' : showJson(output)}`;
  },
  describeState: (s) => showJson(s),
};
