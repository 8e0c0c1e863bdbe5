/**
 * The session-guarantees checker on faultline histories: one history that keeps and one that breaks
 * each guarantee, how info, fail and cas ops are read, and the refusal of repeated written values.
 * Op indices in comments are invoke indices (each row is an invoke and its completion).
 */
import { describe, expect, it } from 'vitest';
import { sessionChecker } from '../../src/checkers/session.js';
import { safeCheck } from '../../src/core/checker.js';
import { UserError } from '../../src/core/errors.js';
import { history, testInfo, type Row } from './weak-fixtures.js';

const check = (rows: Row[]) => sessionChecker({ maxAnomalies: 10 }).check(testInfo, history(rows), {});
const statuses = async (rows: Row[]) => Object.fromEntries(Object.entries((await check(rows)).models!).map(([m, v]) => [m, v.status]));
const all = (s: string) => ({ 'read-your-writes': s, 'monotonic-reads': s, 'monotonic-writes': s, 'writes-follow-reads': s });

describe('session checker', () => {
  it('read-your-writes: broken by a read of the initial value after the process’s own write', async () => {
    // 0 p0 write 1 | 2 p0 read → null
    const r = await check([[0, 'write', 1], [0, 'read', null]]);
    expect(r.valid).toBe(false);
    expect(r.models!['read-your-writes']).toEqual({ status: 'ruled-out', by: ['ryw-violation'] });
    expect(r.models!['monotonic-reads'].status).toBe('holds');
    const a = r.anomalies![0];
    expect(a).toMatchObject({ kind: 'ryw-violation', ops: [0, 2], key: 'x' });
    expect(a.graph).toEqual({ nodes: [0, 2], edges: [{ from: 0, to: 2, label: 'po' }] });
    expect(a.explanation).toBe('Read-your-writes: op 2 (read null from "x") returned the initial value, which is older than its own process’s earlier op 0 (write 1 to "x").');
  });

  it('read-your-writes: broken by a read of the process’s own overwritten write', async () => {
    // 0 p0 write 1 | 2 p0 write 2 | 4 p0 read → 1
    const r = await check([[0, 'write', 1], [0, 'write', 2], [0, 'read', 1]]);
    expect(r.models!['read-your-writes'].status).toBe('ruled-out');
    expect(r.anomalies![0].graph!.edges).toEqual([
      { from: 2, to: 4, label: 'po' },
      { from: 0, to: 4, label: 'rf' },
      { from: 0, to: 2, label: 'co' },
    ]);
  });

  it('read-your-writes: kept when a concurrent write of another process wins', async () => {
    expect(await statuses([[0, 'write', 1], [1, 'write', 2], [0, 'read', 2], [1, 'read', 1]])).toEqual(all('holds'));
  });

  it('monotonic reads: broken by reading a write the process had seen overwritten', async () => {
    // p1 writes 1 then 2; p0 reads 2 (4) then 1 (6)
    const r = await check([[1, 'write', 1], [1, 'write', 2], [0, 'read', 2], [0, 'read', 1]]);
    expect(r.models!['monotonic-reads']).toEqual({ status: 'ruled-out', by: ['mr-violation'] });
    expect(r.anomalies!.find((a) => a.kind === 'mr-violation')).toMatchObject({ ops: [0, 2, 4, 6] });
  });

  it('monotonic reads: kept by reads that move forwards, and by 1, 2, 1 of two concurrent writes', async () => {
    expect(await statuses([[1, 'write', 1], [1, 'write', 2], [0, 'read', 1], [0, 'read', 2]])).toEqual(all('holds'));
    // Concurrent writes: no version order is assumed between them (CC allows this; CM and CCv do not).
    expect(await statuses([[1, 'write', 1], [2, 'write', 2], [0, 'read', 1], [0, 'read', 2], [0, 'read', 1]])).toEqual(all('holds'));
  });

  it('monotonic writes: broken when a later write of a process is seen but not its earlier one', async () => {
    // p1 writes x=1 (0) then y=1 (2); p0 reads y → 1 (4), then x → initial value (6)
    const rows: Row[] = [[1, 'write', 1, 'x'], [1, 'write', 1, 'y'], [0, 'read', 1, 'y'], [0, 'read', null, 'x']];
    const r = await check(rows);
    expect(await statuses(rows)).toEqual({
      ...all('holds'),
      'monotonic-writes': 'ruled-out',
    });
    const a = r.anomalies![0];
    expect(a).toMatchObject({ kind: 'mw-violation', ops: [0, 2, 4, 6], key: 'x' });
    expect(a.graph!.edges).toEqual([
      { from: 0, to: 2, label: 'po' },
      { from: 2, to: 4, label: 'rf' },
      { from: 4, to: 6, label: 'po' },
    ]);
  });

  it('monotonic writes: kept when the earlier write is seen too', async () => {
    expect(await statuses([[1, 'write', 1, 'x'], [1, 'write', 1, 'y'], [0, 'read', 1, 'y'], [0, 'read', 1, 'x']])).toEqual(all('holds'));
  });

  it('writes-follow-reads: broken when a write is seen but not the write its writer had read', async () => {
    // p1 writes x=1 (0); p2 reads it (2), then writes y=1 (4); p0 reads y → 1 (6), then x → initial (8)
    const rows: Row[] = [[1, 'write', 1, 'x'], [2, 'read', 1, 'x'], [2, 'write', 1, 'y'], [0, 'read', 1, 'y'], [0, 'read', null, 'x']];
    expect(await statuses(rows)).toEqual({ ...all('holds'), 'writes-follow-reads': 'ruled-out' });
    const a = (await check(rows)).anomalies![0];
    expect(a).toMatchObject({ kind: 'wfr-violation', ops: [0, 2, 4, 6, 8], key: 'x' });
    expect(a.explanation).toMatch(/^Writes-follow-reads: the writer of op 4 \(write 1 to "y"\) had read op 0 \(write 1 to "x"\)/);
  });

  it('writes-follow-reads: kept when the write read first is seen too', async () => {
    expect(await statuses([[1, 'write', 1, 'x'], [2, 'read', 1, 'x'], [2, 'write', 1, 'y'], [0, 'read', 1, 'y'], [0, 'read', 1, 'x']])).toEqual(all('holds'));
  });

  it('drops failed ops and unknown reads; keeps an unknown write only if its value was read', async () => {
    // p1's write of 1 times out, but p0 reads 1: it happened, so p0's later read of the initial
    // value breaks monotonic reads. p0's failed write did not happen: read-your-writes holds.
    const rows: Row[] = [[1, 'write', 1, 'x', 'info'], [0, 'write', 5, 'x', 'fail'], [0, 'read', 1], [0, 'read', null, 'x', 'info'], [0, 'read', null]];
    const r = await check(rows);
    expect(r.models!['monotonic-reads'].status).toBe('ruled-out');
    expect(r.models!['read-your-writes'].status).toBe('holds');
    expect(r.stats).toMatchObject({ ops: 3, dropped: 2 });
    // An unknown write nobody read is dropped: no violation from it.
    const quiet = await check([[0, 'write', 1, 'x', 'info'], [1, 'read', null]]);
    expect(quiet.valid).toBe(true);
    expect(quiet.stats).toMatchObject({ ops: 1, dropped: 1 });
  });

  it('reads an ok cas as a read of `from` then a write of `to`; a failed cas observed nothing', async () => {
    // p0 writes 1; p1 cas 1→2 (2); p2 reads 2 (4) then 1 (6): 1 is causally older than 2.
    const r = await check([[0, 'write', 1], [1, 'cas', [1, 2]], [1, 'cas', [7, 8], 'x', 'fail'], [2, 'read', 2], [2, 'read', 1]]);
    expect(r.models!['monotonic-reads'].status).toBe('ruled-out');
    expect(r.anomalies![0].graph!.edges).toContainEqual({ from: 0, to: 2, label: 'co' });
  });

  it('refuses repeated written values, naming the first repeat, and safeCheck keeps the message one line', async () => {
    const rows: Row[] = [[0, 'write', 1], [1, 'read', 1], [1, 'write', 1]];
    await expect(check(rows)).rejects.toThrow(new UserError('op 4: writes 1 to key "x", which op 0 already wrote; the session checker needs every written value to be unique per key'));
    const r = await safeCheck(sessionChecker({ maxAnomalies: 10 }), testInfo, history(rows));
    const reason = 'writes 1 to key "x", which op 0 already wrote; the session checker needs every written value to be unique per key';
    expect(r).toEqual({ valid: 'unknown', error: `cannot check: op 4: ${reason}`, badOp: { index: 4, reason } });
    await expect(check([[0, 'write', null]])).rejects.toThrow(/^op 0: writes null/);
    await expect(check([[0, 'append', 1]])).rejects.toThrow('op 0: the session checker reads read, write and cas ops, found "append"');
  });

  it('compares and prints integers beyond 2^53 exactly', async () => {
    // p0 writes 2^53, then 2^53 + 1, then reads 2^53, its own overwritten write: rounded, the two would be one value.
    const big = 2n ** 53n;
    const r = await check([[0, 'write', big], [0, 'write', big + 1n], [0, 'read', big]]);
    expect(r.models!['read-your-writes']).toEqual({ status: 'ruled-out', by: ['ryw-violation'] });
    expect(r.anomalies![0].explanation).toContain('read 9007199254740992 from "x"');
    expect(await statuses([[0, 'write', big], [0, 'write', big + 1n], [0, 'read', big + 1n]])).toEqual(all('holds'));
    await expect(check([[0, 'write', big], [1, 'write', big]])).rejects.toThrow('op 2: writes 9007199254740992 to key "x", which op 0 already wrote');
  });

  it('is unknown, not valid, when a read returned a value nobody wrote', async () => {
    const r = await check([[0, 'write', 1], [1, 'read', 9]]);
    expect(r.valid).toBe('unknown');
    expect(r.models!['read-your-writes'].status).toBe('unknown');
    expect(r.error).toMatch(/1 read\(s\) returned a value no write wrote \(first: op 2\)/);
  });

  it('keeps max-anomalies per guarantee and counts them all', async () => {
    const rows: Row[] = [[0, 'write', 1], [0, 'read', null], [0, 'read', null], [0, 'read', null]];
    const r = await sessionChecker({ maxAnomalies: 2 }).check(testInfo, history(rows), {});
    expect(r.anomalies!.filter((a) => a.kind === 'ryw-violation')).toHaveLength(2);
    expect(r.stats).toMatchObject({ violations: { 'ryw-violation': 3 } });
  });
});
