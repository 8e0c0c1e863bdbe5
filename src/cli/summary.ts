/**
 * The short coloured summary that ends `run` and `analyze`: the verdict of each checker, anomaly
 * counts by kind, the models that held or were ruled out, nodes that crashed, throughput (its one
 * definition is in runner/throughput.ts, and the line says it), latency of ok ops, availability (also
 * while faults were active), how long each node was down, the thresholds checked, the seed and how to
 * replay the run, where the run is stored and the path of its report.html.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import type { Validity } from '../core/checker.js';
import { figure, type ThresholdCheck } from '../runner/gates.js';
import { runVerdict, type NodeCrash, type Results } from '../runner/results.js';
import { escapeControl as esc } from './terminal-text.js';

/** The verdict in plain words and colour. */
export function verdictText(v: Validity): string {
  return v === true ? chalk.green('valid') : v === false ? chalk.red.bold('INVALID') : chalk.yellow('unknown');
}

/** The models lines: the strongest models that held, the weakest ruled out (and by what), the undecided. */
function modelLines(results: Results): string[] {
  const models = results.models ?? {};
  if (Object.keys(models).length === 0) return [];
  const { strongestHeld, weakestRuledOut } = results.modelSummary ?? { strongestHeld: [], weakestRuledOut: [] };
  const parts: string[] = [];
  if (strongestHeld.length > 0) parts.push(`${chalk.green('holds')} ${strongestHeld.join(', ')}`);
  if (weakestRuledOut.length > 0) {
    parts.push(`${chalk.red('ruled out')} ${weakestRuledOut.map((m) => `${m} (${models[m].by.join(', ')})`).join(', ')}`);
  }
  const unknown = Object.keys(models).filter((m) => models[m].status === 'unknown');
  if (unknown.length > 0) parts.push(`${chalk.yellow('undecided')} ${unknown.join(', ')}`);
  const unchecked = Object.keys(models).filter((m) => models[m].status === 'not-checked');
  if (unchecked.length > 0) parts.push(chalk.dim(`not checked ${unchecked.join(', ')}`));
  return [`${chalk.bold('models')}       ${parts.join(' · ')}`];
}

/** Why an interrupted run's verdict is what it is, or nothing. */
function interruption(r: Results): string {
  if (!r.interrupted) return '';
  const by = r.interruptedBy ? ` by ${r.interruptedBy}` : '';
  const sofar = r.valid === true ? '; the history recorded until then is valid' : r.valid === 'unknown' ? '; the history recorded until then is undecided' : '';
  return chalk.yellow(` (interrupted${by}${sofar})`);
}

/** Nodes that exited on their own: a finding each, with the last lines of its log. */
export function crashLines(crashes: readonly NodeCrash[], tail = 5): string[] {
  const lines: string[] = [];
  for (const c of crashes) {
    const how = c.signal ? `was ended by ${c.signal}` : `exited with code ${c.code}`;
    const when = c.time === undefined ? ' during start-up' : ` at ${(c.time / 1e9).toFixed(1)} s`;
    lines.push(chalk.red(`${chalk.bold('crashed')}      node ${c.node} ${how} on its own${when}; last lines of nodes/${c.node}.log:`));
    for (const l of c.logTail.slice(-tail)) lines.push(chalk.dim(`               ${esc(l)}`));
  }
  return lines;
}

/** What the summary tells besides the results: the run's seed, the thresholds checked. */
export interface SummaryExtras {
  seed?: number;
  thresholds?: readonly ThresholdCheck[];
}

/** A line per threshold checked, breached ones in red. */
export function thresholdLines(checks: readonly ThresholdCheck[]): string[] {
  return checks.map((c, i) => `${i === 0 ? `${chalk.bold('thresholds')}   ` : ' '.repeat(13)}${c.passed ? chalk.green('passed') : chalk.red.bold('BREACHED')} ${esc(c.message)}`);
}

