/**
 * InstallSnapshot on a follower that already holds the snapshot's last entry. A restarted node's
 * commit index starts at its own snapshot, so a leader's snapshot can be "ahead" of its commit index
 * while its log holds that entry and more, some of it already acknowledged. Raft §7: keep the entries
 * that follow; discarding them left the leader believing the follower had entries it no longer had
 * (its match index above the follower's log, so every later rejection was ignored and the follower
 * never caught up; found by the random schedules in raft-core.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { RaftCore } from '../../../targets/raft-kv/core/raft.js';
import { RaftLog } from '../../../targets/raft-kv/core/raft-log.js';
import type { AppendResponse, Entry, SnapshotRequest } from '../../../targets/raft-kv/core/types.js';

const e = (index: number, term: number): Entry => ({ index, term, cmd: `c${index}` });

/** A follower n2 just restarted with `entries` on disk and no snapshot of its own. */
function restartedFollower(entries: Entry[]): RaftCore {
  return new RaftCore(
    { id: 'n2', peers: ['n1', 'n3'], electionTimeout: 100, heartbeatInterval: 20, maxBatch: 3, maxInflight: 2, leaseFraction: 0.9, random: () => 0.5 },
    { hardState: { term: 2, vote: 'n1' }, snapshot: { index: 0, term: 0, data: '[]' }, log: new RaftLog(0, 0, entries) },
    0,
    0,
  );
}

const snapshotMsg = (index: number, term: number): SnapshotRequest => ({
  type: 'snapshot', from: 'n1', to: 'n2', term: 2, snapshot: { index, term, data: JSON.stringify(['c1']) }, seq: 1, sentAt: 0,
});

describe('InstallSnapshot on a restarted follower', () => {
  it('keeps the log after a snapshot whose last entry it already has, and commits up to it', () => {
    const core = restartedFollower([e(1, 1), e(2, 1), e(3, 2)]);
    core.step(snapshotMsg(1, 1));
    const rd = core.ready();
    expect(rd.snapshot).toBeUndefined();
    expect(core.log.lastIndex()).toBe(3);
    expect(core.log.base).toBe(0);
    expect(rd.committed).toEqual([e(1, 1)]);
    const reply = rd.messages[0] as AppendResponse;
    expect(reply).toMatchObject({ type: 'append-resp', to: 'n1', success: true, index: 1 });
  });

  it('still replaces a log that disagrees with the snapshot', () => {
    const core = restartedFollower([e(1, 1), e(2, 1)]);
    core.step(snapshotMsg(2, 2));
    const rd = core.ready();
    expect(rd.snapshot).toMatchObject({ index: 2, term: 2 });
    expect(core.log.base).toBe(2);
    expect(core.log.lastIndex()).toBe(2);
    expect(rd.messages[0]).toMatchObject({ success: true, index: 2 });
  });
});
