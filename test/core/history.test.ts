import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { canonicalInteger, parseExactJson, stringifyExactJson } from '../../src/core/exact-json.js';
import { parseHistoryText, readHistory, readHistoryWithLines } from '../../src/core/history-reader.js';
import { openHistoryWriter } from '../../src/core/history-writer.js';
import { pairOps, type Op } from '../../src/core/op.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Op values are JSON by definition; normalise what JSON cannot hold (-0 becomes 0) and write
// integers in their canonical form (beyond 2^53 − 1 in magnitude, a bigint: see exact-json.ts).
const jsonValue = fc.jsonValue().map((v) => parseExactJson(JSON.stringify(v)));
/** Integers of any size, canonical, alone and nested: they must come back exactly. */
const exactIntegers = fc.oneof(
  fc.bigInt().map(canonicalInteger),
  fc.array(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(canonicalInteger), { maxLength: 3 }),
  fc.record({ v: fc.bigInt().map(canonicalInteger) }),
);

/** A well-formed history: per process, invoke then a completion, interleaved at random. */
const historyArb = fc
  .array(
    fc.record({
      process: fc.oneof(fc.nat(20), fc.constant('nemesis' as const)),
      f: fc.constantFrom('read', 'write', 'cas', 'start-partition'),
      value: fc.oneof(fc.constant(null), jsonValue, exactIntegers),
      outcome: fc.constantFrom('ok' as const, 'fail' as const, 'info' as const),
      key: fc.option(fc.string(), { nil: undefined }),
    }),
    { maxLength: 60 },
  )
  .map((specs) => {
    const ops: Op[] = [];
    let t = 0;
    for (const s of specs) {
      const base = { process: s.process, f: s.f, ...(s.key === undefined ? {} : { key: s.key }) };
      ops.push({ index: ops.length, time: (t += 7), type: 'invoke', value: s.value, ...base });
      ops.push({ index: ops.length, time: (t += 11), type: s.outcome, value: s.value, ...base });
    }
    return ops;
  });

