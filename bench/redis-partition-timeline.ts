/**
 * When things happened in one run of a partition case of bench/redis-failover.ts, read from its
 * history: the first partition (its start and its heal), and the acknowledged adds that were lost —
 * those missing from the last read of their set (the final reads, after the heal) — by the time their
 * acknowledgement came, relative to the partition's start. With min-replicas-to-write the window ends
 * once the isolated primary counts too few replicas; without it, when Sentinel demotes it after the heal.
 */

/** Seconds from the start of the first partition; undefined where there was none or nothing was lost. */
export interface PartitionTimeline {
  /** Until the stop-partition that healed it (0 without a partition). */
  partitionS: number;
  /** The first and the last acknowledgement of an add that was lost. */
  lostFromS?: number;
  lostToS?: number;
}

interface HistoryOp {
  process: unknown;
  type: string;
  f: string;
  time: number;
  key?: string;
  value: unknown;
}

/** The timeline of the history in `jsonl` (a run's history.jsonl). */
export function partitionTimeline(jsonl: string): PartitionTimeline {
  const ops = jsonl.split('\n').filter(Boolean).map((l) => JSON.parse(l) as HistoryOp);
  let start: number | undefined;
  let healed: number | undefined;
  const acked = new Map<string, number>(); // "key value" → ack time
  const lastRead = new Map<string, Set<unknown>>();
  for (const op of ops) {
    if (op.type !== 'ok') continue;
    if (op.process === 'nemesis') {
      const v = op.value as { healed?: object } | null;
      if (op.f === 'start-partition' && start === undefined) start = op.time;
      else if (op.f === 'stop-partition' && start !== undefined && healed === undefined && Object.keys(v?.healed ?? {}).length > 0) healed = op.time;
    } else if (op.f === 'add') acked.set(`${op.key} ${JSON.stringify(op.value)}`, op.time);
    else if (op.f === 'read') lastRead.set(op.key ?? '', new Set((op.value as unknown[]).map((x) => JSON.stringify(x))));
  }
  if (start === undefined) return { partitionS: 0 };
  const s = (t: number) => (t - start!) / 1e9;
  const lost = [...acked]
    .filter(([kv]) => {
      const [key, value] = [kv.slice(0, kv.indexOf(' ')), kv.slice(kv.indexOf(' ') + 1)];
      return !lastRead.get(key)?.has(value);
    })
    .map(([, t]) => t);
  const out: PartitionTimeline = { partitionS: healed === undefined ? 0 : s(healed) };
  return lost.length === 0 ? out : { ...out, lostFromS: s(Math.min(...lost)), lostToS: s(Math.max(...lost)) };
}
