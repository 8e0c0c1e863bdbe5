/**
 * The harness log: timestamped lines appended to harness.log in the run directory, optionally echoed
 * to stderr. Passed explicitly through contexts; there is no global logger.
 */
import { appendFileSync } from 'node:fs';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

/** Writes to `file` (if given) and echoes warnings, or everything when `echo` is set, to stderr. */
export function createLogger(file?: string, echo: 'all' | 'warn' | 'none' = 'warn'): Logger {
  const write = (level: string, msg: string, toStderr: boolean) => {
    const line = `${new Date().toISOString()} ${level} ${msg}\n`;
    if (file) {
      try {
        appendFileSync(file, line);
      } catch {
        // the run directory may be gone during teardown; the log is best effort
      }
    }
    if (toStderr) process.stderr.write(`${level === 'WARN' ? 'warning: ' : ''}${msg}\n`);
  };
  return {
    info: (msg) => write('INFO', msg, echo === 'all'),
    warn: (msg) => write('WARN', msg, echo !== 'none'),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info() {}, warn() {} };
