/**
 * The list-append checker (Elle's list-append analysis through the `src/elle` engine): transactions of
 * `['append', k, v]` and `['r', k, list]` micro-ops, appended values unique per key. The lists reveal each
 * key's full version order, so this checker can show every model it rules on to hold.
 */
import type { Checker } from '../core/checker.js';
import { checkListAppend } from '../elle/index.js';
import { elleChecker, type ElleCheckerOptions } from './elle-adapter.js';
import { LIST_APPEND_MODELS } from './elle-models.js';

export { LIST_APPEND_MODELS } from './elle-models.js';

/** A list-append checker for validated options. */
export function listAppendChecker(o: ElleCheckerOptions): Checker {
  return elleChecker({ rulesOn: LIST_APPEND_MODELS, undecidable: [], run: checkListAppend }, o);
}
