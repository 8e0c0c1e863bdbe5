/**
 * Asking the target who leads, and finding the node a leader-targeted fault hits (kill, pause or power loss with `targets=leader`,
 * partition `isolate-leader`, clock `targets=leader`). Earlier faults often leave the cluster between
 * leaders when such an op runs — a killed leader not yet replaced, a majority paused — and failing the
 * op then meant that kind of fault never happened in a short run. So: ask the target who leads; while
 * nobody does, ask again every `pollMs` for up to `waitMs` (an election usually ends within that); if
 * still nobody leads, hit one node instead and say so. The fallback node is chosen deterministically:
 * going round the nodes sorted by name, starting one further on at each fallback of the same nemesis
 * (so repeated fallbacks do not always hit the same node), the first one not to avoid.
 *
 * The stale-leader nemesis waits for a leader too (awaitLeaders, longer), but never falls back: its
 * episode means nothing without a real leader.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { NemesisContext } from './nemesis.js';

/** The nodes that currently lead, by asking the target (empty if it cannot tell or nobody answers). */
export async function currentLeaders(ctx: NemesisContext): Promise<string[]> {
  if (!ctx.target.leaders) return [];
  try {
    return await ctx.target.leaders(ctx.cluster.nodes, ctx.targetOpts, AbortSignal.timeout(2_000));
  } catch {
    return [];
  }
}

/**
 * The current leaders, asking every `pollMs` while nobody leads, for up to `waitMs` (bounded by
 * `waitMs` plus one lookup); empty if nobody led by then or `signal` was aborted.
 */
export async function awaitLeaders(ctx: NemesisContext, o: { waitMs: number; pollMs: number }, signal?: AbortSignal): Promise<string[]> {
  const t0 = Date.now();
  for (;;) {
    const leaders = await currentLeaders(ctx);
    if (leaders.length > 0 || signal?.aborted || Date.now() - t0 >= o.waitMs) return leaders;
    // Sleep at most until the deadline, so the wait stays bounded by waitMs plus one lookup.
    await sleep(Math.min(o.pollMs, Math.max(0, o.waitMs - (Date.now() - t0))));
  }
}

/** How long a leader-targeted op waits for a leader before it falls back, and how often it asks. */
export const LEADER_WAIT = { waitMs: 2_000, pollMs: 250 } as const;

/** Why an op meant for the leader hit another node; joins the op's completion value as `fallback`. */
export interface LeaderFallback {
  /** Always 'no leader': the target named no leader within `waitedMs`. */
  reason: 'no leader';
  /** How long the op waited for one, in ms (at least `waitMs`). */
  waitedMs: number;
  /** The node hit instead. */
  node: string;
}

/** The nodes to hit: the leaders found, or one node with the fallback that explains it. */
export interface LeaderChoice {
  nodes: string[];
  fallback?: LeaderFallback;
}

/** A leader finder for one nemesis instance (it keeps whose turn the next fallback is). */
export interface LeaderFinder {
  /**
   * The current leaders, waiting for one up to `waitMs`; else one node not in `avoid` (if every node
   * is in `avoid`, any node), with `fallback` saying so.
   */
  find(avoid?: ReadonlySet<string>): Promise<LeaderChoice>;
}

/** A leader finder asking `ctx.target` about `ctx.cluster`'s nodes. */
export function leaderFinder(ctx: NemesisContext, o: { waitMs: number; pollMs: number } = LEADER_WAIT): LeaderFinder {
  let turn = 0;
  return {
    async find(avoid = new Set()) {
      const t0 = Date.now();
      const leaders = await awaitLeaders(ctx, o);
      if (leaders.length > 0) return { nodes: leaders };
      const all = ctx.cluster.nodes.map((n) => n.name).sort();
      const from = turn++ % all.length;
      const inTurn = [...all.slice(from), ...all.slice(0, from)];
      const node = inTurn.find((n) => !avoid.has(n)) ?? inTurn[0]!;
      return { nodes: [node], fallback: { reason: 'no leader', waitedMs: Date.now() - t0, node } };
    },
  };
}
