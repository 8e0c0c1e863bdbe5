/**
 * The nemesis registry. CLI choices, help text and `faultline list` are derived from it.
 * `none` runs without faults; the others are one file each beside this one. `chooseNemeses` turns
 * `--nemesis a,b` and `--nemesis-opt a.key=value` into validated packages, refusing before anything
 * starts a nemesis the runtime cannot apply to the target.
 */
import { z } from 'zod';
import { UserError } from '../src/core/errors.js';
import { validateOptions } from '../src/core/options.js';
import type { Target } from '../src/core/target.js';
import { faultRefusal, type FaultKind, type Runtime } from '../src/runtimes/runtime.js';
import { clockNemesis } from './clock.js';
import { killNemesis } from './kill.js';
import { faultsOf, type NemesisPackage } from './nemesis.js';
import { packetNemesis } from './packet.js';
import { partitionNemesis } from './partition.js';
import { pauseNemesis } from './pause.js';
import { powerLossNemesis } from './power-loss.js';
import type { ChosenNemesis } from './schedule.js';
import { staleLeaderNemesis } from './stale-leader.js';

/** What `faultline list` shows of a nemesis. */
export interface NemesisInfo {
  name: string;
  description: string;
}

/** Every nemesis, by name (`none` has no package). */
export const nemeses: Record<string, NemesisInfo & { pkg?: NemesisPackage }> = {
  none: { name: 'none', description: 'no faults' },
  partition: { name: 'partition', description: partitionNemesis.description, pkg: partitionNemesis },
  kill: { name: 'kill', description: killNemesis.description, pkg: killNemesis },
  pause: { name: 'pause', description: pauseNemesis.description, pkg: pauseNemesis },
  clock: { name: 'clock', description: clockNemesis.description, pkg: clockNemesis },
  packet: { name: 'packet', description: packetNemesis.description, pkg: packetNemesis },
  'power-loss': { name: 'power-loss', description: powerLossNemesis.description, pkg: powerLossNemesis },
  'stale-leader': { name: 'stale-leader', description: staleLeaderNemesis.description, pkg: staleLeaderNemesis },
};

/** Every nemesis package of the registry. */
export const nemesisPackages: readonly NemesisPackage[] = Object.values(nemeses).flatMap((n) => (n.pkg ? [n.pkg] : []));

/**
 * What `faultline run` uses without `--nemesis` (those the runtime can apply to the target):
 * partitions, kills and pauses overlapping in shuffled rounds, then on their own a stale-leader
 * episode and a power loss of every node (nemeses/schedule.ts).
 */
export const DEFAULT_NEMESES = ['partition', 'kill', 'pause', 'stale-leader', 'power-loss'] as const;

/** Options for the schedule as a whole (`--nemesis-opt key=value`, no package prefix). */
export const scheduleOptionsSchema = z.strictObject({
  settle: z.coerce.number().min(0).max(3600).default(5).describe('seconds of quiet after the final heal, before the final reads'),
});

export interface ChooseInput {
  names: readonly string[];
  /** `--nemesis-opt` pairs: `pkg.key=value` for a package, `key=value` for the schedule. */
  opts: Record<string, string>;
  runtime: Runtime;
  target: Target<any>;
  /** The target's validated options (leader-targeted faults need a configuration that has leaders). */
  targetOpts?: unknown;
  nodes: readonly string[];
  /** The runtime's validated `--runtime-opt` settings (what it can apply may depend on them). */
  runtimeOpts?: unknown;
}

/** Validates the chosen nemeses and their options; throws a one-line `UserError` on the first problem. */
export function chooseNemeses(i: ChooseInput): { chosen: ChosenNemesis[]; settle: number } {
  const names = i.names.filter((n) => n !== 'none');
  if (names.length > 0 && i.names.includes('none')) throw new UserError(`--nemesis ${i.names.join(',')}: none cannot be combined with faults`);
  const byPkg = new Map<string, Record<string, string>>();
  const general: Record<string, string> = {};
  for (const [k, v] of Object.entries(i.opts)) {
    const dot = k.indexOf('.');
    if (dot < 0) {
      general[k] = v;
      continue;
    }
    const [pkg, key] = [k.slice(0, dot), k.slice(dot + 1)];
    if (!names.includes(pkg)) throw new UserError(`--nemesis-opt ${k}: nemesis ${pkg} is not chosen (--nemesis ${i.names.join(',')})`);
    byPkg.set(pkg, { ...byPkg.get(pkg), [key]: v });
  }
  const chosen: ChosenNemesis[] = [];
  for (const name of new Set(names)) {
    const pkg = nemeses[name]?.pkg;
    if (!pkg) throw new UserError(`--nemesis ${name}: unknown nemesis (choose from ${Object.keys(nemeses).join(', ')})`);
    const given = validateOptions('--nemesis-opt', `nemesis ${name}`, pkg.optionsSchema, byPkg.get(name) ?? {});
    const opts = pkg.adapt ? pkg.adapt(given, (f) => faultRefusal(i.runtime, f, i.target, i.runtimeOpts) === undefined) : given;
    for (const fault of faultsOf(pkg, opts)) {
      const why = faultRefusal(i.runtime, fault, i.target, i.runtimeOpts);
      if (why) throw new UserError(`nemesis ${name}: ${why}`);
    }
    const why = pkg.refuse?.({ target: i.target, targetOpts: i.targetOpts, opts, nodes: i.nodes });
    if (why) throw new UserError(why);
    chosen.push({ pkg, opts });
  }
  const { settle } = validateOptions('--nemesis-opt', 'the nemesis schedule', scheduleOptionsSchema, general);
  return { chosen, settle };
}

/**
 * The default nemeses (`DEFAULT_NEMESES`) that `runtime` can apply to `target` with their default
 * options on `nodes` (and the runtime's validated `runtimeOpts`), and a notice for each one it cannot
 * (the default never refuses a run; an explicit `--nemesis` does).
 */
export function applicableDefaults(
  runtime: Runtime,
  target: Target<any>,
  nodes: readonly string[] = ['n1', 'n2', 'n3'],
  runtimeOpts?: unknown,
  targetOpts?: unknown,
): { names: string[]; skipped: string[] } {
  const names: string[] = [];
  const skipped: string[] = [];
  for (const name of DEFAULT_NEMESES) {
    const pkg = nemeses[name]!.pkg!;
    const can = (f: FaultKind) => faultRefusal(runtime, f, target, runtimeOpts) === undefined;
    const given = pkg.optionsSchema.parse({});
    const faults = faultsOf(pkg, pkg.adapt ? pkg.adapt(given, can) : given);
    const why = faults.map((f) => faultRefusal(runtime, f, target, runtimeOpts)).find((w) => w !== undefined) ?? refusalOf(pkg, target, nodes, can, targetOpts);
    if (why) skipped.push(`nemesis ${name} left out of the default: ${why.replace(new RegExp(`^nemesis ${name}: `), '')}`);
    else names.push(name);
  }
  return { names: names.length ? names : ['none'], skipped };
}

/** Why `pkg` with its default options cannot run against `target` on `nodes` (its own refusal), if it cannot. */
function refusalOf(pkg: NemesisPackage, target: Target<any>, nodes: readonly string[], can: (f: FaultKind) => boolean, targetOpts?: unknown): string | undefined {
  const given = pkg.optionsSchema.parse({});
  const opts = pkg.adapt ? pkg.adapt(given, can) : given;
  try {
    return pkg.refuse?.({ target, targetOpts, opts, nodes });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