/** Writes the summary of `results` for the run in `dir`. */
export function printSummary(out: { write(s: string): unknown }, dir: string, results: Results, extras: SummaryExtras = {}): void {
  const s = results.stats;
  const lines: string[] = [''];
  lines.push(`${chalk.bold('verdict')}      ${verdictText(runVerdict(results))}${interruption(results)}`);
  if (results.undecidedBecause) lines.push(chalk.yellow(`undecided    ${esc(results.undecidedBecause)}`));
  if (results.cutShort) lines.push(chalk.yellow(`history      cut short: ${esc(results.cutShort)}`));
  for (const [name, r] of Object.entries(results.checks)) {
    const n = r.anomalies?.length ?? 0;
    const kinds = new Map<string, number>();
    for (const a of r.anomalies ?? []) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    const byKind = [...kinds].map(([k, c]) => `${c} × ${esc(k)}`).join(', ');
    const extra = n ? chalk.red(` — ${n} anomal${n === 1 ? 'y' : 'ies'} (${byKind})`) : r.error ? chalk.dim(` — ${esc(r.error.split('\n')[0])}`) : '';
    lines.push(`  ${esc(name).padEnd(12)} ${verdictText(r.valid)}${extra}`);
  }
  lines.push(...modelLines(results));
  if (results.error) lines.push(chalk.red(`error        ${esc(results.error.split('\n')[0])}`));
  lines.push(...crashLines(results.nodeCrashes ?? []));
  lines.push(
    `${chalk.bold('ops')}          ${s.ops} (${chalk.green(`ok ${s.ok}`)}, ${chalk.red(`fail ${s.fail}`)}, ${chalk.yellow(`info ${s.info}`)}) in ${s.durationS.toFixed(1)} s`,
  );
  // No load phase (interrupted while the cluster started): no throughput to give, not "0 ops/s".
  if (s.loadS !== undefined) {
    lines.push(`${chalk.bold('throughput')}   ${s.opsPerSec.toFixed(0)} ops/s ${chalk.dim(`(client completions in the ${s.loadS.toFixed(1)} s load phase ÷ its seconds)`)}`);
  }
  const fails = Object.entries(s.failErrors ?? {});
  if (fails.length > 0) {
    const shown = fails.slice(0, 3).map(([e, n]) => `${n} ${esc(e.length > 40 ? `${e.slice(0, 39)}…` : e)}`);
    if (fails.length > 3) shown.push(`${fails.slice(3).reduce((t, [, n]) => t + n, 0)} other`);
    lines.push(`${chalk.bold('fail')}         ${shown.join(', ')}`);
  }
  if (s.latencyMs) {
    const l = s.latencyMs;
    lines.push(`${chalk.bold('latency')}      p50 ${figure(l.p50)} ms, p99 ${figure(l.p99)} ms, max ${figure(l.max)} ms ${chalk.dim('(invoke to ok completion)')}`);
  }
  const during = s.faultAvailability !== undefined ? `; ${(s.faultAvailability * 100).toFixed(1)}% of the ${s.faultOps} completed while faults were active` : '';
  // With no op there is no share of ops to give (a run interrupted while its cluster started).
  if (s.ops > 0) lines.push(`${chalk.bold('availability')} ${(s.availability * 100).toFixed(1)}% of ops ok${during}`);
  const down = Object.entries(s.nodeDowntime ?? {});
  if (down.length > 0) {
    lines.push(`${chalk.bold('down')}         ${down.map(([n, f]) => `${n} ${(f * 100).toFixed(0)}%`).join(', ')} ${chalk.dim('of the load phase (killed or paused)')}`);
  }
  lines.push(...thresholdLines(extras.thresholds ?? []));
  if (extras.seed !== undefined) lines.push(`${chalk.bold('seed')}         ${extras.seed} ${chalk.dim(`(same choices again: faultline run --replay ${dir})`)}`);
  lines.push(`${chalk.bold('stored in')}    ${dir}`);
  const report = join(dir, 'report.html');
  if (existsSync(report)) lines.push(`${chalk.bold('report')}       ${chalk.cyan(report)}`);
  out.write(lines.join('\n') + '\n');
}
