/**
 * The leaderless settings from `--target-opt` to server flags: `replication=leaderless` and its
 * `lww-clock` and `anti-entropy-ms` reach the server's arguments, which parse them back; the wall
 * clock without the leaderless mode, or an unknown value, is refused both as a target option (one
 * line through the CLI, exit 254) and as a server flag.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftKvOptionsSchema, serverFlags } from '../../../targets/raft-kv/options.js';
import { parseServerArgs } from '../../../targets/raft-kv/server/options.js';
import { runCliProcess } from '../../support/cli.js';

const base = ['--id', 'n1', '--listen', '127.0.0.1:7001', '--peer-listen', '127.0.0.1:7101', '--data-dir', '/tmp/x'];

describe('raft-kv leaderless options', () => {
  it('reach the server flags and parse back', () => {
    const opts = raftKvOptionsSchema.parse({ replication: 'leaderless', 'lww-clock': 'wall', 'anti-entropy-ms': '250' });
    const parsed = parseServerArgs([...base, ...serverFlags(opts, 'n1')]);
    expect(parsed).toMatchObject({ replication: 'leaderless', lwwClock: 'wall', antiEntropyMs: 250 });
    expect(parseServerArgs([...base, ...serverFlags(raftKvOptionsSchema.parse({}), 'n1')])).toMatchObject({ replication: 'raft', lwwClock: 'hlc' });
  });

  it('refuse the wall clock without replication=leaderless, and unknown values', () => {
    const wall = raftKvOptionsSchema.safeParse({ 'lww-clock': 'wall' });
    expect(wall.success).toBe(false);
    expect(wall.error?.issues[0]).toMatchObject({ path: ['lww-clock'], message: 'only with replication=leaderless' });
    expect(raftKvOptionsSchema.safeParse({ replication: 'gossip' }).success).toBe(false);
    expect(() => parseServerArgs([...base, '--lww-clock', 'wall'])).toThrow('--lww-clock wall: only with --replication leaderless');
    expect(() => parseServerArgs([...base, '--replication', 'gossip'])).toThrow('--replication gossip: expected one of raft, leaderless');
  });

  it('faultline run refuses lww-clock=wall without replication=leaderless in one line, exit 254', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-leaderless-opts-'));
    try {
      const r = await runCliProcess(['run', '--target', 'raft-kv', '--target-opt', 'lww-clock=wall', '--time-limit', '1', '--no-progress', '--reports-dir', dir]);
      expect(r.code).toBe(254);
      expect(r.stderr.trim()).toBe('faultline: --target-opt lww-clock=wall: only with replication=leaderless (for target raft-kv)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
