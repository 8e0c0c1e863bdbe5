/**
 * Watches a docker run of raft-kv from outside while it goes on (through this host's docker CLI), to
 * see that its clock faults took effect: the clock offsets the nodes themselves report (raft-kv's
 * `/status`). (The packets its partition rules dropped are in its harness.log: see partitionDrops.) The run is found by the pids.json it writes under its reports directory.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { nodeStatus } from '../../targets/raft-kv/index.js';

const run = promisify(execFile);
const docker = async (args: string[]) => (await run('docker', args, { encoding: 'utf8' })).stdout;

export interface RunEffects {
  /** Every non-zero clock offset a node reported. */
  clockOffsets: number[];
}

/** The run directories (with a pids.json) under `dir`, three levels down at most. */
function runDirs(dir: string, depth = 3): string[] {
  if (existsSync(join(dir, 'pids.json'))) return [dir];
  if (depth === 0 || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => runDirs(join(dir, e.name), depth - 1));
}

/** One look at the run's holders and nodes. */
async function look(runId: string, seen: RunEffects): Promise<void> {
  const out = await docker(['ps', '--filter', `label=faultline.run=${runId}`, '--filter', 'label=faultline.role=network', '--format', '{{.Names}} {{.Label "faultline.node"}}']);
  for (const [holder, node] of out.split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string])) {
    const host = (await docker(['inspect', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', holder]).catch(() => '')).trim();
    if (!host) continue;
    const s = await nodeStatus({ name: node, host, clientPort: 7000, peerPort: 7001 }, AbortSignal.timeout(1_000)).catch(() => undefined);
    if (s?.clockOffsetMs) seen.clockOffsets.push(s.clockOffsetMs);
  }
}

/** Starts watching the run that will appear under `reportsDir`; `stop` resolves with what was seen. */
export function watchDockerRun(reportsDir: string): { stop(): Promise<RunEffects> } {
  const seen: RunEffects = { clockOffsets: [] };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [dir] = runDirs(reportsDir);
      const runId = dir ? readPidRecord(dir)?.docker?.run : undefined;
      if (runId) await look(runId, seen).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return seen;
    },
  };
}
