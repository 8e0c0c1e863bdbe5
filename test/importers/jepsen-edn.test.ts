import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseJepsenEdn } from '../../src/importers/jepsen-edn.js';

describe('jepsen-edn importer', () => {
  it('reads one map per line, with times, the nemesis and errors', () => {
    const text = [
      '{:type :invoke, :f :write, :value 3, :process 0, :time 100, :index 0}',
      '{:type :info, :f :start-partition, :value nil, :process :nemesis, :time 150}',
      '{:type :fail, :f :write, :value 3, :process 0, :time 200, :error :unavailable}',
    ].join('\n');
    expect(parseJepsenEdn('h.edn', text)).toEqual([
      { index: 0, time: 100, process: 0, type: 'invoke', f: 'write', value: 3 },
      { index: 1, time: 150, process: 'nemesis', type: 'info', f: 'start-partition', value: null },
      { index: 2, time: 200, process: 0, type: 'fail', f: 'write', value: 3, error: 'unavailable' },
    ]);
  });

  it('splits independent [key value] tuples into key and value', () => {
    const text = '[{:type :invoke, :f :cas, :value [7 [1 2]], :process 0}\n {:type :ok, :f :cas, :value [7 [1 2]], :process 0}\n {:type :invoke, :f :read, :value [8 nil], :process 1}]';
    const ops = parseJepsenEdn('h.edn', text);
    expect(ops.map((o) => [o.key, o.value])).toEqual([['7', [1, 2]], ['7', [1, 2]], ['8', null]]);
  });

  it('leaves plain cas values alone when not every op is a tuple', () => {
    const text = '{:type :invoke, :f :cas, :value [1 2], :process 0}\n{:type :invoke, :f :read, :value nil, :process 1}';
    expect(parseJepsenEdn('h.edn', text).map((o) => [o.key, o.value])).toEqual([[undefined, [1, 2]], [undefined, null]]);
  });

  it.each([
    ['{:type :invoke, :f :read', /^h\.edn:1: expected a complete EDN form/],
    ['{:type :invoke, :f :read, :process "p"}', /^h\.edn:1: expected :process, a non-negative integer or :nemesis/],
    ['{:type :go, :f :read, :process 0}', /^h\.edn:1: expected :type, one of :invoke :ok :fail :info/],
    ['{:type :invoke, :f :read, :process 0, :time "now"}', /^h\.edn:1: expected :time, a number of nanoseconds/],
    ['{:type :invoke, :f :read, :process 0, :time 5}\n{:type :ok, :f :read, :process 0, :time 4}', /^h\.edn:2: expected times in non-decreasing order/],
  ])('reports bad input with file:line (%#)', (text, message) => {
    expect(() => parseJepsenEdn('h.edn', text)).toThrow(UserError);
    expect(() => parseJepsenEdn('h.edn', text)).toThrow(message);
  });
});
