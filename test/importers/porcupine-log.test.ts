import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { importPorcupineLog, parsePorcupineLog } from '../../src/importers/porcupine-log.js';
import { PORCUPINE_DATA, etcdExpectations } from '../support/porcupine-data.js';

const L = (fields: string): string => `INFO  jepsen.util - ${fields}`;

describe('porcupine-log importer', () => {
  it('maps Jepsen etcd semantics onto faultline ops', () => {
    const text = [
      L('0\t:invoke\t:read\tnil'),
      L('0\t:ok\t:read\tnil'),
      'INFO  jepsen.core - nemesis starts',
      '',
      L('1\t:invoke\t:cas\t[0 3]'),
      L('1\t:fail\t:cas\t[0 3]'),
      L('2\t:invoke\t:write\t4'),
      L('2\t:info\t:write\t:timed-out'),
      L('3\t:invoke\t:read\tnil'),
      L('3\t:fail\t:read\t:timed-out'),
    ].join('\n');
    const { ops } = parsePorcupineLog('x.log', text);
    expect(ops.map((o) => [o.index, o.process, o.type, o.f, o.value, o.error])).toEqual([
      [0, 0, 'invoke', 'read', null, undefined],
      [1, 0, 'ok', 'read', null, undefined],
      [2, 1, 'invoke', 'cas', [0, 3], undefined],
      [3, 1, 'fail', 'cas', [0, 3], 'cas-mismatch'],
      [4, 2, 'invoke', 'write', 4, undefined],
      [5, 2, 'info', 'write', 4, 'timed-out'],
      [6, 3, 'invoke', 'read', null, undefined],
      [7, 3, 'info', 'read', null, 'timed-out'],
    ]);
  });

  it('reads the space-separated logs (etcd_100–102) like the tab-separated ones', async () => {
    const ops = await importPorcupineLog(join(PORCUPINE_DATA, 'jepsen/etcd_100.log'));
    expect(ops.length).toBeGreaterThan(100);
    expect(ops.find((o) => o.f === 'cas')?.value).toEqual(expect.arrayContaining([expect.any(Number)]));
  });

  it('imports every etcd log, and the empty etcd_095.log as an empty history', async () => {
    expect(await importPorcupineLog(join(PORCUPINE_DATA, 'jepsen/etcd_095.log'))).toEqual([]);
    for (const c of etcdExpectations()) expect((await importPorcupineLog(c.path)).length).toBeGreaterThan(0);
  });

  it.each([
    [L('0\t:invoke\t:read\tnil') + '\n' + L('0\t:invoke\t:read\tnil'), /^x\.log:2: expected a completion of process 0's read \(invoked on line 1\)/],
    [L('0\t:ok\t:read\t3'), /^x\.log:1: expected an invoke before this ok read of process 0/],
    [L('0\t:invoke\t:read\tnil') + '\n' + L('0\t:ok\t:write\t1'), /^x\.log:2: expected the completion of read/],
    [L('zero\t:invoke\t:read\tnil'), /^x\.log:1: expected a process number, found "zero"/],
    [L('0\t:begin\t:read\tnil'), /^x\.log:1: expected :invoke, :ok, :fail or :info/],
    [L('0\t:invoke\t:write\t{1}'), /^x\.log:1: expected a value: nil, an integer or \[from to\], found "\{1\}"/],
    [L('0 garbage'), /^x\.log:1: expected "jepsen.util - PROCESS :TYPE :F VALUE"/],
  ])('reports bad input with file:line (%#)', (text, message) => {
    expect(() => parsePorcupineLog('x.log', text)).toThrow(UserError);
    expect(() => parsePorcupineLog('x.log', text)).toThrow(message);
  });

  it('reports a missing file as a UserError', async () => {
    await expect(importPorcupineLog('/nonexistent/x.log')).rejects.toThrow(/\/nonexistent\/x\.log: cannot read \(ENOENT\)/);
  });
});
