/**
 * `faultline check FILE [--format F] [--checker C] [--model M]`: imports a history from another tool
 * (or faultline's own JSONL), checks it with a checker from the registry, prints the verdict and exits
 * 0 valid, 1 invalid, 2 unknown, 254 bad input. Without `--format` the format is detected from the
 * content; without `--checker` the ops choose one (check-choice.ts); `--model` asks whether one
 * consistency model holds (the exit code then follows that model), or names the linearizability spec.
 * What was chosen is said on stderr. Input it did not understand is bad input, never a verdict: an
 * empty file, a file that yields no operations, a malformed record, a value the checker cannot use
 * (`file:line: …`). With `--report DIR`, writes DIR/results.json (the same shape as a run's),
 * DIR/history.jsonl (the imported history), DIR/test.json and DIR/report.html.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { DEFAULT_EXPLAIN_TIMEOUT_S, LINEARIZABLE_MODELS } from '../checkers/linearizable-ops.js';
import { checkers } from '../checkers/index.js';
import { exitCodeFor, safeCheck, type CheckResult, type Checker, type TestInfo } from '../core/checker.js';
import { UserError } from '../core/errors.js';
import { stringifyExactJson } from '../core/exact-json.js';
import { rejectBadOps } from '../core/history-validate.js';
import type { Op } from '../core/op.js';
import { parseKeyValues } from '../core/key-values.js';
import { parseOptionSpecs, type OptionSpecs, type OptionValues } from '../core/option-spec.js';
import { IMPORT_FORMATS, importFile, type ImportFormat } from '../importers/index.js';
import { assembleResultsWith, type Results } from '../runner/assemble-results.js';
import { shellQuote } from '../core/shell-arg.js';
import { chooseChecker } from './check-choice.js';
import { setExitCode } from './exit.js';
import { collect } from './flags.js';
import { escapeControl as esc } from './terminal-text.js';
import { FAULTLINE_COMMAND } from '../core/paths.js';

/**
 * The options of `faultline check`, as commander hands them over (strings), to validate: option specs
 * (src/core/option-spec.ts), not zod, so that `check` starts without loading zod.
 */
export const checkOptionSpecs = {
  /** Detected from the content when absent. */
  format: { kind: 'enum', values: IMPORT_FORMATS, optional: true },
  /** A consistency model to ask about, or the linearizability spec (check-choice.ts). */
  model: { kind: 'string', optional: true },
  /** A registry checker; chosen from the ops when absent. */
  checker: { kind: 'string', optional: true },
  /** The checker's own options, `key=value`. */
  checkerOpt: { kind: 'string-list', default: [] },
  /** Seconds before the verdict is `unknown` (the checker's `check-timeout`). */
  timeout: { kind: 'number', min: 'positive', default: 60 },
  /** Seconds spent, after an invalid verdict, deciding the other keys (default: the checker's). */
  explainTimeout: { kind: 'number', min: 'nonnegative', optional: true },
  report: { kind: 'string', optional: true },
} as const satisfies OptionSpecs;
/** Validated options of `faultline check`. */
export type CheckOptions = OptionValues<typeof checkOptionSpecs>;

/** What checking a file produced. */
export interface CheckFileOutcome {
  /** The checker's own result. */
  result: CheckResult;
  /** The results in the shape `run` and `analyze` store. */
  results: Results;
  history: Op[];
  exitCode: number;
  /** The format read, the checker run and the consistency model asked about (if any). */
  format: ImportFormat;
  checker: string;
  model?: string;
}

/** Validates raw options; a bad one is a `UserError` naming the option and the allowed values. */
export function parseCheckOptions(raw: unknown): CheckOptions {
  const r = parseOptionSpecs(checkOptionSpecs, typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}, false);
  if (r.ok) return r.value;
  const issue = r.issue; // at a key: a non-strict validation drops unknown keys
  const option = (issue.path ?? []).join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  throw new UserError(`check: option --${option}: ${issue.message}`);
}

