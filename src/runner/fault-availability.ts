/**
 * Availability while faults are active: of the client ops that completed while a fault was in force,
 * the fraction that completed `ok` — what the `--min-availability` gate bounds. The fault intervals
 * are the ones the run's stats already read back from the nemesis ops (nemeses/fault-tracker.ts: from
 * the `ok` completion of a start op to that of its stop op; a fault never stopped lasts to the end),
 * so the gate, `nodeDowntime` and the progress line agree on when a fault was in force. An op counts
 * by its completion time, as the report's availability chart does.
 */
import { isClientOp, type Op } from '../core/op.js';
import type { FaultSpan } from '../../nemeses/fault-tracker.js';

/** Client completions while a fault was in force, and how many of them were ok. */
export interface FaultAvailability {
  ok: number;
  ops: number;
  /** ok ÷ ops. */
  fraction: number;
}

/** True when `time` lies within one of `spans` (open spans reach to the end). */
export function inFault(spans: readonly FaultSpan[], time: number): boolean {
  return spans.some((s) => s.from <= time && time <= (s.to ?? Infinity));
}

/** The availability of `history`'s client ops during `spans`, or undefined when none completed then. */
export function availabilityDuringFaults(history: Iterable<Op>, spans: readonly FaultSpan[]): FaultAvailability | undefined {
  if (spans.length === 0) return undefined;
  let ok = 0;
  let ops = 0;
  for (const op of history) {
    if (!isClientOp(op) || op.type === 'invoke' || !inFault(spans, op.time)) continue;
    ops++;
    if (op.type === 'ok') ok++;
  }
  return ops > 0 ? { ok, ops, fraction: ok / ops } : undefined;
}
