/**
 * The controller of one test run: validate the options, create the run directory, set up the cluster
 * through the runtime, open one client per worker, drive the generator (main phase bounded by the
 * time limit, then the workload's final phase), tear the cluster down, check the history and write
 * results. Interruption (SIGINT/SIGTERM/SIGHUP) stops generating, lets in-flight ops finish or time
 * out, heals every fault, tears down, and still writes history and results, marked interrupted; a
 * second signal tears the cluster down at once. The handlers stay until the results are stored, so no
 * signal ends the harness before that. A node that exits on its own (not by a fault or the teardown)
 * is recorded in results.json (`nodeCrashes`) with the tail of its log: a finding, even when the
 * history is valid. With nemeses, a nemesis worker runs beside the clients; the heal in `finally`
 * (after the final phase has normally healed already) guarantees no fault outlives the run.
 */
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { openHistoryWriter } from '../core/history-writer.js';
import { createLogger } from '../core/logger.js';
import type { Op } from '../core/op.js';
import { FILES, createRunDir, writeJson } from '../report/store.js';
import { publishReport } from '../report/write-report.js';
import { hasClientView, type Cluster } from '../runtimes/runtime.js';
import { composeNemeses, faultsOf, type Nemesis } from '../../nemeses/nemesis.js';
import { buildGenerator, resolveParts, testInfo, testJson, testName, workloadContext } from './plan.js';
import { realClock, type Clock } from './clock.js';
import { driveClients } from './drive.js';
import { historyWatch } from './history-watch.js';
import { phaseOfLog } from './phase.js';
import { startProgress } from './progress.js';
import { assembleResults, checkHistory, type NodeCrash, type Results } from './results.js';
import type { RunOptions } from './run-options.js';
import { onStopSignals } from './signals.js';

export interface RunIO {
  /** The first line's sequel: progress, phases, signal notices. */
  out: { write(s: string): unknown; isTTY?: boolean };
  /** Warnings (e.g. the report not written); default: `out`. */
  err?: { write(s: string): unknown };
  /** Show a progress line. */
  progress: boolean;
}

export interface RunOutcome {
  dir: string;
  results: Results;
  /** Set when the run itself failed (cluster would not start, harness error), not the system under test. */
  failure?: { message: string; exitCode: number };
}

