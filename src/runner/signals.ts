/**
 * Stop signals during a run: the first SIGINT/SIGTERM asks for a graceful stop, the second for an
 * immediate one. Handlers are removed by `dispose`, restoring Node's default behaviour.
 */

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
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