describe('history JSONL', () => {
  it('round-trips any history through the writer and the reader', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (ops) => {
        const file = join(dir, `h-${Math.random()}.jsonl`);
        const w = openHistoryWriter(file);
        for (const op of ops) w.append(op);
        w.close();
        expect(await readHistory(file)).toEqual(ops);
        expect(w.count).toBe(ops.length);
      }),
      { numRuns: 50 },
    );
  });

  it('writes records to disk within one event-loop turn, before close', async () => {
    const file = join(dir, 'live.jsonl');
    const w = openHistoryWriter(file);
    w.append({ index: 0, time: 1, process: 0, type: 'invoke', f: 'read', value: null });
    await new Promise((r) => setImmediate(r));
    expect(await readHistory(file)).toHaveLength(1);
    w.close();
  });

  it('drops a torn last line with a warning naming file and line', async () => {
    const file = join(dir, 'torn.jsonl');
    const ok = { index: 0, time: 1, process: 0, type: 'invoke', f: 'read', value: null };
    writeFileSync(file, JSON.stringify(ok) + '\n');
    appendFileSync(file, '{"index":1,"time":2,"proc');
    const warnings: string[] = [];
    const ops = await readHistory(file, { onWarning: (m) => warnings.push(m) });
    expect(ops).toEqual([ok]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^${file}:2: torn last line ignored`));
  });

  it('rejects a complete (newline-terminated) malformed last line instead of dropping it as torn', async () => {
    const file = join(dir, 'badlast.jsonl');
    const op = (i: number, type: string) => JSON.stringify({ index: i, time: i, process: 0, type, f: 'read', value: null });
    writeFileSync(file, [op(0, 'invoke'), op(1, 'OK')].join('\n') + '\n');
    const warnings: string[] = [];
    const err = await readHistory(file, { onWarning: (m) => warnings.push(m) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(new RegExp(`^${file}:2: expected an op: field "type"`));
    expect(warnings).toEqual([]);
  });

  it('keeps an unterminated last line that is a whole record, and reads CRLF lines', async () => {
    const file = join(dir, 'nonl.jsonl');
    const op = (i: number) => ({ index: i, time: i, process: 0, type: i === 0 ? 'invoke' : 'ok', f: 'read', value: 9007199254740993n });
    writeFileSync(file, `${stringifyExactJson(op(0))}\r\n${stringifyExactJson(op(1))}`);
    expect(await readHistoryWithLines(file)).toEqual({ ops: [op(0), op(1)], lines: [1, 2] });
  });

  it('reads the same history, lines and torn tail from a stream as from text', async () => {
    const file = join(dir, 'same.jsonl');
    const op = (i: number) => JSON.stringify({ index: i, time: i, process: i, type: 'invoke', f: 'read', value: null });
    const text = `${op(0)}\n\n${op(1)}\n{"index":2,"ti`;
    writeFileSync(file, text);
    const fromFile: string[] = [];
    const fromText: string[] = [];
    const a = await readHistoryWithLines(file, { onWarning: (m) => fromFile.push(m) });
    const b = parseHistoryText(file, text, { onWarning: (m) => fromText.push(m) });
    expect(a).toEqual(b);
    expect(a.lines).toEqual([1, 3]);
    expect(fromFile).toEqual(fromText);
    expect(fromFile[0]).toMatch(new RegExp(`^${file}:4: torn last line ignored`));
  });

  it('rejects a malformed line in the middle with file:line and what was expected', async () => {
    const file = join(dir, 'bad.jsonl');
    const op = (i: number, extra: object = {}) => JSON.stringify({ index: i, time: i, process: 0, type: 'invoke', f: 'r', value: null, ...extra });
    writeFileSync(file, [op(0), op(1, { type: 'done' }), op(2)].join('\n') + '\n');
    const err = await readHistory(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(new RegExp(`^${file}:2: expected an op: field "type"`));
  });

  it('says which line is not JSON', async () => {
    const file = join(dir, 'notjson.jsonl');
    writeFileSync(file, 'hello\n{}\n');
    await expect(readHistory(file)).rejects.toThrow(`${file}:1: expected one JSON object per line`);
  });

  it('names a missing file without a stack trace', async () => {
    await expect(readHistory(join(dir, 'nope.jsonl'))).rejects.toThrow(/nope\.jsonl: cannot read history \(ENOENT\)/);
  });
});

describe('pairOps', () => {
  it('pairs every invoke of a well-formed history with its completion', () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        // A process may repeat only after its previous op completed, which historyArb guarantees.
        const pairs = pairOps(ops);
        expect(pairs).toHaveLength(ops.length / 2);
        for (const p of pairs) {
          expect(p.complete?.process).toBe(p.invoke.process);
          expect(p.complete!.index).toBeGreaterThan(p.invoke.index);
        }
      }),
    );
  });

  it('rejects a process with two ops in flight and a completion with no invoke', () => {
    const inv = (index: number): Op => ({ index, time: index, process: 1, type: 'invoke', f: 'read', value: null });
    expect(() => pairOps([inv(0), inv(1)])).toThrow('process 1 invoked while op 0 is still in flight');
    expect(() => pairOps([{ ...inv(0), type: 'ok' }])).toThrow('ok from process 1 with no invoke in flight');
  });

  it('rejects a completion whose f differs from its invoke, naming both', () => {
    const write: Op = { index: 0, time: 0, process: 1, type: 'invoke', f: 'write', value: 1 };
    for (const type of ['ok', 'fail', 'info'] as const) {
      const read: Op = { index: 1, time: 1, process: 1, type, f: 'read', value: 1 };
      expect(() => pairOps([write, read])).toThrow(/^op 1: .*\bread\b.*\bwrite\b/);
    }
    // The same completion with the invoke's f pairs.
    expect(pairOps([write, { index: 1, time: 1, process: 1, type: 'ok', f: 'write', value: 1 }])).toHaveLength(1);
  });
});
