/**
 * The phases of a run, as a person watching it sees them: the cluster starting, the load (clients and
 * faults, for the time limit), healing every fault, settling, the workload's final reads, the cluster
 * stopping, and checking the history. The runner enters the first, second and last two itself; the
 * ones in between are reached by the generator, so `buildGenerator` marks them with log ops (as
 * Jepsen's `(gen/log "Healing cluster")` does) that the runner turns back into phases.
 */
import type { Generator } from '../core/generator.js';
import { log } from '../core/generators/index.js';

export const PHASES = ['starting cluster', 'load', 'healing', 'settling', 'final reads', 'stopping cluster', 'checking'] as const;
export type Phase = (typeof PHASES)[number];

/** A phase entered, with its planned length when it has one (counted down on the progress line). */
export interface PhaseChange {
  phase: Phase;
  seconds?: number;
}

const PREFIX = 'phase: ';

/** A log op that marks the start of `phase` in a generator (`seconds`: how long it is planned to last). */
export function phaseMarker(phase: Phase, seconds?: number): Generator {
  return log(`${PREFIX}${phase}${seconds !== undefined ? ` (${seconds} s)` : ''}`);
}

/** The phase a log message marks, or undefined for any other message. */
export function phaseOfLog(msg: string): PhaseChange | undefined {
  if (!msg.startsWith(PREFIX)) return undefined;
  const m = /^(.*?)(?: \((\d+(?:\.\d+)?) s\))?$/.exec(msg.slice(PREFIX.length));
  const phase = PHASES.find((p) => p === m?.[1]);
  if (!phase) return undefined;
  return m?.[2] !== undefined ? { phase, seconds: Number(m[2]) } : { phase };
}
