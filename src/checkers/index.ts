/**
 * The checker registry: every checker by name. CLI choices (`check --checker`), `faultline list` and the
 * workloads take checkers from here, never from a list of their own.
 */
import { causalEntry } from './causal-entry.js';
import { convergenceEntry } from './convergence-entry.js';
import { counterEntry } from './counter-entry.js';
import type { CheckerEntry } from './entry.js';
import { linearizableEntry } from './linearizable-entry.js';
import { sequentialEntry } from './sequential-entry.js';
import { sessionEntry } from './session-entry.js';
import { listAppendEntry } from './list-append-entry.js';
import { rwRegisterEntry } from './rw-register-entry.js';
import { setFullEntry } from './set-full-entry.js';

/** Every checker, by name. */
export const checkers: Record<string, CheckerEntry<any>> = {
  [linearizableEntry.name]: linearizableEntry,
  [sessionEntry.name]: sessionEntry,
  [causalEntry.name]: causalEntry,
  [sequentialEntry.name]: sequentialEntry,
  [listAppendEntry.name]: listAppendEntry,
  [rwRegisterEntry.name]: rwRegisterEntry,
  [setFullEntry.name]: setFullEntry,
  [counterEntry.name]: counterEntry,
  [convergenceEntry.name]: convergenceEntry,
};

/** The checker named `name`, or undefined. */
export function checkerEntry(name: string): CheckerEntry<any> | undefined {
  return Object.hasOwn(checkers, name) ? checkers[name] : undefined;
}
