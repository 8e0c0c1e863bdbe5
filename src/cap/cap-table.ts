/**
 * The terminal table of `faultline cap`: a row per configuration, strongest configurations first as
 * the target lists them — availability on each side of the partitions and outside them, throughput,
 * latency, and the strongest model that held (or what was ruled out); then the legend of what
 * availability counts and, per configuration, how many unsupported ops it left out.
 */
import { escapeControl as esc } from '../cli/terminal-text.js';
import type { CapRow } from './cap-run.js';
import { AVAILABILITY_LEGEND, unsupportedOps, type SideCount } from './sides.js';

/** A fraction as a percentage, or '–' when there was nothing to count. */
export function pct(s: SideCount): string {
  return s.availability === undefined ? '–' : `${(s.availability * 100).toFixed(0)}%`;
}

/** Milliseconds with a sensible precision, or '–'. */
export function ms(v: number | undefined): string {
  return v === undefined ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0);
}

/** What a configuration kept: the strongest models that held, else the weakest ruled out. */
export function keptWords(r: CapRow): string {
  if (r.error) return `run failed: ${r.error.split('\n')[0]}`;
  if (r.strongestHeld.length > 0) return r.strongestHeld.join(', ');
  if (r.weakestRuledOut.length > 0) return `none held; ruled out: ${r.weakestRuledOut.join(', ')}`;
  return 'undecided';
}

/** The table as lines of text. */
export function capTable(rows: readonly CapRow[]): string[] {
  const head = ['config', 'minority', 'majority', 'no fault', 'ops/s', 'p50 ms', 'p99 ms', 'strongest model that held'];
  const body = rows.map((r) => [esc(r.config.name), pct(r.sides.minority), pct(r.sides.majority), pct(r.sides.outside), r.opsPerSec.toFixed(0), ms(r.p50Ms), ms(r.p99Ms), esc(keptWords(r))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [
    `${''.padEnd(widths[0])}  ${'availability during partitions / outside'.padEnd(widths[1] + widths[2] + widths[3] + 4)}`,
    line(head),
    ...body.map(line),
    '',
    AVAILABILITY_LEGEND,
    ...rows.filter((r) => unsupportedOps(r.sides) > 0).map((r) => `  ${esc(r.config.name)}: ${unsupportedOps(r.sides)} unsupported op(s) left out`),
  ];
}
