/**
 * Turning validated run options into the parts of a run: the target, workload and runtime from their
 * registries, their own options checked against their schemas, the generator, and the test record.
 */
import type { Op } from '../core/op.js';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { TestInfo } from '../core/checker.js';
import type { Generator } from '../core/generator.js';
import { limit, onClients, onNemesis, phases, rate, sleep, timeLimit } from '../core/generators/index.js';
import { any } from '../core/generators/any.js';
import { nodeNames } from '../core/node-names.js';
import { validateOptions } from '../core/options.js';
import { faultlineVersion } from '../core/paths.js';
import { noLeaders, type Target } from '../core/target.js';
import type { Workload, WorkloadContext } from '../core/workload.js';
import { runtimes } from '../runtimes/index.js';
import { applicableFaults, type Runtime } from '../runtimes/runtime.js';
import { chooseNemeses, nemeses } from '../../nemeses/index.js';
import { healGenerator, nemesisSchedule, type ChosenNemesis } from '../../nemeses/schedule.js';
import { targets } from '../../targets/index.js';
import { isTargetFile, loadConfigTarget } from '../../targets/config/config-target.js';
import { workloads } from '../../workloads/index.js';
import { phaseMarker } from './phase.js';
import { reproduceCommand, type RunOptions } from './run-options.js';

export interface RunParts {
  target: Target<any>;
  targetOpts: any;
  /** The runtime's validated `--runtime-opt` settings (undefined when it takes none). */
  runtimeOpts: unknown;
  workload: Workload<any>;
  workloadOpts: any;
  runtime: Runtime;
  /** The chosen nemeses with their options (empty for `none`), and the settle time after the final heal. */
  nemesis: { chosen: ChosenNemesis[]; settle: number };
}

function pick<T>(kind: string, flag: string, registry: Record<string, T>, name: string): T {
  const found = registry[name];
  if (!found) throw new UserError(`${flag} ${name}: unknown ${kind} (choose from ${Object.keys(registry).join(', ')})`);
  return found;
}

/** A target's settings: as given (`--target-opt` strings) and as validated by its schema. */
export interface TargetSettings {
  raw: Readonly<Record<string, string>>;
  opts: unknown;
}

/**
 * The given settings that remove any of `missing` from the target's ops: each `key=value` without
 * which (the rest as given) the client would support one of them. Settings whose removal leaves the
 * rest invalid are not blamed.
 */
function settingsRemoving(target: Pick<Target<any>, 'ops' | 'optionsSchema'>, raw: Readonly<Record<string, string>>, missing: readonly string[]): string[] {
  return Object.entries(raw)
    .filter(([key]) => {
      const { [key]: _dropped, ...rest } = raw;
      const parsed = target.optionsSchema.safeParse(rest);
      return parsed.success && missing.some((f) => target.ops(parsed.data).includes(f));
    })
    .map(([key, value]) => `${key}=${value}`);
}

/**
 * Refuses a workload whose ops the target's client does not support with `settings`, naming the
 * missing ops, the `--target-opt` settings that removed them (when the defaults have them), what the
 * client supports and which workloads it can run instead.
 */
