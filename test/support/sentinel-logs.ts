/** The Sentinels' logs of a Redis run (`nodes/<node>-sentinel.log`) and the nodes it paused: for tests that look for a failover. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*-sentinel.log` of the run in `runDir`, joined with newlines. */
export function sentinelLogs(runDir: string): string {
  return readdirSync(join(runDir, 'nodes'))
    .filter((f) => f.endsWith('-sentinel.log'))
    .map((f) => readFileSync(join(runDir, 'nodes', f), 'utf8'))
    .join('\n');
}

/** The nodes the run's first completed `pause` froze (from its history), or none. */
export function firstPaused(runDir: string): string[] {
  for (const line of readFileSync(join(runDir, 'history.jsonl'), 'utf8').split('\n')) {
    if (!line.includes('"nemesis"')) continue;
    const op = JSON.parse(line) as { type: string; f: string; value?: { nodes?: string[] } };
    if (op.type === 'ok' && op.f === 'pause') return op.value?.nodes ?? [];
  }
  return [];
}
