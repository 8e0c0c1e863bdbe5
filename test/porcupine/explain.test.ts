import { describe, expect, it } from 'vitest';
import {
  checkOperations,
  checkOperationsExplained,
  checkOperationsVerbose,
  kvModelUnpartitioned,
  type KvInput,
  type Model,
  type Operation,
} from '../../src/porcupine/index.js';

type Input = KvInput & { group: string };
type Op = Operation<Input, string | undefined>;
const op = (input: Input, call: number, output: string | undefined, ret: number): Op => ({ input, call, output, return: ret });

/** The unpartitioned kv model split by `group`, so one group can be as hard as we like. */
const model = {
  ...kvModelUnpartitioned,
  name: 'kv-by-group',
  partition: (h: Op[]) => {
    const groups = new Map<string, Op[]>();
    for (const o of h) groups.set(o.input.group, [...(groups.get(o.input.group) ?? []), o]);
    return [...groups.values()];
  },
} as unknown as Model<unknown, Input, string | undefined>;

// Group "hard": 12 concurrent appends over 3 keys and a get no order explains: illegal, but only after
// seconds of search (see check.test.ts). Group "stale": a read of an overwritten value, illegal at once.
// Group "fine": linearizable.
const hard: Op[] = [];
for (let i = 0; i < 12; i++) hard.push(op({ op: 'append', key: String(i % 3), value: `x${i}`, group: 'hard' }, i, undefined, 100));
hard.push(op({ op: 'get', key: '0', group: 'hard' }, 101, 'nonsense', 102));
const stale: Op[] = [
  op({ op: 'put', key: 's', value: 'a', group: 'stale' }, 200, undefined, 201),
  op({ op: 'put', key: 's', value: 'b', group: 'stale' }, 202, undefined, 203),
  op({ op: 'get', key: 's', group: 'stale' }, 204, 'a', 205),
];
const fine: Op[] = [op({ op: 'append', key: 'f', value: 'y', group: 'fine' }, 300, undefined, 302), op({ op: 'get', key: 'f', group: 'fine' }, 301, 'y', 303)];
const history = [...hard, ...stale, ...fine];
const [HARD, STALE, FINE] = [0, 1, 2];

describe('checkOperationsExplained: a verdict first, then a bounded search for the other bad partitions', () => {
  it('with no budget: illegal from the first illegal partition, already explained by its search; the rest undecided', () => {
    const r = checkOperationsExplained(model, history, { explainTimeoutMs: 0 });
    expect(r.result).toBe('illegal');
    expect(r.partitions.map((p) => p.result)).toEqual(['unknown', 'illegal', 'unknown']);
    expect(r.partitions[STALE].cutShort).toBeUndefined();
    // put a, put b, then the get of a cannot follow: the longest prefix is the two puts
    expect(r.partitions[STALE].info).toMatchObject({ result: 'illegal', ops: [13, 14, 15] });
    expect(r.partitions[STALE].info!.partialLinearizations).toEqual([{ ops: [13, 14], states: ['{"s":"a"}', '{"s":"b"}'] }]);
    expect(r.partitions[STALE].info!.descriptions).toHaveLength(3);
    expect(r.partitions[HARD]).toMatchObject({ result: 'unknown', cutShort: 'time' });
    expect(r.partitions[HARD].info).toBeUndefined();
  });

  it('explains an illegal partition with the prefixes the verbose check finds (no pruning applies there), and decides the others', () => {
    const r = checkOperationsExplained(model, history, { maxSteps: 50_000 });
    expect(r.result).toBe('illegal');
    const verbose = checkOperationsVerbose(model, [...stale], {}).info.partitions[0];
    expect(r.partitions[STALE]).toMatchObject({ result: 'illegal' });
    expect(r.partitions[STALE].cutShort).toBeUndefined();
    expect(r.partitions[STALE].info!.partialLinearizations.map((p) => p.states)).toEqual(verbose.partialLinearizations.map((p) => p.states));
    expect(r.partitions[STALE].info!.partialLinearizations[0].ops).toEqual([13, 14]);
    expect(r.partitions[FINE]).toMatchObject({ result: 'ok', ops: [16, 17] });
    expect(r.partitions[FINE].info).toBeUndefined();
    // The hard group runs out of steps: undecided, and said so.
    expect(r.partitions[HARD]).toMatchObject({ result: 'unknown', cutShort: 'steps' });
  });

  it('with stallAfterMs, stops once nothing more is decided: the rest is cut short as stalled, not out of time', () => {
    // The hard group takes seconds; the budget is far larger, so only the stall can end the search.
    const r = checkOperationsExplained(model, history, { explainTimeoutMs: 600_000, stallAfterMs: 50 });
    expect(r.result).toBe('illegal');
    expect(r.partitions[STALE]).toMatchObject({ result: 'illegal' });
    expect(r.partitions[FINE]).toMatchObject({ result: 'ok' });
    expect(r.partitions[HARD]).toMatchObject({ result: 'unknown', cutShort: 'stalled' });
    // Without it, a budget that runs out is what stops the hard group.
    expect(checkOperationsExplained(model, history, { explainTimeoutMs: 100 }).partitions[HARD].cutShort).toBe('time');
  });

  it('gives up the search holding the most memory when the memory budget is passed', () => {
    const r = checkOperationsExplained(model, history, { maxMemoryBytes: 1 });
    expect(r.result).toBe('illegal');
    expect(r.partitions[HARD]).toMatchObject({ result: 'unknown', cutShort: 'memory' });
  });

  it('reports every illegal partition it has time for, each explained', () => {
    const stale2 = stale.map((o, i) => ({ ...o, input: { ...o.input, group: 'stale2' }, call: 400 + 2 * i, return: 401 + 2 * i }));
    const r = checkOperationsExplained(model, [...stale, ...fine, ...stale2], {});
    expect(r.partitions.map((p) => [p.result, p.info?.partialLinearizations[0].ops])).toEqual([
      ['illegal', [0, 1]],
      ['ok', undefined],
      ['illegal', [5, 6]],
    ]);
  });

  it('a verdict that runs out of time is unknown, never ok, and nothing is explained', () => {
    const r = checkOperationsExplained(model, [...hard, ...fine], { timeoutMs: 0 });
    expect(r.result).toBe('unknown');
    expect(r.explainMs).toBe(0);
    expect(r.partitions.some((p) => p.result === 'ok' && p.ops.includes(0))).toBe(false);
    expect(r.partitions.every((p) => p.info === undefined)).toBe(true);
    expect(checkOperations(model, [...hard, ...fine], { timeoutMs: 0 })).toBe('unknown');
  });

  it('a linearizable history is ok with nothing to explain', () => {
    const r = checkOperationsExplained(model, fine, {});
    expect(r).toMatchObject({ result: 'ok', explainMs: 0, partitions: [{ result: 'ok' }] });
    expect(r.partitions[0].info).toBeUndefined();
  });
});
