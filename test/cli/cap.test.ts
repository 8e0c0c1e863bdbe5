/**
 * `faultline cap` end to end with the real CLI and two short raft-kv runs under the same seeded
 * partitions: read-index (linearizable, reads need a majority) and follower (any node answers reads)
 * — the follower configuration keeps more of the minority side's ops available and gives up
 * linearizability, read-index keeps it. cap.html and cap.json are written beside the runs, each row
 * linking to a report that exists. Bad input is one line and exit 254. Every node is checked gone.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapRow } from '../../src/cap/cap-run.js';
import { runCliProcess } from '../support/cli.js';
import { killAlive, processAlive, recordedNodePids } from '../support/processes.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'faultline-cap-'));
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('faultline cap', () => {
  it('measures read-index against follower reads under the same partitions', async () => {
    const r = await runCliProcess(['cap', '--configs', 'read-index,follower', '--time-limit', '9', '--nemesis-interval', '3', '--seed', '11'], { cwd, timeoutMs: 180_000 });
    const capDir = join(cwd, 'reports', 'cap', readdirSync(join(cwd, 'reports', 'cap'))[0]);
    const { rows } = JSON.parse(readFileSync(join(capDir, 'cap.json'), 'utf8')) as { rows: CapRow[] };
    try {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/cap: 2 configuration\(s\) of raft-kv, seed 11/);
      expect(r.stdout, r.stdout).toMatch(/^read-index\s+(\d+%|–)\s/m);
      expect(r.stdout).toMatch(/^follower\s+(\d+%|–)\s/m);
      const [ri, fo] = rows;
      expect([ri.config.name, fo.config.name]).toEqual(['read-index', 'follower']);
      expect(ri.sides.partitions).toBeGreaterThan(0);
      expect(fo.sides.partitions).toBeGreaterThan(0);
      expect(fo.sides.minority.availability!).toBeGreaterThan(ri.sides.minority.availability ?? 0);
      expect(ri.models.linearizable.status).toBe('holds');
      expect(ri.strongestHeld).toContain('linearizable');
      expect(fo.models.linearizable.status).not.toBe('holds');
      const html = readFileSync(join(capDir, 'cap.html'), 'utf8');
      const links = [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
      expect(links).toHaveLength(2);
      for (const l of links) expect(existsSync(join(capDir, l)), l).toBe(true);
    } finally {
      for (const row of rows) {
        const alive = recordedNodePids(row.runDir).filter(processAlive);
        killAlive(alive);
        expect(alive, 'node processes left running').toEqual([]);
      }
    }
  });

  it('refuses an unknown configuration or target in one line with exit 254, before running anything', async () => {
    const bad = await runCliProcess(['cap', '--configs', 'read-index,fast'], { cwd });
    expect(bad.code).toBe(254);
    expect(bad.stderr.trim()).toBe('faultline: --configs: "fast" is not a configuration of raft-kv; expected one of log, read-index, lease, local, session, follower, leaderless');
    const noTarget = await runCliProcess(['cap', '--target', 'nope'], { cwd });
    expect(noTarget.code).toBe(254);
    expect(noTarget.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(cwd, 'reports', 'cap')) && readdirSync(join(cwd, 'reports', 'cap')).length).toBe(1);
  });
});
