import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { readFileSync } from 'node:fs';
import { importPorcupineKv, parsePorcupineKv, simpleKvRecords } from '../../src/importers/porcupine-kv.js';
import { KV_FILES } from '../support/porcupine-data.js';

describe('porcupine-kv importer', () => {
  it('reads one EDN map per line into keyed ops', () => {
    const text = [
      '{:process 0, :type :invoke, :f :get, :key "5", :value nil}',
      '{:process 0, :type :ok, :f :get, :key "5", :value ""}',
      '{:process 1, :type :invoke, :f :append, :key "0", :value "x 1 0 y"}',
    ].join('\n');
    expect(parsePorcupineKv('kv.txt', text).ops).toEqual([
      { index: 0, time: 0, process: 0, type: 'invoke', f: 'get', key: '5', value: null },
      { index: 1, time: 1, process: 0, type: 'ok', f: 'get', key: '5', value: '' },
      { index: 2, time: 2, process: 1, type: 'invoke', f: 'append', key: '0', value: 'x 1 0 y' },
    ]);
  });

  it('imports the six kv histories', async () => {
    for (const f of KV_FILES) expect((await importPorcupineKv(f.path)).length).toBeGreaterThan(0);
  });

  it("reads Porcupine's own files line by line, to the same ops and lines as the EDN reader", () => {
    for (const f of KV_FILES) {
      const text = readFileSync(f.path, 'utf8');
      expect(simpleKvRecords(text), `${f.path} takes the line-by-line path`).toBeDefined();
      // A trailing comment is no line of Porcupine's shape: the whole file then goes through the EDN reader.
      const viaReader = `${text}; read by the EDN reader\n`;
      expect(simpleKvRecords(viaReader)).toBeUndefined();
      expect(parsePorcupineKv(f.path, text)).toEqual(parsePorcupineKv(f.path, viaReader));
    }
  });

  it('reads any other shape with the EDN reader: escapes, another key order, maps over several lines', () => {
    const text = [
      '{:process 0, :type :invoke, :f :put, :key "a\\"b", :value "x\\ny"}',
      '{:type :ok, :process 0, :f :put, :key "a\\"b", :value "x\\ny"}',
      '{:process 1, :type :invoke,',
      ' :f :get, :key "5", :value nil}',
    ].join('\n');
    expect(simpleKvRecords(text)).toBeUndefined();
    const { ops, lines } = parsePorcupineKv('kv.txt', text);
    expect(ops.map((o) => [o.process, o.type, o.f, o.key, o.value])).toEqual([
      [0, 'invoke', 'put', 'a"b', 'x\ny'],
      [0, 'ok', 'put', 'a"b', 'x\ny'],
      [1, 'invoke', 'get', '5', null],
    ]);
    expect(lines).toEqual([1, 2, 3]);
  });

  it.each([
    ['{:process 0, :type :invoke, :f :get, :key "5"', /^kv\.txt:1: expected "}" to close the map opened on this line, found the end of the file$/],
    ['[1 2]', /^kv\.txt:1: expected an op map such as \{:type :invoke, :f :read, :process 0\}, found the number 1$/],
    ['{:process -1, :type :invoke, :f :get, :key "5", :value nil}', /^kv\.txt:1: expected :process, a non-negative integer/],
    ['{:process 0, :type :begin, :f :get, :key "5", :value nil}', /^kv\.txt:1: expected :type/],
    ['{:process 0, :type :invoke, :f :cas, :key "5", :value nil}', /^kv\.txt:1: expected :f, one of :get :put :append/],
    ['{:process 0, :type :invoke, :f :get, :key 5, :value nil}', /^kv\.txt:1: expected :key, a string/],
    ['\n{:process 0, :type :ok, :f :get, :key "5", :value ""}', /^kv\.txt:2: expected an invoke before this ok get/],
  ])('reports bad input with file:line (%#)', (text, message) => {
    expect(() => parsePorcupineKv('kv.txt', text)).toThrow(UserError);
    expect(() => parsePorcupineKv('kv.txt', text)).toThrow(message);
  });
});
