/**
 * The report's browser scripts (src/report/browser/*.js, plain JavaScript sharing the `FL` namespace)
 * evaluated in a fresh V8 context without a page, for tests of their pure parts: the colour table,
 * the fault kinds of nemesis ops, the fault intervals of a history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { packageRoot } from '../../src/core/paths.js';

/** Fault intervals as faults.js builds them. */
export interface FaultInterval {
  kind: string;
  start: number;
  end: number;
  label: string;
  ops: number[];
  unhealed: boolean;
}

/** The parts of `FL` the tests read. */
export interface BrowserFL {
  COLORS: { outcome: Record<string, string>; f: string[]; fault: Record<string, string>; quantile: string[]; highlight: string };
  FAULT_KINDS: string[];
  faultKind(f: string): { kind: string; role: 'start' | 'stop' | 'heal' | 'event' };
  nemesisIntervals(pairs: { invoke: unknown; complete: unknown }[], tEnd: number): FaultInterval[];
  faultRows(intervals: FaultInterval[]): string[];
}

/** Evaluates `files` (default util.js and faults.js), in order, and returns their `FL`. */
export function loadBrowserScripts(files: readonly string[] = ['util.js', 'faults.js']): BrowserFL {
  const dir = join(packageRoot(), 'src', 'report', 'browser');
  const source = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n;\n');
  return runInNewContext(`${source}\n;FL`, {}, { filename: 'report-browser-scripts.js' }) as BrowserFL;
}
