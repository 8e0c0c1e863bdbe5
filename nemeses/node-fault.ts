/**
 * The shape shared by the kill, pause and power-loss nemeses: a fault applied to whole nodes chosen
 * by a target spec (`one`, `minority`, `majority`, `all`, drawn by the seeded schedule; `leader`,
 * resolved when the op runs by asking the target), remembered until an undo op puts every affected
 * node back. Ops: `<start>` {targets, nodes?} → ok {targets, nodes, …what `applyAll` reports}, with
 * `fallback` when `leader` found no leader and hit another node (leader-lookup.ts); `<stop>` → ok
 * {nodes: the nodes put back}.
 */
import { z } from 'zod';
import type { Completion } from '../src/core/op.js';
import { attempt, type Nemesis, type NemesisContext, type NemesisPackage } from './nemesis.js';
import { drawNodes, pickOne, TARGET_SPECS, type TargetSpec } from './select.js';
import { noLeaders } from '../src/core/target.js';
import { leaderFinder } from './leader-lookup.js';

const specList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(TARGET_SPECS)).min(1));

/**
 * Options every node fault takes; `onlyWhenAsked` are the specs it draws only when `targets` names
 * them (the same list as NodeFaultSpec.onlyWhenAsked, which the help text describes).
 */
export function nodeFaultOptions(onlyWhenAsked: readonly TargetSpec[] = []) {
  const drawn = TARGET_SPECS.filter((t) => !onlyWhenAsked.includes(t)).map((t) => (t === 'leader' ? 'leader if the target can say who leads' : t));
  const asked = onlyWhenAsked.length > 0 ? `; ${onlyWhenAsked.join(', ')} only when named` : '';
  return {
    targets: specList.optional().describe(`which nodes a fault hits, drawn per fault (not set: ${drawn.join(', ')}${asked})`),
  };
}

export interface NodeFaultSpec<Opts extends { targets?: TargetSpec[] }> {
  name: string;
  description: string;
  startF: string;
  stopF: string;
  faults: NemesisPackage['faults'];
  /** The faults it needs with these options, when fewer than `faults` (see NemesisPackage.faultsFor). */
  faultsFor?(opts: Opts): NemesisPackage['faults'];
  optionsSchema: z.ZodType<Opts>;
  /** Undoing it starts the nodes afresh (see NemesisPackage.restartsNodes). */
  restartsNodes?: boolean;
  /** Specs drawn only when `targets` names them (pausing every node adds nothing but unavailability). */
  onlyWhenAsked?: readonly TargetSpec[];
  /** It runs alone in the schedule (see NemesisPackage.alone). */
  alone?: boolean;
  /** Applies the fault to one node / undoes it. */
  apply(ctx: NemesisContext, opts: Opts, node: string): Promise<void>;
  undo(ctx: NemesisContext, opts: Opts, node: string): Promise<void>;
  /**
   * Applies the fault to all the chosen nodes in one go, instead of `apply` on each (for faults that
   * must hit them together); what it resolves with joins the completion value.
   */
  applyAll?(ctx: NemesisContext, opts: Opts, nodes: string[]): Promise<Record<string, unknown>>;
}

/** The specs a fault draws from: `targets` as given, else every spec it draws by default. */
export function specsOf(opts: { targets?: TargetSpec[] }, hasLeaders: boolean, onlyWhenAsked: readonly TargetSpec[] = []): TargetSpec[] {
  return opts.targets ?? TARGET_SPECS.filter((t) => (t !== 'leader' || hasLeaders) && !onlyWhenAsked.includes(t));
}

/** Builds a nemesis package for a node fault. */
export function nodeFaultPackage<Opts extends { targets?: TargetSpec[] }>(s: NodeFaultSpec<Opts>): NemesisPackage<Opts> {
  return {
    name: s.name,
    description: s.description,
    faults: s.faults,
    ...(s.faultsFor ? { faultsFor: s.faultsFor } : {}),
    optionsSchema: s.optionsSchema,
    refuse({ target, targetOpts, opts }) {
      const why = opts.targets?.includes('leader') ? noLeaders(target, targetOpts) : undefined;
      return why ? `nemesis ${s.name}: ${why}, so targets=leader is not possible` : undefined;
    },
    start(rng, env, opts) {
      const [spec, r1] = pickOne(rng, specsOf(opts, env.hasLeaders, s.onlyWhenAsked));
      const [nodes, r2] = drawNodes(r1, spec, env.nodes, env.down);
      return [{ f: s.startF, value: nodes ? { targets: spec, nodes } : { targets: spec } }, r2];
    },
    startFs: [s.startF],
    stop: { f: s.stopF },
    downsNodes: true,
    ...(s.restartsNodes ? { restartsNodes: true } : {}),
    ...(s.alone ? { alone: true } : {}),
    healOps: [{ f: s.stopF }],
    create(ctx, opts): Nemesis {
      const affected = new Set<string>();
      const leaders = leaderFinder(ctx);
      const undoAll = async () => {
        const nodes = [...affected].sort();
        await Promise.all(nodes.map((n) => s.undo(ctx, opts, n)));
        for (const n of nodes) affected.delete(n);
        return { nodes };
      };
      const start = async (v: { targets: TargetSpec; nodes?: string[] }): Promise<Completion> => {
        // A leader not found in time: another node, one this nemesis is not already holding down.
        const { nodes, fallback } = v.nodes ? { nodes: v.nodes, fallback: undefined } : await leaders.find(affected);
        for (const n of nodes) affected.add(n); // before applying: a fault half applied is still undone
        const extra = s.applyAll ? await s.applyAll(ctx, opts, nodes) : (await Promise.all(nodes.map((n) => s.apply(ctx, opts, n))), {});
        return { type: 'ok', value: { targets: v.targets, nodes, ...(fallback ? { fallback } : {}), ...extra } };
      };
      return {
        fs: [s.startF, s.stopF],
        invoke: (op) =>
          attempt(async () => (op.f === s.stopF ? { type: 'ok', value: await undoAll() } : start(op.value as { targets: TargetSpec; nodes?: string[] }))),
        heal: undoAll,
      };
    },
  };
}
