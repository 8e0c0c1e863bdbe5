/**
 * Stop signals during a run: SIGINT (Ctrl-C), SIGTERM (a supervisor, `kill`) and SIGHUP (the terminal
 * closed or the SSH session dropped) all mean the same. The first asks for a graceful stop, the second
 * for an immediate one; later ones are ignored, so that the harness still heals, tears down and stores
 * its results. Handlers are removed by `dispose`, restoring Node's default behaviour.
 */

/** The signals that stop a run. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopHandlers {
  first(signal: NodeJS.Signals): void;
  second(signal: NodeJS.Signals): void;
}

/** Installs the handlers; returns a disposer. */
export function onStopSignals(h: StopHandlers): { dispose(): void } {
  let count = 0;
  const handler = (sig: NodeJS.Signals) => {
    count++;
    if (count === 1) h.first(sig);
    else if (count === 2) h.second(sig);
  };
  for (const sig of STOP_SIGNALS) process.on(sig, handler);
  return {
    dispose() {
      for (const sig of STOP_SIGNALS) process.off(sig, handler);
    },
  };
}
