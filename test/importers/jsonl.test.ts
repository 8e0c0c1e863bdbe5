import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { parseJsonl } from '../../src/importers/jsonl.js';

const rec = (o: object): string => JSON.stringify({ index: 0, time: 0, process: 0, f: 'read', value: null, ...o });

describe('jsonl importer', () => {
  it('keeps the records as written', () => {
    const text = [rec({ type: 'invoke' }), rec({ index: 1, time: 5, type: 'ok', value: 3, key: 'k' })].join('\n') + '\n';
    expect(parseJsonl('h.jsonl', text).ops).toEqual([
      { index: 0, time: 0, process: 0, type: 'invoke', f: 'read', value: null },
      { index: 1, time: 5, process: 0, type: 'ok', f: 'read', value: 3, key: 'k' },
    ]);
  });

  it('drops a torn last line with a warning', () => {
    const warnings: string[] = [];
    const { ops } = parseJsonl('h.jsonl', rec({ type: 'invoke' }) + '\n{"index": 1, "ti', (m) => warnings.push(m));
    expect(ops).toHaveLength(1);
    expect(warnings[0]).toMatch(/^h\.jsonl:2: torn last line ignored/);
  });

  it('reports a complete bad last line instead of dropping it as torn', () => {
    const warnings: string[] = [];
    const text = rec({ type: 'invoke' }) + '\n' + rec({ index: 1, type: 'OK', value: 3 }) + '\n';
    expect(() => parseJsonl('h.jsonl', text, (m) => warnings.push(m))).toThrow(/^h\.jsonl:2: expected an op: field "type"/);
    expect(warnings).toEqual([]);
  });

  it('reads integers beyond 2^53 exactly', () => {
    const text = '{"index":0,"time":0,"process":0,"type":"invoke","f":"write","value":[9007199254740993,1]}\n';
    expect(parseJsonl('h.jsonl', text).ops[0].value).toEqual([9007199254740993n, 1]);
  });

  it('reports a bad line that is not the last, and unpaired ops, with file:line', () => {
    expect(() => parseJsonl('h.jsonl', 'nope\n' + rec({ type: 'invoke' }))).toThrow(UserError);
    expect(() => parseJsonl('h.jsonl', 'nope\n' + rec({ type: 'invoke' }))).toThrow(/^h\.jsonl:1: expected one JSON object per line/);
    expect(() => parseJsonl('h.jsonl', '\n' + rec({ type: 'ok' }))).toThrow(/^h\.jsonl:2: expected an invoke before this ok read/);
  });
});
