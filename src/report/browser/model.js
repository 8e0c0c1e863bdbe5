// faultline report — the derived model: client ops paired invoke→completion, laid out in lanes
// (one per worker: after an `info` a worker continues as process id + concurrency, so its ops stay
// on one lane), and the nemesis's faults as time intervals (opened by start-*, kill, pause,
// bump-clock …; closed by the matching stop-*, restart, resume, reset-clock …).
'use strict';

/** Which nemesis functions open a fault, and which close it. */
FL.faultFamily = function (f) {
  let m = /^start-(.+)$/.exec(f);
  if (m) return { family: m[1], opens: true };
  m = /^stop-(.+)$/.exec(f);
  if (m) return { family: m[1], opens: false };
  const pairs = { kill: 'kill', restart: 'kill', start: 'kill', pause: 'pause', resume: 'pause', 'bump-clock': 'clock', 'strobe-clock': 'clock', 'reset-clock': 'clock' };
  if (f in pairs) return { family: pairs[f], opens: !['restart', 'start', 'resume', 'reset-clock'].includes(f) };
  if (/^heal/.test(f)) return { family: '*', opens: false };
  return null;
};

/** Pairs the nemesis's records into fault intervals [{start, end, label, ops}], in ns. */
FL.nemesisIntervals = function (pairs, tEnd) {
  const open = new Map();
  const out = [];
  for (const p of pairs) {
    const f = p.invoke.f;
    const fam = FL.faultFamily(f);
    const at = p.complete ? p.complete.time : p.invoke.time;
    const ops = [p.invoke.index].concat(p.complete ? [p.complete.index] : []);
    if (!fam) {
      out.push({ start: p.invoke.time, end: at, label: f + ' ' + FL.fmtValue((p.complete || p.invoke).value, 60), ops: ops });
    } else if (fam.opens) {
      if (!open.has(fam.family)) open.set(fam.family, { start: p.invoke.time, label: f + ' ' + FL.fmtValue((p.complete || p.invoke).value, 60), ops: ops });
    } else {
      for (const [family, iv] of open) {
        if (fam.family !== '*' && family !== fam.family) continue;
        out.push({ start: iv.start, end: at, label: iv.label + ' … ' + f, ops: iv.ops.concat(ops) });
        open.delete(family);
      }
    }
  }
  for (const iv of open.values()) out.push({ start: iv.start, end: tEnd, label: iv.label + ' (never healed in the history)', ops: iv.ops });
  return out.sort((a, b) => a.start - b.start);
};

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
  return {
    history, pairs, nemesisPairs, pairOf, lanes, start, end, lane, tEnd, concurrency, outcome,
    intervals: FL.nemesisIntervals(nemesisPairs, tEnd),
    /** The record with history index `i`. */
    record: (i) => (history[i] && history[i].index === i ? history[i] : history.find((o) => o.index === i)),
    /** The pair id of history index `i`, or -1. */
    pairIdOf: (i) => (i >= 0 && i < pairOf.length ? pairOf[i] : -1),
  };
};

/** True when time t (ns) falls inside a fault interval. `ivs` sorted by start. */
FL.inFault = function (ivs, t) {
  for (const iv of ivs) {
    if (iv.start > t) return false;
    if (t <= iv.end) return true;
  }
  return false;
};
