/**
 * `faultline check FILE [--format F] [--model M]`: imports a history from another tool (or
 * faultline's own JSONL), checks it for linearizability, prints the verdict and exits 0 valid,
 * 1 invalid, 2 unknown, 254 bad input. Without `--format` the format is detected from the content,
 * and without `--model` the model is the one the ops fit (read/write/cas → cas-register,
 * get/put/append → kv); what was chosen is said on stderr. Input it did not understand is bad
 * input, never a verdict: an empty file, a file that yields no operations, a malformed record or a
 * value the model cannot use (`file:line: …`). With `--report DIR`, writes DIR/results.json (the
 * check result, with the linearization info of every non-linearizable key), DIR/history.jsonl (the
 * imported history) and DIR/report.html (the HTML report of both).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import chalk from 'chalk';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_EXPLAIN_TIMEOUT_S, linearizableChecker } from '../checkers/linearizable.js';
import { LINEARIZABLE_MODELS, type LinearizableModelName } from '../checkers/linearizable-ops.js';
import { exitCodeFor, safeCheck, type CheckResult } from '../core/checker.js';
import { UserError } from '../core/errors.js';
import { stringifyExactJson } from '../core/exact-json.js';
import { rejectBadOps } from '../core/history-validate.js';
import type { Op } from '../core/op.js';
import { IMPORT_FORMATS, importFile, type ImportFormat } from '../importers/index.js';
import { publishReport } from '../report/write-report.js';
import { shellQuote } from '../runner/run-options.js';
import { chooseModel } from './check-model.js';
import { setExitCode } from './exit.js';
import { escapeControl as esc } from './terminal-text.js';

/** The options of `faultline check`, as commander hands them over (strings), validated. */
export const checkOptionsSchema = z.object({
  /** Detected from the content when absent. */
  format: z.enum(IMPORT_FORMATS).optional(),
  /** The model the history's ops fit when absent. */
  model: z.enum(LINEARIZABLE_MODELS).optional(),
  /** Seconds before the verdict is `unknown`. */
  timeout: z.coerce.number().positive().default(60),
  /** Seconds spent explaining an invalid verdict (default: the checker's). */
  explainTimeout: z.coerce.number().nonnegative().optional(),
  report: z.string().min(1).optional(),
});
/** Validated options of `faultline check`. */
export type CheckOptions = z.infer<typeof checkOptionsSchema>;

/** What checking a file produced. */
export interface CheckFileOutcome {
  result: CheckResult;
  history: Op[];
  exitCode: number;
  /** The format read and the model checked against (given or chosen). */
  format: ImportFormat;
  model: LinearizableModelName;
}

/** Validates raw options; a bad one is a `UserError` naming the option and the allowed values. */
export function parseCheckOptions(raw: unknown): CheckOptions {
  const r = checkOptionsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const option = issue.path.join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  throw new UserError(`check: option --${option}: ${issue.message}`);
}

/** test.json of a `check --report` directory: what was checked and the command that repeats it. */
function checkTestJson(file: string, opts: CheckOptions, format: ImportFormat, model: LinearizableModelName): Record<string, unknown> {
  const command = ['npx', 'faultline', 'check', file, '--format', format, '--model', model, '--timeout', String(opts.timeout), '--report', opts.report ?? '']
    .map(shellQuote)
    .join(' ');
  return { name: basename(file), workload: model, target: 'imported', source: file, format, command, startedAt: new Date().toISOString() };
}

/**
 * Imports `file`, checks it, and writes the report files if asked. Bad input throws `UserError`
 * (`file:line: …`); the verdict is in the result. `onNote` hears which format and model were
 * chosen when not given. No printing, no process exit.
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
  const model = chooseModel(file, history, opts.model);
  const chosen = [imported.detected ? `detected format: ${imported.format}` : '', opts.model ? '' : `model: ${model} (fits its ops)`];
  if (chosen.some(Boolean)) onNote?.(chosen.filter(Boolean).join('; '));
  const test = { name: file, workload: model, target: 'imported', concurrency: 0, seed: 0 };
  const explainTimeoutMs = opts.explainTimeout === undefined ? undefined : opts.explainTimeout * 1000;
  const checker = linearizableChecker({ model, timeoutMs: opts.timeout * 1000, explainTimeoutMs });
  const result = await safeCheck(checker, test, history);
  rejectBadOps(file, imported, [result]);
  if (opts.report) {
    try {
      await mkdir(opts.report, { recursive: true });
      await writeFile(join(opts.report, 'results.json'), JSON.stringify(result, null, 2) + '\n');
      await writeFile(join(opts.report, 'history.jsonl'), history.map((op) => stringifyExactJson(op) + '\n').join(''));
      await writeFile(join(opts.report, 'test.json'), JSON.stringify(checkTestJson(file, opts, imported.format, model), null, 2) + '\n');
    } catch (e) {
      throw new UserError(`${opts.report}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    await publishReport(opts.report, undefined, onWarning ?? ((m) => process.stderr.write(`warning: ${esc(m)}\n`)));
  }
  return { result, history, exitCode: exitCodeFor(result.valid), format: imported.format, model };
}

/** The lines `faultline check` prints for an outcome (coloured with chalk). */
export function describeOutcome(file: string, { result, history }: CheckFileOutcome): string[] {
  const ops = `${history.length} records`;
  const f = esc(file);
  if (result.valid === true) return [`${chalk.green('linearizable')}  ${f} (${ops})`];
  if (result.valid === 'unknown') return [`${chalk.yellow('unknown')}  ${f} (${ops}): ${esc(result.error ?? 'undecided')}`];
  const lines = [`${chalk.red('NOT linearizable')}  ${f} (${ops})`];
  for (const a of result.anomalies ?? []) lines.push(`  ${esc(a.explanation)}`);
  return lines;
}

/** Adds `check` to the program. */
export function registerCheckCommand(program: Command): Command {
  return program
    .command('check')
    .description('check a recorded history (Jepsen EDN, Porcupine logs, faultline JSONL) for linearizability')
    .argument('<file>', 'the history file')
    .option('--format <format>', `history format: ${IMPORT_FORMATS.join(', ')} (default: detected from the content)`)
    .option('--model <model>', `sequential model: ${LINEARIZABLE_MODELS.join(', ')} (default: the one the ops fit)`)
    .option('--timeout <seconds>', 'give up with verdict unknown (exit 2) after this long', '60')
    .option('--explain-timeout <seconds>', `once not linearizable, seconds spent finding and explaining the bad keys (default ${DEFAULT_EXPLAIN_TIMEOUT_S})`)
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
