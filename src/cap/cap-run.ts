/**
 * `faultline cap`: the same workload under the same seeded partitions — clients cut off along with
 * their home node, so there are clients on both sides — once per configuration of the target across
 * the consistency/availability trade-off, each its own stored run (clients are cut only where the
 * runtime can cut them). A row per configuration: the
 * availability on the minority and the majority side of the partitions and outside them, throughput,
 * latency, every model's status and the strongest model that held.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { nodeNames } from '../core/node-names.js';
import type { Tradeoff } from '../core/target.js';
import type { ModelVerdicts } from '../core/models.js';
import { UserError } from '../core/errors.js';
import { resolveParts } from '../runner/plan.js';
import { runTest } from '../runner/run.js';
import { runOptionsSchema, type RunOptions } from '../runner/run-options.js';
import type { Output } from '../cli/output.js';
import { sideAvailability, type SideAvailability } from './sides.js';
import { readHistory } from '../core/history-reader.js';
import { FILES } from '../report/store.js';

/** What `cap` runs: the shared settings and the configurations. */
export interface CapPlan {
  target: string;
  workload: string;
  runtime: string;
  nodes: number;
  concurrency: number;
  timeLimit: number;
  nemesisInterval: number;
  /** Seconds before an unanswered op is recorded as info: short, so a client cut off with its node keeps trying. */
  opTimeout: number;
  seed: number;
  /** The directory of this cap run (reports/cap/<timestamp>). */
  dir: string;
  configs: readonly Tradeoff[];
  /** Extra `--target-opt` settings for every configuration. */
  targetOpts: Record<string, string>;
  /**
   * Cut clients off with their node (`partition.clients=true`). Where the runtime cannot, clients keep
   * reaching every node; a client bound to a minority node still sits on its side as far as its node's
   * answers go, but a client that follows a leader elsewhere may get round the partition.
   */
  cutClients: boolean;
}

/** One configuration's row. */
export interface CapRow {
  config: Tradeoff;
  /** The run directory, and its exit code (0 valid, 1 invalid, 2 unknown, 254/255 failed). */
  runDir: string;
  verdict: true | false | 'unknown';
  error?: string;
  /** Set when the run could not run (its exit code: 254 bad settings, 255 harness failure). */
  exitCode?: number;
  /** The run was stopped by a signal; cap runs no further configurations. */
  interrupted?: boolean;
  sides: SideAvailability;
  opsPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
  models: ModelVerdicts;
  strongestHeld: string[];
  weakestRuledOut: string[];
}

/** The run options of one configuration. */
export function capRunOptions(p: CapPlan, c: Tradeoff): RunOptions {
  return runOptionsSchema.parse({
    name: `cap-${c.name}`,
    target: p.target,
    workload: p.workload,
    runtime: p.runtime,
    nemesis: ['partition'],
    nemesisInterval: p.nemesisInterval,
    // Symmetric shapes only, so each node is on one side; clients are cut off with their home node.
    nemesisOpts: { ...(p.cutClients ? { 'partition.clients': 'true' } : {}), 'partition.modes': 'halves,isolate-one' },
    nodes: p.nodes,
    concurrency: p.concurrency,
    timeLimit: p.timeLimit,
    seed: p.seed,
    rate: 0,
    opTimeout: p.opTimeout,
    targetOpts: { ...p.targetOpts, ...c.opts },
    workloadOpts: {},
    reportsDir: p.dir,
  });
}

/**
 * Refuses the plan before anything is printed or created, as `run` refuses its options: every
 * configuration's run options resolved (the partition nemesis the runtime cannot apply to the target,
 * a bad `--target-opt`, …) and the runtime's check of what it needs (binaries). Throws a one-line
 * `UserError` naming the configuration.
 */
export async function checkCapPlan(p: CapPlan): Promise<void> {
  for (const c of p.configs) {
    const named = (e: unknown) => (e instanceof UserError ? new UserError(`cap configuration ${c.name}: ${e.message}`, e.exitCode) : e);
    try {
      const parts = resolveParts(capRunOptions(p, c));
      const missing = await parts.runtime.check(parts.target, parts.targetOpts, parts.runtimeOpts);
      if (missing) throw new UserError(missing);
    } catch (e) {
      throw named(e);
    }
  }
}

/** Runs every configuration in turn; `onRow` hears each as it ends. */
export async function runCap(p: CapPlan, out: Output, onRow: (r: CapRow) => void): Promise<CapRow[]> {
  const rows: CapRow[] = [];
  mkdirSync(p.dir, { recursive: true });
  for (const c of p.configs) {
    const o = capRunOptions(p, c);
    out.write(`cap: ${c.name} (${Object.entries(c.opts).map(([k, v]) => `${k}=${v}`).join(' ')}) — ${p.timeLimit} s under partitions, seed ${p.seed}\n`);
    const outcome = await runTest(o, { out, progress: false });
    const historyFile = join(outcome.dir, FILES.history);
    const history = existsSync(historyFile) ? await readHistory(historyFile, {}) : [];
    const r = outcome.results;
    const row: CapRow = {
      config: c,
      runDir: outcome.dir,
      verdict: r.valid,
      ...(outcome.failure ? { error: outcome.failure.message, exitCode: outcome.failure.exitCode } : r.error ? { error: r.error } : {}),
      ...(r.interrupted ? { interrupted: true } : {}),
      sides: sideAvailability(history, nodeNames(p.nodes), p.concurrency),
      opsPerSec: r.stats.opsPerSec,
      p50Ms: r.stats.latencyMs?.p50,
      p99Ms: r.stats.latencyMs?.p99,
      models: r.models,
      strongestHeld: r.modelSummary.strongestHeld,
      weakestRuledOut: r.modelSummary.weakestRuledOut,
    };
    rows.push(row);
    onRow(row);
    if (row.interrupted) break;
  }
  return rows;
}
