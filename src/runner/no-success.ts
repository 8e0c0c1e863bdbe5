/**
 * A history in which no client op completed ok proves nothing: every checker accepts it (nothing was
 * read or written, so nothing contradicts any model), yet the system under test did no work — a
 * target refusing every op, a cluster that never came up, a client that cannot talk to it. This is the
 * one rule, applied to every workload's results (`assembleResults`): such a verdict is unknown, with
 * a one-line reason, and no model holds.
 */
import type { Validity } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import type { RunStats } from './assemble-results.js';

/** Why the figures `s` decide nothing (`no operation succeeded: …`), or undefined when some op was ok. */
export function noSuccessReason(s: Pick<RunStats, 'ops' | 'ok' | 'fail' | 'info' | 'failErrors'>): string | undefined {
  if (s.ok > 0) return undefined;
  if (s.ops === 0) return 'no operation succeeded: the history has no completed client op';
  const errors = Object.entries(s.failErrors ?? {});
  const shown = errors.slice(0, 3).map(([e, n]) => `${n} ${e.split('\n')[0]}`);
  if (errors.length > 3) shown.push(`${errors.slice(3).reduce((t, [, n]) => t + n, 0)} other`);
  const fails = s.fail > 0 ? `${s.fail} failed${shown.length ? ` (${shown.join(', ')})` : ''}` : '';
  const infos = s.info > 0 ? `${s.info} with unknown outcome` : '';
  return `no operation succeeded: of ${s.ops} client op${s.ops === 1 ? '' : 's'} ${[fails, infos].filter(Boolean).join(', ')}`;
}

/**
 * The verdict and models once `reason` (from `noSuccessReason`) applies: an invalid verdict stays (an
 * anomaly found is found), anything else is unknown; a model said to hold becomes unknown.
 */
export function withoutSuccess(valid: Validity, models: ModelVerdicts): { valid: Validity; models: ModelVerdicts } {
  const out: ModelVerdicts = {};
  for (const [m, v] of Object.entries(models)) out[m] = v.status === 'holds' ? { ...v, status: 'unknown' } : v;
  return { valid: valid === false ? false : 'unknown', models: out };
}