/** test.json of a `check --report` directory: what was checked and the command that repeats it. */
function checkTestJson(file: string, opts: CheckOptions, format: ImportFormat, checker: string, options: Record<string, unknown>): Record<string, unknown> {
  const args = [...FAULTLINE_COMMAND.split(' '), 'check', file, '--format', format, '--checker', checker];
  if (opts.model) args.push('--model', opts.model);
  for (const [k, v] of Object.entries(options)) args.push('--checker-opt', `${k}=${String(v)}`);
  args.push('--report', opts.report ?? '');
  const command = args.map(shellQuote).join(' ');
  return { name: basename(file), workload: checker, target: 'imported', source: file, format, checker, command, startedAt: new Date().toISOString() };
}

/**
 * Runs a checker. Its refusal of bad input is bad input here (exit 254): one naming a record
 * (`op N: …`) becomes a `badOp`, reported at the record's `file:line`; any other refusal stays a
 * `UserError`. Any other throw is a crash verdict (unknown).
 */
async function runChecker(checker: Checker, test: TestInfo, history: readonly Op[]): Promise<CheckResult> {
  const result = await safeCheck(checker, test, history);
  if (result.valid === 'unknown' && !result.badOp && result.error?.startsWith('cannot check: ')) throw new UserError(result.error.slice('cannot check: '.length));
  return result;
}

/** The exit code: the model asked about decides (holds 0, ruled out 1, else 2), else the verdict. */
function exitCodeOf(results: Results, model: string | undefined): number {
  if (model === undefined) return exitCodeFor(results.valid);
  const status = results.models[model]?.status;
  return status === 'holds' ? 0 : status === 'ruled-out' ? 1 : 2;
}

/**
 * Imports `file`, checks it, and writes the report files if asked. Bad input throws `UserError`
 * (`file:line: …`); the verdict is in the result. `onNote` hears what was chosen (format, checker,
 * spec) when not given. No printing, no process exit.
 */