export function checkWorkloadOps(
  workload: Pick<Workload, 'name' | 'ops'>,
  target: Pick<Target<any>, 'name' | 'ops' | 'optionsSchema'>,
  settings: TargetSettings,
  all: readonly Pick<Workload, 'name' | 'ops'>[],
): void {
  const ops = target.ops(settings.opts);
  const missing = workload.ops.filter((f) => !ops.includes(f));
  if (missing.length === 0) return;
  const runnable = all.filter((w) => w.ops.every((f) => ops.includes(f))).map((w) => w.name);
  const blamed = settingsRemoving(target, settings.raw, missing);
  const under = blamed.length > 0 ? ` with --target-opt ${blamed.join(' ')}` : '';
  throw new UserError(
    `--workload ${workload.name}: target ${target.name}'s client does not support the op${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
      `that it needs${under} (the client${under ? ' then' : ''} supports ${ops.join(', ')}; workloads it can run: ${runnable.join(', ') || 'none'})`,
  );
}

/** `--runtime-opt` settings validated for `runtime`; any given to a runtime that takes none is refused. */
export function runtimeOptions(runtime: Runtime, raw: Record<string, string>): unknown {
  if (runtime.optionsSchema) return validateOptions('--runtime-opt', `runtime ${runtime.name}`, runtime.optionsSchema, raw);
  const keys = Object.keys(raw);
  if (keys.length > 0) throw new UserError(`--runtime-opt ${keys.join(', ')}: runtime ${runtime.name} takes no options`);
  return undefined;
}

/** Looks up and validates everything the options name; throws `UserError` on the first problem. */
export function resolveParts(o: RunOptions): RunParts {
  const target = isTargetFile(o.target) ? loadConfigTarget(o.target) : pick('target', '--target', targets, o.target);
  const workload = pick('workload', '--workload', workloads, o.workload);
  const runtime = pick('runtime', '--runtime', runtimes, o.runtime);
  for (const n of o.nemesis) pick('nemesis', '--nemesis', nemeses, n);
  const targetOpts = validateOptions('--target-opt', `target ${target.name}`, target.optionsSchema, o.targetOpts);
  checkWorkloadOps(workload, target, { raw: o.targetOpts, opts: targetOpts }, Object.values(workloads));
  if (target.nodeCounts && !target.nodeCounts.includes(o.nodes)) {
    throw new UserError(`--nodes ${o.nodes}: target ${target.name} runs with ${target.nodeCounts.join(', ')} nodes`);
  }
  const runtimeOpts = runtimeOptions(runtime, o.runtimeOpts);
  const workloadOpts = validateOptions('--workload-opt', `workload ${workload.name}`, workload.optionsSchema, o.workloadOpts);
  const nemesis = chooseNemeses({ names: o.nemesis, opts: o.nemesisOpts, runtime, target, targetOpts, nodes: nodeNames(o.nodes), runtimeOpts });
  return { target, targetOpts, runtimeOpts, workload, workloadOpts, runtime, nemesis };
}

/** What the workload is built from. */
export function workloadContext(o: RunOptions, parts: RunParts): WorkloadContext<any> {
  return {
    seed: o.seed,
    concurrency: o.concurrency,
    nodes: nodeNames(o.nodes),
    timeLimit: o.timeLimit,
    rate: o.rate,
    opts: parts.workloadOpts,
  };
}

/**
 * Main phase (client ops, paced, beside the nemesis schedule, both bounded by the time limit); then,
 * with nemeses, the guaranteed heal and a settle delay; then the workload's final phase. Each phase
 * after the first is announced by a phase marker (a log op) for the progress line and harness.log.
 */
export function buildGenerator(o: RunOptions, parts: RunParts, history?: () => readonly Op[]): Generator {
  const ctx = { ...workloadContext(o, parts), ...(history ? { history } : {}) };
  const ops = parts.workload.generator(ctx);
  const paced = o.rate > 0 ? rate(o.rate, ops) : ops;
  const clients = onClients(o.opLimit > 0 ? limit(o.opLimit, paced) : paced);
  const { chosen, settle } = parts.nemesis;
  const faults = chosen.length > 0;
  const schedule = () =>
    onNemesis(
      nemesisSchedule(chosen, {
        interval: o.nemesisInterval,
        hasLeaders: noLeaders(parts.target, parts.targetOpts) === undefined,
        framedLinks: parts.target.peerFraming !== undefined,
        faults: applicableFaults(parts.runtime, parts.target, parts.runtimeOpts),
      }),
    );
  const main = timeLimit(o.timeLimit, faults ? any(clients, schedule()) : clients);
  const heal = faults ? [phaseMarker('healing'), onNemesis(healGenerator(chosen)), ...(settle > 0 ? [phaseMarker('settling', settle), onNemesis(sleep(settle))] : [])] : [];
  const final = parts.workload.finalGenerator?.(ctx);
  return phases(main, ...heal, ...(final ? [phaseMarker('final reads'), onClients(final)] : []));
}

/** The test's name: `--name`, else `<target>-<workload>` (a target file by the name it gives itself). */
export function testName(o: RunOptions): string {
  return o.name ?? `${isTargetFile(o.target) ? loadConfigTarget(o.target).name : o.target}-${o.workload}`;
}

/** What checkers are told about the test. */
export function testInfo(o: RunOptions): TestInfo {
  return {
    name: testName(o),
    workload: o.workload,
    target: o.target,
    concurrency: o.concurrency,
    seed: o.seed,
    timeLimit: o.timeLimit,
    workloadOpts: o.workloadOpts,
  };
}

/** The content of test.json: every option, the seed, versions and the command that reproduces the run. */
export async function testJson(o: RunOptions, parts: RunParts, startedAt: Date) {
  return {
    ...testInfo(o),
    options: o,
    targetOpts: parts.targetOpts,
    targetDescription: parts.target.description,
    workloadOpts: parts.workloadOpts,
    versions: { faultline: faultlineVersion(), node: process.version, target: (await parts.target.version?.(parts.targetOpts)) ?? null },
    command: reproduceCommand(o),
    startedAt: startedAt.toISOString(),
  };
}
