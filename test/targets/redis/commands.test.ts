/**
 * What each op sends to Redis and how its replies become outcomes, on literal replies: every error
 * kind the client must tell apart (a server refusal, a command never sent, a reply lost with the
 * connection), WAIT short of replicas, and a transaction that ran only in part. The same rules
 * against a real server are in redis-cluster.test.ts.
 */
import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../../src/core/op.js';
import { CAS_SCRIPT, planOp } from '../../../targets/redis/commands.js';
import type { Reply } from '../../../targets/redis/connection.js';

const op = (f: string, value: unknown, key?: string): Op => ({ index: 1, time: 0, process: 0, type: 'invoke', f, value, ...(key === undefined ? {} : { key }) });
const noWait = { wait: 0, waitTimeoutMs: 100 };
const wait2 = { wait: 2, waitTimeoutMs: 100 };
const refused = (m: string): Reply => [new ReplyError(m), undefined];
const lost: Reply = [new Error('Connection is closed.'), undefined];
const unsent: Reply = [new Error("Stream isn't writeable and enableOfflineQueue options is false"), undefined];

describe('redis ops', () => {
  it('picks the commands by workload', () => {
    expect(planOp(op('read', null, 'k'), 'register', noWait).commands).toEqual([['get', 'k']]);
    expect(planOp(op('read', null, 'k'), 'set', noWait).commands).toEqual([['smembers', 'k']]);
    expect(planOp(op('read', null, 'k'), 'counter', noWait).commands).toEqual([['get', 'k']]);
    expect(planOp(op('add', 4, 'k'), 'set', wait2).commands).toEqual([['sadd', 'k', '4'], ['wait', 2, 100]]);
    expect(planOp(op('incr', 3, 'k'), 'counter', noWait).commands).toEqual([['incrby', 'k', 3]]);
    expect(planOp(op('cas', [1, 2], 'k'), 'register', noWait).commands).toEqual([['eval', CAS_SCRIPT, 1, 'k', '1', '2']]);
    expect(planOp(op('txn', [['r', 'a', null], ['append', 'a', 1]]), 'list-append', wait2).commands).toEqual([['multi'], ['lrange', 'a', 0, -1], ['rpush', 'a', '1'], ['exec'], ['wait', 2, 100]]);
    expect(planOp(op('txn', [['r', 'a', null], ['w', 'a', 1]]), 'rw-register', noWait).commands).toEqual([['multi'], ['get', 'a'], ['set', 'a', '1'], ['exec']]);
    expect(planOp(op('txn', [['r', 'a', null]]), 'list-append', wait2).commands).toEqual([['multi'], ['lrange', 'a', 0, -1], ['exec']]); // no write, no WAIT
  });

  it('reads values back as written: integers as numbers, sets sorted, an absent counter as 0', () => {
    expect(planOp(op('read', null, 'k'), 'register', noWait).complete([[null, '12']])).toEqual({ type: 'ok', value: 12 });
    expect(planOp(op('read', null, 'k'), 'register', noWait).complete([[null, null]])).toEqual({ type: 'ok', value: null });
    expect(planOp(op('read', null, 'k'), 'set', noWait).complete([[null, ['10', '9', '100']]])).toEqual({ type: 'ok', value: [9, 10, 100] });
    expect(planOp(op('read', null, 'k'), 'counter', noWait).complete([[null, null]])).toEqual({ type: 'ok', value: 0 });
    expect(planOp(op('cas', [1, 2], 'k'), 'register', noWait).complete([[null, 0]])).toEqual({ type: 'fail', error: 'cas-mismatch' });
  });

  it('a refusal or a command never sent is definite; a lost reply is definite only for a read', () => {
    const write = planOp(op('write', 1, 'k'), 'register', noWait);
    expect(() => write.complete([refused('NOREPLICAS Not enough good replicas to write.')])).toThrow(expect.objectContaining({ definite: true, message: 'NOREPLICAS Not enough good replicas to write.' }));
    expect(() => write.complete([unsent])).toThrow(expect.objectContaining({ definite: true, message: expect.stringMatching(/^not-connected/) }));
    expect(() => write.complete([lost])).toThrow(expect.objectContaining({ definite: false }));
    expect(() => planOp(op('read', null, 'k'), 'register', noWait).complete([lost])).toThrow(expect.objectContaining({ definite: true }));
  });

  it('WAIT: enough replicas ok, too few info, its reply lost info', () => {
    const add = planOp(op('add', 1, 'k'), 'set', wait2);
    expect(add.complete([[null, 1], [null, 2]])).toEqual({ type: 'ok' });
    expect(add.complete([[null, 1], [null, 1]])).toEqual({ type: 'info', error: 'wait: 1 of 2 replicas acknowledged in 100 ms' });
    expect(() => add.complete([[null, 1], lost])).toThrow(expect.objectContaining({ definite: false }));
    // A cas that did not write waits for nothing.
    expect(planOp(op('cas', [1, 2], 'k'), 'register', wait2).complete([[null, 0], [null, 0]])).toEqual({ type: 'fail', error: 'cas-mismatch' });
  });

  it('transactions: EXECABORT is definite, an error inside EXEC results indefinite', () => {
    const t = planOp(op('txn', [['append', 'a', 1], ['r', 'a', null]]), 'list-append', noWait);
    expect(t.complete([[null, 'OK'], [null, 'QUEUED'], [null, 'QUEUED'], [null, [1, ['1']]]])).toEqual({ type: 'ok', value: [['append', 'a', 1], ['r', 'a', [1]]] });
    expect(() => t.complete([[null, 'OK'], refused('READONLY …'), [null, 'QUEUED'], refused('EXECABORT Transaction discarded because of previous errors.')])).toThrow(
      expect.objectContaining({ definite: true, message: expect.stringMatching(/^EXECABORT/) }),
    );
    expect(() => t.complete([[null, 'OK'], [null, 'QUEUED'], [null, 'QUEUED'], [null, [new ReplyError('WRONGTYPE …'), ['1']]]])).toThrow(expect.objectContaining({ definite: false }));
    expect(() => planOp(op('read', null), 'register', noWait)).toThrow(expect.objectContaining({ definite: true }));
  });
});
