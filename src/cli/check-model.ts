/**
 * Which model `faultline check` judges a history against: the one asked for with `--model`, else
 * the one its client ops fit (read/write/cas → cas-register, get/put/append → kv). A history with
 * no client ops, or ops no model fits, is bad input: there would be nothing, or nothing sensible,
 * to call linearizable.
 */
import { fittingModel, LINEARIZABLE_MODELS, type LinearizableModelName } from '../checkers/linearizable-ops.js';
import { UserError } from '../core/errors.js';
import type { Op } from '../core/op.js';

/** The model to check `history` (read from `file`) against. Throws `UserError` when none can be. */
export function chooseModel(file: string, history: readonly Op[], asked: LinearizableModelName | undefined): LinearizableModelName {
  const client = history.filter((op) => op.process !== 'nemesis');
  if (client.length === 0) throw new UserError(`${file}: the history holds no client operations (only nemesis ones): nothing to check`);
  if (asked) return asked;
  const model = fittingModel(client);
  if (model) return model;
  const fs = [...new Set(client.map((op) => op.f))].slice(0, 6).join(', ');
  throw new UserError(`${file}: no model fits ops ${fs}; give --model (${LINEARIZABLE_MODELS.join(', ')})`);
}
