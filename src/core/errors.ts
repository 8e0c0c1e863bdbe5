/**
 * Exit codes and the error kinds that cross module boundaries.
 *
 * A user mistake (bad option, unreadable file, missing binary) is a `UserError`: the CLI prints its
 * one-line message and exits 254, never a stack trace. Anything else escaping to the top is a crash (255).
 */

/** Process exit codes, as in Jepsen. */
export const ExitCode = {
  valid: 0,
  invalid: 1,
  unknown: 2,
  badArguments: 254,
  crashed: 255,
} as const;

/** A mistake the user can fix; `message` is one line naming the file, line or option. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string, readonly exitCode: number = ExitCode.badArguments) {
    super(message);
  }
}

/**
 * An error from a client request. `definite` says the operation certainly did not take effect
 * (the op completes as `fail`); otherwise its effect is unknown (the op completes as `info`).
 */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(message: string, readonly definite: boolean) {
    super(message);
  }
}

/** Short text for any thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/**
 * A checker's refusal that names the record it cannot judge (`op N: reason`, the form every checker
 * uses): the op's index and the reason, or undefined for any other message.
 */
export function opOfRefusal(message: string): { index: number; reason: string } | undefined {
  const m = /^op (\d+): ([\s\S]+)$/.exec(message);
  return m ? { index: Number(m[1]), reason: m[2] } : undefined;
}
