import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { importJepsenEdn, parseJepsenEdn } from '../../src/importers/jepsen-edn.js';
import { packageRoot } from '../../src/core/paths.js';

const fixture = (name: string): string => join(packageRoot(), 'test/fixtures/edn', name);

describe('jepsen-edn importer', () => {
  it('reads one map per line, with times, the nemesis and errors', () => {
    const text = [
      '{:type :invoke, :f :write, :value 3, :process 0, :time 100, :index 0}',
      '{:type :info, :f :start-partition, :value nil, :process :nemesis, :time 150}',
      '{:type :fail, :f :write, :value 3, :process 0, :time 200, :error :unavailable}',
    ].join('\n');
    expect(parseJepsenEdn('h.edn', text).ops).toEqual([
      { index: 0, time: 100, process: 0, type: 'invoke', f: 'write', value: 3 },
      { index: 1, time: 150, process: 'nemesis', type: 'info', f: 'start-partition', value: null },
      { index: 2, time: 200, process: 0, type: 'fail', f: 'write', value: 3, error: 'unavailable' },
    ]);
  });

  it('splits independent [key value] tuples into key and value', () => {
    const text = '[{:type :invoke, :f :cas, :value [7 [1 2]], :process 0}\n {:type :ok, :f :cas, :value [7 [1 2]], :process 0}\n {:type :invoke, :f :read, :value [8 nil], :process 1}]';
    const { ops } = parseJepsenEdn('h.edn', text);
    expect(ops.map((o) => [o.key, o.value])).toEqual([['7', [1, 2]], ['7', [1, 2]], ['8', null]]);
  });

  it('leaves plain cas values alone when not every op is a tuple', () => {
    const text = '{:type :invoke, :f :cas, :value [1 2], :process 0}\n{:type :invoke, :f :read, :value nil, :process 1}';
    expect(parseJepsenEdn('h.edn', text).ops.map((o) => [o.key, o.value])).toEqual([[undefined, [1, 2]], [undefined, null]]);
  });

  it('reads one vector of maps spread over lines, with comments, discards, nested values and #inst', async () => {
    const { ops, lines } = parseJepsenEdn('h.edn', readFileSync(fixture('register-vector.edn'), 'utf8'));
    expect(ops).toHaveLength(9);
    expect(lines).toEqual([2, 3, 11, 13, 15, 16, 17, 18, 19]);
    expect(ops[1]).toEqual({ index: 1, time: 2000, process: 0, type: 'ok', f: 'write', value: 1, node: 'n1' });
    expect(ops[2]).toMatchObject({ process: 'nemesis', f: 'start-partition', value: { n1: ['n2', 'n3'], at: '2024-05-01T10:00:00.000-00:00' } });
    expect(ops[6]).toMatchObject({ type: 'fail', f: 'cas', value: [1, 2], error: '[:cas-mismatch "expected 1"]' });
    expect(ops[8]).toMatchObject({ type: 'info', f: 'write', value: 3, error: 'timeout' });
  });

  it('reads a list of maps like a vector', () => {
    const text = '({:type :invoke, :f :read, :process 0}\n {:type :ok, :f :read, :process 0, :value 2})';
    expect(parseJepsenEdn('h.edn', text).ops.map((o) => [o.type, o.value])).toEqual([['invoke', null], ['ok', 2]]);
  });

  it('reads #jepsen.history.Op records, one per line, splitting independent tuples', async () => {
    const ops = await importJepsenEdn(fixture('independent-records.edn'));
    expect(ops.map((o) => [o.key, o.f, o.value])).toEqual([
      ['1', 'write', 5], ['1', 'write', 5], ['2', 'write', 7], ['2', 'write', 7],
      ['1', 'read', null], ['1', 'read', 5], ['2', 'read', null], ['2', 'read', null],
    ]);
  });

  it('keeps transactional values as nested arrays, for the transactional checkers', async () => {
    const ops = await importJepsenEdn(fixture('list-append.edn'));
    expect(ops.map((o) => o.value)).toEqual([
      [['append', 'x', 1], ['r', 'y', null]],
      [['append', 'x', 1], ['r', 'y', [1, 2]]],
      [['r', 'x', null]],
      [['r', 'x', [1]]],
    ]);
    expect(ops.every((o) => o.key === undefined)).toBe(true);
  });

  it('does not take two-element transactions for independent tuples', () => {
    const text = '{:type :invoke, :f :txn, :process 0, :value [[:r :x nil] [:append :y 1]]}\n{:type :ok, :f :txn, :process 0, :value [[:r :x [1]] [:append :y 1]]}';
    const { ops } = parseJepsenEdn('h.edn', text);
    expect(ops.map((o) => [o.key, o.value])).toEqual([
      [undefined, [['r', 'x', null], ['append', 'y', 1]]],
      [undefined, [['r', 'x', [1]], ['append', 'y', 1]]],
    ]);
  });

  it('does not take a set #{k v} for an independent tuple', () => {
    const text = '{:type :invoke, :f :add, :value #{1 2}, :process 0}\n{:type :ok, :f :add, :value #{1 2}, :process 0}';
    expect(parseJepsenEdn('h.edn', text).ops.map((o) => [o.key, o.value])).toEqual([[undefined, [1, 2]], [undefined, [1, 2]]]);
  });

  it("refuses a set where a vector's order carries meaning: a cas [from to], a transaction, a micro-op", () => {
    const cas = '{:type :invoke, :f :write, :value 1, :process 1}\n{:type :invoke, :f :cas, :value #{1 2}, :process 0}';
    expect(() => parseJepsenEdn('h.edn', cas)).toThrow(new UserError('h.edn:2: expected a cas :value, a vector [from to], found the set #{1 2}; a set has no order'));
    const tuple = '{:type :invoke, :f :cas, :value [:k #{1 2}], :process 0}\n{:type :ok, :f :cas, :value [:k #{1 2}], :process 0}';
    expect(() => parseJepsenEdn('h.edn', tuple)).toThrow(/^h\.edn:1: expected a cas :value, a vector \[from to\], found the set #\{1 2\}/);
    const txn = '{:type :invoke, :f :txn, :value [[:r :x nil] #{:append :y 1}], :process 0}';
    expect(() => parseJepsenEdn('h.edn', txn)).toThrow(/^h\.edn:1: expected each micro-op of a txn, a vector \[f k v\] such as \[:append :y 1\], found the set #\{/);
    expect(() => parseJepsenEdn('h.edn', '{:type :invoke, :f :txn, :value #{[:r :x nil]}, :process 0}')).toThrow(/^h\.edn:1: expected a txn :value/);
    // A cas written as a vector still reads as [from to].
    expect(parseJepsenEdn('h.edn', '{:type :invoke, :f :write, :value 1, :process 1}\n{:type :invoke, :f :cas, :value [1 2], :process 0}').ops[1].value).toEqual([1, 2]);
  });

  it('reads integers exactly, with or without N', async () => {
    const ops = await importJepsenEdn(fixture('bigint-stale-read.edn'));
    expect(ops.map((o) => o.value)).toEqual([9007199254740993n, 9007199254740993n, null, 9007199254740992n, 2n ** 64n, 2n ** 64n]);
  });

  it('takes :key, and accepts :index, :time and unknown fields', () => {
    const text = '{:index 7, :time 5, :type :invoke, :f :read, :process 0, :key :k1, :debug {:a [1]}}';
    expect(parseJepsenEdn('h.edn', text).ops).toEqual([{ index: 0, time: 5, process: 0, type: 'invoke', f: 'read', value: null, key: 'k1' }]);
  });

  it.each([
    ['{:type :invoke, :f :read', /^h\.edn:1: expected "}" to close the map opened on this line, found the end of the file$/],
    ['{:type :invoke, :f :read, :process "p"}', /^h\.edn:1: expected :process, a non-negative integer or :nemesis, found "p"$/],
    ['{:type :go, :f :read, :process 0}', /^h\.edn:1: expected :type, one of :invoke :ok :fail :info/],
    ['{:type :invoke, :f :read, :process 0, :time "now"}', /^h\.edn:1: expected :time, a number of nanoseconds/],
    ['{:type :invoke, :f :read, :process 0, :time 5}\n{:type :ok, :f :read, :process 0, :time 4}', /^h\.edn:2: expected times in non-decreasing order/],
    [']', /^h\.edn:1: found "\]" with nothing open for it to close$/],
    ['{:type :invoke, :f :read, :process 0}\n{:type :ok, :f :read, :type :ok, :process 0}', /^h\.edn:2: the map opened on line 2 has the key :type twice; map keys must be unique$/],
    ['{:type :invoke,\n :f :read,\n :process 0 :value {:a 1 "a" 2}}', /^h\.edn:1: in :value, the map keys :a and "a" would both become "a"$/],
    ['[{:type :invoke, :f :read, :process 0}]\n{:type :ok, :f :read, :process 0}', /^h\.edn:2: expected the end of the file after the vector of ops that starts on line 1, found a map$/],
    ['INFO  jepsen.util - 0\t:invoke\t:read\tnil', /^h\.edn:1: expected an op map such as \{:type :invoke, :f :read, :process 0\}, found the symbol INFO$/],
    ['{:type :invoke, :f :read, :process 0}\n\n{:type :ok, :f :write, :process 0}', /^h\.edn:3: expected the completion of read \(line 1\) for process 0, found write$/],
  ])('reports bad input with file:line (%#)', (text, message) => {
    expect(() => parseJepsenEdn('h.edn', text)).toThrow(UserError);
    expect(() => parseJepsenEdn('h.edn', text)).toThrow(message);
  });
});
