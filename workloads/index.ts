/**
 * The workload registry. CLI choices, help text and `faultline list` are derived from it.
 */
import type { Workload } from '../src/core/workload.js';
import { counterWorkload } from './counter.js';
import { listAppendWorkload } from './list-append.js';
import { registerWorkload } from './register.js';
import { rwRegisterWorkload } from './rw-register.js';
import { setWorkload } from './set.js';

/** Every workload, by name. */
export const workloads: Record<string, Workload<any>> = {
  register: registerWorkload,
  'list-append': listAppendWorkload,
  'rw-register': rwRegisterWorkload,
  set: setWorkload,
  counter: counterWorkload,
};
