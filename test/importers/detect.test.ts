import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/paths.js';
import { guessFormat } from '../../src/importers/detect.js';
import { looksBinary } from '../../src/importers/read-text.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

const text = (t: string) => guessFormat({ text: t, binary: false });
const file = (path: string) => {
  const bytes = readFileSync(path);
  return guessFormat({ text: bytes.toString('utf8'), binary: looksBinary(bytes.subarray(0, 65536), bytes.length > 65536) });
};

describe('format detection', () => {
  it('recognises the four formats from their content', () => {
    expect(file(join(PORCUPINE_DATA, 'jepsen/etcd_000.log'))).toEqual({ format: 'porcupine-log', looksLike: 'a Porcupine (Jepsen etcd) log' });
    expect(file(join(PORCUPINE_DATA, 'kv/c01-ok.txt'))).toEqual({ format: 'porcupine-kv', looksLike: 'a Porcupine kv history (EDN)' });
    for (const f of ['register-vector.edn', 'independent-records.edn', 'list-append.edn']) {
      expect(file(join(packageRoot(), 'test/fixtures/edn', f))).toEqual({ format: 'jepsen-edn', looksLike: 'a Jepsen EDN history' });
    }
    expect(text('{"index":0,"time":0,"process":0,"type":"invoke","f":"read","value":null}\n')).toEqual({ format: 'jsonl', looksLike: 'a faultline JSONL history' });
  });

  it('says what other content looks like, with no format', () => {
    expect(file('/bin/ls')).toEqual({ looksLike: 'binary data, not text' });
    expect(text('  \n')).toEqual({ looksLike: 'an empty file' });
    expect(text('[{"type": "invoke"}]')).toEqual({ looksLike: 'a JSON array (faultline reads JSON lines: one object per line)' });
    expect(text('time,process,type\n1,0,invoke\n')).toEqual({ looksLike: 'text in no history format faultline reads (it starts "time,process,type")' });
  });

  it('takes EDN that holds no op maps as EDN, saying so', () => {
    expect(text('[1 2 3]')).toEqual({ format: 'jepsen-edn', looksLike: 'EDN, but it starts with the number 1 where an op map should be' });
    expect(text('; only a comment\n[]')).toEqual({ format: 'jepsen-edn', looksLike: 'EDN holding no op maps' });
  });

  it('tells binary from text by NUL bytes and invalid UTF-8, allowing a character cut at the end of a prefix', () => {
    expect(looksBinary(Buffer.from('plain text é'))).toBe(false);
    expect(looksBinary(Buffer.from([0x61, 0x00, 0x62]))).toBe(true);
    expect(looksBinary(Buffer.from([0x61, 0xff, 0x62]))).toBe(true);
    const cut = Buffer.from('aé').subarray(0, 2); // the first byte of é only
    expect(looksBinary(cut, true)).toBe(false);
    expect(looksBinary(cut, false)).toBe(true);
  });
});
