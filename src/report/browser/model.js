// faultline report — the derived model: client ops paired invoke→completion, laid out in lanes
// (one per worker: after an `info` a worker continues as process id + concurrency, so its ops stay
// on one lane), and the nemesis's faults as time intervals, one row per fault kind (faults.js).
'use strict';

/** Builds the model from the embedded data. */
FL.buildModel = function (data) {
  const history = data.history || [];
  const test = data.test || {};
  const concurrency = Number((test.options && test.options.concurrency) || test.concurrency) || 0;
  const pairs = [];
  const nemesisPairs = [];
  const pairOf = new Int32Array(history.length + 1).fill(-1);
  const open = new Map();
  let tEnd = 0;
  for (const op of history) {
    if (op.time > tEnd) tEnd = op.time;
    if (op.index >= pairOf.length) continue;
    if (op.type === 'invoke') {
      const p = { id: -1, invoke: op, complete: null };
      open.set(op.process, p);
      if (op.process === 'nemesis') nemesisPairs.push(p);
      else {
        p.id = pairs.length;
        pairs.push(p);
        pairOf[op.index] = p.id;
      }
    } else {
      const p = open.get(op.process);
      if (!p) continue;
      p.complete = op;
      open.delete(op.process);
      if (p.id >= 0) pairOf[op.index] = p.id;
    }
  }
  // Lanes: one per worker when the concurrency is known, else one per process.
  const laneKeys = [...new Set(pairs.map((p) => (concurrency > 0 ? p.invoke.process % concurrency : p.invoke.process)))].sort((a, b) => a - b);
  const laneOf = new Map(laneKeys.map((k, i) => [k, i]));
  const lanes = laneKeys.map((k) => ({ label: concurrency > 0 ? 'worker ' + k : 'p' + k, pairs: [] }));
  const start = new Float64Array(pairs.length);
  const end = new Float64Array(pairs.length);
  const lane = new Int32Array(pairs.length);
  for (const p of pairs) {
    start[p.id] = p.invoke.time;
    end[p.id] = p.complete ? p.complete.time : tEnd;
    lane[p.id] = laneOf.get(concurrency > 0 ? p.invoke.process % concurrency : p.invoke.process);
    lanes[lane[p.id]].pairs.push(p.id);
  }
  const outcome = (p) => (p.complete ? p.complete.type : 'pending');
  const intervals = FL.nemesisIntervals(nemesisPairs, tEnd);
  return {
    history, pairs, nemesisPairs, pairOf, lanes, start, end, lane, tEnd, concurrency, outcome, intervals,
    /** The fault kinds present, in the order of their timeline rows. */
    faultRows: FL.faultRows(intervals),
    /** The record with history index `i`. */
    record: (i) => (history[i] && history[i].index === i ? history[i] : history.find((o) => o.index === i)),
    /** The pair id of history index `i`, or -1. */
    pairIdOf: (i) => (i >= 0 && i < pairOf.length ? pairOf[i] : -1),
  };
};
