/**
 * `faultline check` decides first, then looks for more bad keys within `--explain-timeout`: Porcupine's
 * kv c50-bad (ten keys; the fast search proves key "1" bad at once, several others take seconds or
 * more) is invalid whatever the budget, every key proved bad is an anomaly explained by the prefixes
 * its search recorded, and the keys the budget left undecided are counted.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, describeOutcome } from '../../src/cli/check.js';
import type { Anomaly } from '../../src/core/checker.js';
import { PORCUPINE_DATA } from '../support/porcupine-data.js';

const C50_BAD = join(PORCUPINE_DATA, 'kv/c50-bad.txt');
const kv = { format: 'porcupine-kv', model: 'kv' };
type Detail = { finalState: string; partialLinearizations: { ops: number[]; states: string[] }[]; ops: { invoke: number }[] };
const detail = (a: Anomaly) => a.detail as Detail;

/** The anomaly's explanation hangs together: a longest prefix of the key's own ops, and next ops outside it. */
function expectExplained(a: Anomaly): void {
  const d = detail(a);
  const own = new Set(d.ops.map((o) => o.invoke));
  const [longest] = d.partialLinearizations;
  expect(longest.ops.length).toBeGreaterThan(0);
  expect(longest.states).toHaveLength(longest.ops.length);
  expect(new Set(longest.ops).size).toBe(longest.ops.length);
  expect(longest.ops.every((i) => own.has(i))).toBe(true);
  for (const p of d.partialLinearizations) expect(p.ops.length).toBeLessThanOrEqual(longest.ops.length);
  expect(d.finalState).toBe(longest.states.at(-1));
  expect(a.ops.length).toBeGreaterThan(0);
  expect(a.ops.every((i) => own.has(i) && !longest.ops.includes(i))).toBe(true);
}

describe('faultline check --explain-timeout', () => {
  it('with a budget of 0, c50-bad is invalid and the key the verdict proved bad comes explained by its search', async () => {
    const { result, exitCode } = await checkFile(C50_BAD, { ...kv, explainTimeout: '0' });
    expect(exitCode).toBe(1);
    expect(result.valid).toBe(false);
    expect(result.anomalies!.map((a) => a.key)).toEqual(['1']);
    const a = result.anomalies![0];
    expect(a.kind).toBe('nonlinearizable');
    expect(detail(a).ops).toHaveLength(194);
    expectExplained(a);
    expect(a.explanation).toMatch(/^Key "1" is not linearizable under the kv model: no order of its 194 operations .* longest linearizable prefix found has \d+ operations/);
    expect(result.stats).toMatchObject({ partitions: 10, decided: 1, illegalKeys: 1, undecidedKeys: 9 });
  });

  it('says how many keys the explanation budget left undecided', async () => {
    const outcome = await checkFile(C50_BAD, { ...kv, explainTimeout: '0' });
    expect(describeOutcome(C50_BAD, outcome)).toContain('  9 keys not decided within the explanation budget (--explain-timeout)');
    const ok = await checkFile(join(PORCUPINE_DATA, 'kv/c01-ok.txt'), kv);
    expect(describeOutcome('c01-ok.txt', ok).join('\n')).not.toMatch(/not decided/);
  });

  it('with a small budget, c50-bad is invalid with at least the known bad key, each anomaly explained', async () => {
    const { result } = await checkFile(C50_BAD, { ...kv, explainTimeout: '0.2' });
    expect(result.valid).toBe(false);
    const keys = result.anomalies!.map((a) => a.key);
    expect(keys).toContain('1');
    const stats = result.stats as { illegalKeys: number; undecidedKeys: number; decided: number };
    expect(keys).toHaveLength(stats.illegalKeys);
    expect(stats.decided + stats.undecidedKeys).toBe(10);
    for (const a of result.anomalies!) expectExplained(a);
  });

  it('a verdict timeout is unknown (exit 2), never linearizable', async () => {
    const { result, exitCode } = await checkFile(join(PORCUPINE_DATA, 'kv/c50-ok.txt'), { ...kv, timeout: '0.000001' });
    expect(result.valid).toBe('unknown');
    expect(exitCode).toBe(2);
    expect(result.error).toMatch(/undecided after 0.001 ms/);
  });

  it('rejects a negative or non-numeric budget naming the option', async () => {
    await expect(checkFile(C50_BAD, { ...kv, explainTimeout: '-1' })).rejects.toThrow(/^check: option --explain-timeout: .*>=0/);
    await expect(checkFile(C50_BAD, { ...kv, explainTimeout: 'soon' })).rejects.toThrow(/^check: option --explain-timeout: /);
  });
});
