/**
 * Last-resort cleanup when the harness process ends without tearing down: an uncaught exception, an
 * unhandled rejection, `process.exit` from anywhere. Hooks run synchronously on Node's `exit` event
 * (nothing asynchronous can run there), so they only do what can be done at once: signal processes
 * by PID and remove files. SIGINT/SIGTERM are handled gracefully by the runner (src/runner/signals.ts);
 * a SIGKILLed harness runs nothing, which is what `faultline cleanup` is for.
 *
 * This is the one place with process-wide state: an exit handler is process-wide by nature.
 */

type Hook = () => void;

const hooks = new Set<Hook>();
let installed = false;

function runHooks(): void {
  for (const h of [...hooks]) {
    try {
      h();
    } catch {
      // best effort: one failing hook must not stop the others
    }
  }
  hooks.clear();
}

/**
 * Runs `hook` synchronously if the process exits while it is registered. Returns the disposer that
 * unregisters it (call it after a normal teardown).
 */
export function onHarnessExit(hook: Hook): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runHooks);
  }
  hooks.add(hook);
  return () => void hooks.delete(hook);
}
