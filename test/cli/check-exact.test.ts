/**
 * Integers are compared exactly in every format: a read of 9007199254740992 after a write of
 * 9007199254740993 is a stale read, although both are the same double. A checker that rounds
 * would call each of these histories linearizable.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import { packageRoot } from '../../src/core/paths.js';
import { runCliProcess } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-check-exact-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const W = '9007199254740993';
const R = '9007199254740992';
const line = (i: number, p: number, type: string, f: string, value: string) =>
  `{"index":${i},"time":${i},"process":${p},"type":"${type}","f":"${f}","value":${value}}\n`;
/** write W (ok), then read R (ok); with `same`, the read returns W. */
const jsonl = (read: string) => line(0, 0, 'invoke', 'write', W) + line(1, 0, 'ok', 'write', W) + line(2, 1, 'invoke', 'read', 'null') + line(3, 1, 'ok', 'read', read);
const log = (read: string) =>
  [`0\t:invoke\t:write\t${W}`, `0\t:ok\t:write\t${W}`, '1\t:invoke\t:read\tnil', `1\t:ok\t:read\t${read}`, `2\t:invoke\t:cas\t[${W} 18446744073709551616]`, `2\t:ok\t:cas\t[${W} 18446744073709551616]`]
    .map((l) => `INFO  jepsen.util - ${l}\n`)
    .join('');
const kv = (read: string) =>
  [`{:process 0, :type :invoke, :f :put, :key "k", :value "${W}"}`, `{:process 0, :type :ok, :f :put, :key "k", :value "${W}"}`, '{:process 1, :type :invoke, :f :get, :key "k", :value nil}', `{:process 1, :type :ok, :f :get, :key "k", :value "${read}"}`]
    .join('\n');
const jsonlKv = (read: string) => line(0, 0, 'invoke', 'put', W).replace('}\n', ',"key":"k"}\n') + line(1, 0, 'ok', 'put', W).replace('}\n', ',"key":"k"}\n') + line(2, 1, 'invoke', 'get', 'null').replace('}\n', ',"key":"k"}\n') + line(3, 1, 'ok', 'get', read).replace('}\n', ',"key":"k"}\n');

describe('check compares integers exactly', () => {
  const cases: [string, string, (read: string) => string][] = [
    ['jsonl', 'h.jsonl', jsonl],
    ['porcupine-log', 'h.log', log],
    ['porcupine-kv', 'h.txt', kv],
    ['jsonl (kv model)', 'kv.jsonl', jsonlKv],
  ];
  for (const [name, file, make] of cases) {
    it(`${name}: a read of ${R} after a write of ${W} is not linearizable; a read of ${W} is`, async () => {
      expect((await checkFile(write(`stale-${file}`, make(R)), {})).result.valid).toBe(false);
      expect((await checkFile(write(`fresh-${file}`, make(W)), {})).result.valid).toBe(true);
    });
  }

  it('jepsen-edn, with N-suffixed big integers', async () => {
    const stale = join(packageRoot(), 'test/fixtures/edn/bigint-stale-read.edn');
    expect((await checkFile(stale, {})).result.valid).toBe(false);
    const fresh = write('fresh.edn', readFileSync(stale, 'utf8').replace(`:value ${R}`, `:value ${W}`));
    expect((await checkFile(fresh, {})).result.valid).toBe(true);
  });

  it('writes the exact digits to the report history, explains with them, and draws the report', async () => {
    const report = join(dir, 'report');
    const r = await runCliProcess(['check', write('stale.jsonl', jsonl(R)), '--report', report]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`read() -> ${R}`);
    expect(readFileSync(join(report, 'history.jsonl'), 'utf8')).toBe(jsonl(R));
    const html = readFileSync(join(report, 'report.html'), 'utf8');
    expect(html).toContain(`"value":"${W}"`);
    expect(html).toContain(`"value":"${R}"`);
  });
});