export async function checkFile(
  file: string,
  raw: unknown,
  onWarning?: (msg: string) => void,
  onNote?: (msg: string) => void,
): Promise<CheckFileOutcome> {
  const opts = parseCheckOptions(raw);
  const imported = await importFile(file, opts.format, onWarning);
  const history = imported.ops;
  const choice = chooseChecker(file, history, {
    checker: opts.checker,
    model: opts.model,
    checkerOpts: parseKeyValues('--checker-opt', opts.checkerOpt),
    timeout: opts.timeout,
    explainTimeout: opts.explainTimeout,
  });
  const notes = [imported.detected ? `detected format: ${imported.format}` : '', ...choice.notes].filter(Boolean);
  if (notes.length > 0) onNote?.(notes.join('; '));
  const name = choice.entry.name;
  const test = { name: file, workload: name, target: 'imported', concurrency: 0, seed: 0 };
  const result = await runChecker(choice.entry.create(choice.options), test, history);
  rejectBadOps(file, imported, [result]);
  const relevant = choice.model && !choice.entry.models.includes(choice.model) ? [...choice.entry.models, choice.model] : choice.entry.models;
  // The nemesis registry names the faults whose spans the figures measure: loaded only when needed.
  const packages = history.some((op) => op.process === 'nemesis') ? (await import('../../nemeses/index.js')).nemesisPackages : [];
  const results = assembleResultsWith({ [name]: result }, relevant, history, packages);
  if (opts.report) {
    try {
      await mkdir(opts.report, { recursive: true });
      await writeFile(join(opts.report, 'results.json'), stringifyExactJson(results, 2) + '\n');
      await writeFile(join(opts.report, 'history.jsonl'), history.map((op) => stringifyExactJson(op) + '\n').join(''));
      await writeFile(join(opts.report, 'test.json'), JSON.stringify(checkTestJson(file, opts, imported.format, name, choice.options), null, 2) + '\n');
    } catch (e) {
      throw new UserError(`${opts.report}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const { publishReport } = await import('../report/write-report.js'); // only with --report
    await publishReport(opts.report, undefined, onWarning ?? ((m) => process.stderr.write(`warning: ${esc(m)}\n`)));
  }
  return { result, results, history, exitCode: exitCodeOf(results, choice.model), format: imported.format, checker: name, model: choice.model };
}

/** A crash's message without its stack: the verdict is one line (results.json keeps the stack). */
const firstLine = (s: string): string => s.split('\n')[0];

/** How many keys the checker left undecided once its explanation budget ran out (`stats.undecidedKeys`, a count). */
function undecidedKeys(result: CheckResult): number {
  const n = result.stats?.undecidedKeys;
  return typeof n === 'number' ? n : 0;
}

/** The verdict word: linearizability keeps its own words; others say valid/INVALID with the checker's name. */
function verdictWords(checker: string, valid: CheckResult['valid']): string {
  if (checker === 'linearizable') return valid === true ? chalk.green('linearizable') : valid === false ? chalk.red('NOT linearizable') : chalk.yellow('unknown');
  return valid === true ? chalk.green(`${checker}: valid`) : valid === false ? chalk.red(`${checker}: INVALID`) : chalk.yellow(`${checker}: unknown`);
}

/** The lines `faultline check` prints for an outcome (coloured with chalk). */
export function describeOutcome(file: string, { result, results, history, checker, model }: CheckFileOutcome): string[] {
  const ops = `${history.length} records`;
  const f = esc(file);
  const lines: string[] = [];
  if (result.valid === 'unknown') lines.push(`${verdictWords(checker, 'unknown')}  ${f} (${ops}): ${esc(firstLine(result.error ?? results.undecidedBecause ?? 'undecided'))}`);
  else if (results.valid === 'unknown' && results.undecidedBecause) lines.push(`${verdictWords(checker, 'unknown')}  ${f} (${ops}): ${esc(results.undecidedBecause)}`);
  else lines.push(`${verdictWords(checker, result.valid)}  ${f} (${ops})`);
  if (result.valid === false) for (const a of result.anomalies ?? []) lines.push(`  ${esc(a.explanation)}`);
  const undecided = undecidedKeys(result);
  if (undecided > 0) lines.push(`  ${undecided} key${undecided === 1 ? '' : 's'} not decided within the explanation budget (--explain-timeout)`);
  if (model !== undefined) {
    const v = results.models[model];
    const said = v?.status === 'holds' ? chalk.green('holds') : v?.status === 'ruled-out' ? chalk.red(`ruled out (${v.by.join(', ')})`) : chalk.yellow(v?.status === 'unknown' ? 'undecided' : 'not decided by this checker');
    lines.push(`${model}: ${said}`);
  } else if (checker !== 'linearizable') {
    const { strongestHeld, weakestRuledOut } = results.modelSummary;
    if (strongestHeld.length) lines.push(`holds: ${strongestHeld.join(', ')}`);
    if (weakestRuledOut.length) lines.push(`ruled out: ${weakestRuledOut.join(', ')}`);
  }
  return lines;
}

/** Adds `check` to the program. */
export function registerCheckCommand(program: Command): Command {
  return program
    .command('check')
    .description('check a recorded history (Jepsen EDN, Porcupine logs, faultline JSONL) with any registered checker')
    .argument('<file>', 'the history file')
    .option('--format <format>', `history format: ${IMPORT_FORMATS.join(', ')} (default: detected from the content)`)
    .option('--checker <name>', `checker: ${Object.keys(checkers).join(', ')} (default: the one the ops call for)`)
    .option('--model <model>', `a consistency model to ask about (exit 0 holds, 1 ruled out, 2 undecided), or the linearizability spec: ${LINEARIZABLE_MODELS.join(', ')}`)
    .option('--checker-opt <key=value>', "the checker's own options (faultline list shows them; repeatable)", collect, [])
    .option('--timeout <seconds>', 'give up with verdict unknown (exit 2) after this long', '60')
    .option('--explain-timeout <seconds>', `once not linearizable, seconds spent deciding the other keys to find more bad ones, in full (default: up to ${DEFAULT_EXPLAIN_TIMEOUT_S}, stopping early once nothing more is decided)`)
    .option('--report <dir>', 'write results.json, history.jsonl and report.html into this directory')
    .action(async (file: string, raw: Record<string, unknown>) => {
      const outcome = await checkFile(
        file,
        raw,
        (m) => process.stderr.write(`warning: ${esc(m)}\n`),
        (m) => process.stderr.write(`${esc(m)}\n`),
      );
      for (const line of describeOutcome(file, outcome)) process.stdout.write(line + '\n');
      const report = typeof raw.report === 'string' ? join(raw.report, 'report.html') : undefined;
      if (report && existsSync(report)) process.stdout.write(`report  ${esc(report)}\n`);
      setExitCode(outcome.exitCode);
    });
}
