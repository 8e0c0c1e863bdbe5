/**
 * Which checker `faultline check` runs, with which options, and which consistency model (if any) the
 * user asked about:
 * - `--checker NAME` names a registry checker; without it the history's ops choose one: transactions
 *   (`txn`) go to list-append when any micro-op appends and to rw-register otherwise; register and kv
 *   ops go to linearizable.
 * - `--model M` is either a consistency model from the lattice (`serializable`, `causal`, …: "does this
 *   model hold?", answered by a checker that rules on it, and the exit code follows that model), or,
 *   as before, the sequential specification of the linearizability checkers (`register`,
 *   `cas-register`, `kv`). Where several checkers read the ops and rule on the model, transactions go
 *   to the one their micro-ops fit, as without `--model`.
 * - `--checker-opt key=value` sets the checker's own options (validated, without zod, by its registry
 *   option specs: src/core/option-spec.ts); `--timeout` and `--explain-timeout` set `check-timeout`
 *   and `explain-timeout` where it has them.
 */
import { checkerEntry, checkers } from '../checkers/index.js';
import type { CheckerEntry } from '../checkers/entry.js';
import { LINEARIZABLE_MODELS, type LinearizableModelName } from '../checkers/linearizable-ops.js';
import { UserError } from '../core/errors.js';
import { MODELS, strongerModels, weakerModels } from '../core/models.js';
import { isClientOp, type Op } from '../core/op.js';
import { validateOptionSpecs } from '../core/option-spec.js';
import { chooseModel } from './check-model.js';

/** What `check` will run. */
export interface CheckChoice {
  entry: CheckerEntry<any>;
  /** The checker's validated options. */
  options: Record<string, unknown>;
  /** The consistency model asked about, if any. */
  model?: string;
  /** Said on stderr when something was chosen for the user. */
  notes: string[];
}

/** The `--model` values that are linearizability specifications rather than consistency models. */
export function isSpec(model: string | undefined): model is LinearizableModelName {
  return model !== undefined && (LINEARIZABLE_MODELS as readonly string[]).includes(model);
}

function txnChecker(client: readonly Op[]): string {
  const appends = client.some((op) => Array.isArray(op.value) && op.value.some((m) => Array.isArray(m) && m[0] === 'append'));
  return appends ? 'list-append' : 'rw-register';
}

/** The checker the history's ops call for, and why. */
function checkerForOps(file: string, history: readonly Op[], model: string | undefined): { name: string; why: string } {
  const client = history.filter(isClientOp);
  if (client.length === 0) throw new UserError(`${file}: the history holds no client operations (only nemesis ones): nothing to check`);
  const fs = new Set(client.map((op) => op.f));
  const reads = (e: CheckerEntry<any>) => [...fs].every((f) => e.reads.includes(f));
  if (model && !isSpec(model)) {
    const related = (e: CheckerEntry<any>) => e.models.some((m) => m === model || weakerModels(m).has(model) || strongerModels(m).has(model));
    // Several checkers may read the ops (list-append and rw-register both read txn): the one whose
    // micro-ops the transactions hold comes first.
    const fits = fs.size === 1 && fs.has('txn') ? txnChecker(client) : undefined;
    const found = Object.values(checkers)
      .filter((e) => reads(e) && related(e))
      .sort((a, b) => Number(b.name === fits) - Number(a.name === fits));
    const direct = found.find((e) => e.models.includes(model)) ?? found[0];
    if (!direct) throw new UserError(`--model ${model}: no checker that reads ops ${[...fs].join(', ')} rules on it (checkers: ${Object.keys(checkers).join(', ')})`);
    return { name: direct.name, why: `rules on ${model}` };
  }
  if (fs.size === 1 && fs.has('txn')) return { name: txnChecker(client), why: 'fits its transactions' };
  chooseModel(file, history, isSpec(model) ? model : undefined); // refuses ops no linearizability spec fits
  return { name: 'linearizable', why: 'fits its ops' };
}

/** Decides the checker, its options and the model asked about; throws `UserError` on a bad choice. */
export function chooseChecker(
  file: string,
  history: readonly Op[],
  asked: { checker?: string; model?: string; checkerOpts: Record<string, string>; timeout?: number; explainTimeout?: number },
): CheckChoice {
  const notes: string[] = [];
  const model = asked.model;
  if (model !== undefined && !isSpec(model) && !Object.hasOwn(MODELS, model)) {
    throw new UserError(`--model ${model}: expected a consistency model (${Object.keys(MODELS).join(', ')}) or a linearizability spec (${LINEARIZABLE_MODELS.join(', ')})`);
  }
  let name = asked.checker;
  if (name === undefined) {
    const chosen = checkerForOps(file, history, model);
    name = chosen.name;
    // Linearizability is what a register or kv history has always been checked for: said only otherwise.
    if (name !== 'linearizable') notes.push(`checker: ${name} (${chosen.why})`);
  }
  const entry = checkerEntry(name);
  if (!entry) throw new UserError(`--checker ${name}: unknown checker (choose from ${Object.keys(checkers).join(', ')})`);
  const keys = Object.keys(entry.options);
  const raw: Record<string, unknown> = { ...asked.checkerOpts };
  if (asked.timeout !== undefined && keys.includes('check-timeout')) raw['check-timeout'] = asked.timeout;
  if (asked.explainTimeout !== undefined && keys.includes('explain-timeout')) raw['explain-timeout'] = asked.explainTimeout;
  if (keys.includes('model') && raw.model === undefined) {
    const spec = chooseModel(file, history, isSpec(model) ? model : undefined);
    raw.model = spec;
    if (!isSpec(model)) notes.push(`model: ${spec} (fits its ops)`);
  } else if (isSpec(model)) {
    throw new UserError(`--model ${model}: a linearizability spec, but checker ${name} takes none`);
  }
  const options = validateOptionSpecs('--checker-opt', `checker ${name}`, entry.options, raw) as Record<string, unknown>;
  return { entry, options, model: isSpec(model) ? undefined : model, notes };
}
