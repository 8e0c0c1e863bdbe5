/**
 * The error codes a client puts in a completion's `error`, in one table: whether an op completing with
 * one certainly did not take effect (`definite`: `fail`, else `info`), and what it says about the
 * system — it `answered` (a definite application outcome such as a compare that did not match: the
 * system was available and said no), or the configuration does not offer the op at all
 * (`unsupported`: leaderless raft-kv refuses cas, whatever the faults). Any other error — a timeout,
 * a refused connection, no leader — is the system not answering.
 *
 * A completion's `error` is a code, or a code followed by `: ` and details (`unsupported: cas is not
 * available with replication=leaderless`); `errorCode` reads the code back.
 */

/** What one error code means. */
export interface ErrorCodeInfo {
  /** The op certainly did not take effect: it completes `fail`, never `info`. */
  definite: boolean;
  /** How the error counts for availability: the system answered, or does not offer the op. */
  availability: 'answered' | 'unsupported';
  /** One line for docs and legends. */
  doc: string;
}

/** The error codes that are outcomes rather than unavailability. */
export const ERROR_CODES = {
  'cas-mismatch': { definite: true, availability: 'answered', doc: 'a cas whose compare did not match: answered, nothing applied' },
  'wrong-type': { definite: true, availability: 'answered', doc: 'an op of another kind than the key holds: answered, nothing applied' },
  unsupported: { definite: true, availability: 'unsupported', doc: 'the configuration does not offer this op (leaderless refuses cas, append, txn)' },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A code of the table. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The table's code at the start of `error` (`code` or `code: details`), or undefined. */
export function errorCode(error: string | undefined): ErrorCode | undefined {
  if (error === undefined) return undefined;
  const code = error.split(': ', 1)[0];
  return Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : undefined;
}

/** The codes whose completion is an application answer (the system was available). */
export const ANSWER_CODES: readonly ErrorCode[] = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => ERROR_CODES[c].availability === 'answered');
