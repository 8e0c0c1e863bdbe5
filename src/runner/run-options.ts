/**
 * The options of one test run, validated with zod, and the command line that reproduces them.
 */
import { z } from 'zod';
import { FAULTLINE_COMMAND } from '../core/paths.js';
import { shellQuote } from '../core/shell-arg.js';

/**
 * The default `--nemesis-interval`: a fifth of the time limit, at most 5 s — short enough that even a
 * short run starts every chosen kind of fault (a round of three starts within 4 intervals).
 */
export function defaultNemesisInterval(timeLimit: number): number {
  return Math.min(5, timeLimit / 5);
}

export const runOptionsSchema = z
  .object({
    name: z.string().optional(),
    target: z.string(),
    workload: z.string(),
    runtime: z.string().default('local'),
    nemesis: z.array(z.string()).default(['none']),
    /** Mean seconds between nemesis ops (default: `defaultNemesisInterval` of the time limit). */
    nemesisInterval: z.number().positive().max(86_400).optional(),
    /** `--nemesis-opt` pairs: `<nemesis>.<key>=value`, or `key=value` for the schedule (settle). */
    nemesisOpts: z.record(z.string(), z.string()).default({}),
    nodes: z.number().int().min(1).max(15),
    concurrency: z.number().int().min(1).max(1000),
    /** Seconds of client load. */
    timeLimit: z.number().positive().max(86_400),
    /** Client ops after which the load ends even if time is left; 0 = no limit. */
    opLimit: z.number().int().min(0).default(0),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
    /** Ops/s over all clients; 0 = as fast as they go. */
    rate: z.number().min(0),
    /** Per-op timeout in seconds. */
    opTimeout: z.number().positive(),
    targetOpts: z.record(z.string(), z.string()).default({}),
    runtimeOpts: z.record(z.string(), z.string()).default({}),
    workloadOpts: z.record(z.string(), z.string()).default({}),
    reportsDir: z.string().default('reports'),
  })
  .transform((o) => ({ ...o, nemesisInterval: o.nemesisInterval ?? defaultNemesisInterval(o.timeLimit) }));

export type RunOptions = z.output<typeof runOptionsSchema>;

/** The exact `faultline run …` command that repeats this run (same seed, same options). */
export function reproduceCommand(o: RunOptions): string {
  const args = [
    ...FAULTLINE_COMMAND.split(' '), 'run',
    '--target', o.target,
    '--workload', o.workload,
    '--runtime', o.runtime,
    '--nemesis', o.nemesis.join(','),
    ...(o.nemesis.some((n) => n !== 'none') ? ['--nemesis-interval', String(o.nemesisInterval)] : []),
    '--nodes', String(o.nodes),
    '--concurrency', String(o.concurrency),
    '--time-limit', String(o.timeLimit),
    ...(o.opLimit > 0 ? ['--op-limit', String(o.opLimit)] : []),
    '--rate', String(o.rate),
    '--op-timeout', String(o.opTimeout),
    '--seed', String(o.seed),
  ];
  if (o.name) args.push('--name', o.name);
  for (const [k, v] of Object.entries(o.targetOpts)) args.push('--target-opt', `${k}=${v}`);
  for (const [k, v] of Object.entries(o.runtimeOpts)) args.push('--runtime-opt', `${k}=${v}`);
  for (const [k, v] of Object.entries(o.workloadOpts)) args.push('--workload-opt', `${k}=${v}`);
  for (const [k, v] of Object.entries(o.nemesisOpts)) args.push('--nemesis-opt', `${k}=${v}`);
  return args.map(shellQuote).join(' ');
}