/** Runs one test end to end. Throws `UserError` for bad options (before anything is started). */
export async function runTest(o: RunOptions, io: RunIO): Promise<RunOutcome> {
  const parts = resolveParts(o);
  const missing = await parts.runtime.check(parts.target, parts.targetOpts, parts.runtimeOpts);
  if (missing) throw new UserError(missing);

  const startedAt = new Date();
  const dir = createRunDir(o.reportsDir, testName(o), startedAt);
  const logger = createLogger(join(dir, FILES.harnessLog), 'none');
  const spec = await testJson(o, parts, startedAt);
  writeJson(dir, FILES.test, spec);
  logger.info(`run directory ${dir}; reproduce with: ${spec.command}`);

  const writer = openHistoryWriter(join(dir, FILES.history));
  const history: Op[] = [];
  const progress = startProgress({ out: io.out, timeLimit: o.timeLimit, nemeses: parts.nemesis.chosen.map((c) => c.pkg), mode: io.progress ? 'auto' : 'none' });
  const stop = new AbortController();
  let cluster: Cluster | undefined;
  let nemesis: Nemesis | undefined;
  let forced: Promise<void> | undefined;
  let stoppedBy: NodeJS.Signals | undefined;
  // Nodes that exit on their own, stamped on the history's clock once the load has started.
  const crashes: NodeCrash[] = [];
  let clock: Clock | undefined;
  const signals = onStopSignals({
    first(sig) {
      stoppedBy = sig;
      io.out.write(`\n${sig}: stopping — letting in-flight ops finish (send it again to stop at once)\n`);
      logger.warn(`${sig}: stopping`);
      stop.abort();
    },
    second(sig) {
      io.out.write(`\n${sig}: tearing the cluster down now\n`);
      logger.warn(`${sig} again: tearing down now`);
      forced = cluster?.teardown();
    },
  });

  let failure: RunOutcome['failure'];
  try {
    progress.phase({ phase: 'starting cluster', detail: `(${o.nodes} node${o.nodes === 1 ? '' : 's'})` });
    cluster = await parts.runtime.setup(parts.target, parts.targetOpts, o.nodes, {
      runDir: dir,
      logger,
      signal: stop.signal,
      seed: o.seed,
      options: parts.runtimeOpts,
      faults: parts.nemesis.chosen.flatMap((c) => faultsOf(c.pkg, c.opts)),
      onNodeExit: (exit) => crashes.push({ ...exit, ...(clock ? { time: clock.now() } : {}) }),
    });
    const nodes = cluster.nodes;
    const ready = cluster;
    // A client sees the nodes as its home node does (through client-link proxies if partitions cut clients).
    const clientNodes = (home: string) => (hasClientView(ready) ? ready.clientNodes(home) : nodes);
    logger.info(`cluster ready: ${nodes.map((n) => `${n.name}@${n.host}:${n.clientPort}`).join(' ')}`);
    // The nemesis may watch the history as it is recorded (a fault timed by what clients just did).
    const watch = historyWatch(nodes.map((n) => n.name), o.concurrency);
    const nemCtx = { cluster, target: parts.target, targetOpts: parts.targetOpts, logger, history: watch, opTimeoutMs: o.opTimeout * 1000 };
    if (parts.nemesis.chosen.length > 0) nemesis = composeNemeses(parts.nemesis.chosen.map((c) => c.pkg.create(nemCtx, c.opts)));
    if (!stop.signal.aborted) {
      progress.phase({ phase: 'load', seconds: o.timeLimit });
      clock = realClock();
      await driveClients({
        clock,
        nemesis,
        generator: buildGenerator(o, parts, () => history),
        concurrency: o.concurrency,
        seed: o.seed,
        nodes,
        openClient: (node) => parts.target.openClient(node, { opts: parts.targetOpts, nodes: clientNodes(node.name), workload: o.workload, log: (m) => logger.warn(m) }),
        opTimeout: o.opTimeout,
        sink: { append: (op) => (history.push(op), writer.append(op)) },
        onRecord: (op) => (progress.record(op), watch.record(op)),
        log: (m) => {
          const phase = phaseOfLog(m); // the generator marks healing, settling and final reads
          if (phase) progress.phase(phase);
          logger.info(m);
        },
        signal: stop.signal,
      });
    }
  } catch (e) {
    failure =
      e instanceof UserError
        ? { message: e.message, exitCode: e.exitCode }
        : { message: `harness error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, exitCode: 255 };
    logger.warn(failure.message);
  } finally {
    progress.phase({ phase: 'stopping cluster' });
    await forced;
    if (nemesis && !forced) logger.info(`final heal: ${JSON.stringify(await nemesis.heal())}`);
    await cluster?.teardown();
    writer.close();
    logger.info(`torn down; ${history.length} history records`);
  }

  if (!failure) progress.phase({ phase: 'checking', detail: `${progress.counts.ops} ops` });
  try {
    const results: Results = failure
      ? { ...assembleResults({}, parts.workload.models, history, o.timeLimit), error: failure.message }
      : await checkHistory(parts.workload.checkers(workloadContext(o, parts)), parts.workload.models, testInfo(o), history, dir);
    progress.stop();
    if (stoppedBy) Object.assign(results, { interrupted: true, interruptedBy: stoppedBy });
    if (crashes.length > 0) results.nodeCrashes = crashes;
    writeJson(dir, FILES.results, results);
    writeJson(dir, FILES.test, { ...spec, endedAt: new Date().toISOString(), interrupted: stoppedBy !== undefined });
    await publishReport(dir, o.reportsDir, (m) => (logger.warn(m), (io.err ?? io.out).write(`warning: ${m}\n`)));
    logger.info(`verdict ${String(results.valid)}${stoppedBy ? ` (interrupted by ${stoppedBy})` : ''}`);
    return { dir, results, failure };
  } finally {
    // Only now: a signal while checking or storing must not end the harness before the results are written.
    signals.dispose();
  }
}
