/** Port probes for tests that assert nothing was left listening. */
import { connect } from 'node:net';

/** Resolves true when nothing accepts a TCP connection on `port`. */
export function portClosed(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
}
