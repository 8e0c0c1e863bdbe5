// faultline report — the nemesis's faults as time intervals, one kind per row. A nemesis op's `f`
// says which kind of fault it starts or ends; `FL.faultKind` is the one place that reads it. The kinds
// are the nemesis package names (partition, kill, pause, clock, packet, power-loss, stale-leader; Jepsen's combined nemesis
// uses the same op names), so faults of different kinds that overlap — a pause inside a partition —
// stay apart. test/report/fault-kinds.test.ts checks every op the nemesis registry can schedule.
'use strict';

/** The kinds the nemeses have, in the order their rows are drawn; any other kind follows, sorted. */
FL.FAULT_KINDS = ['partition', 'kill', 'pause', 'clock', 'packet', 'power-loss', 'stale-leader'];

/** Ops named without a `start-`/`stop-` prefix: f → [kind, role]. */
const FL_FAULT_OPS = {
  kill: ['kill', 'start'], restart: ['kill', 'stop'], start: ['kill', 'stop'],
  pause: ['pause', 'start'], resume: ['pause', 'stop'],
  'bump-clock': ['clock', 'start'], 'strobe-clock': ['clock', 'start'], 'scramble-clock': ['clock', 'start'], 'reset-clock': ['clock', 'stop'],
};

/**
 * The fault kind of a nemesis op and its role: `start` opens a fault of that kind, `stop` ends it,
 * `heal` ends every kind, `event` is a one-off op (its own kind, drawn as a short bar).
 */
FL.faultKind = function (f) {
  f = String(f);
  if (Object.hasOwn(FL_FAULT_OPS, f)) return { kind: FL_FAULT_OPS[f][0], role: FL_FAULT_OPS[f][1] };
  const m = /^(start|stop)-(.+)$/.exec(f);
  if (m) return { kind: m[2], role: m[1] };
  if (/^heal/.test(f)) return { kind: '*', role: 'heal' };
  return { kind: f, role: 'event' };
};

/**
 * Pairs the nemesis's records into fault intervals [{kind, start, end, label, ops, unhealed}], in ns,
 * sorted by start. A second start of a kind already in force joins its interval.
 */
FL.nemesisIntervals = function (pairs, tEnd) {
  const open = new Map();
  const out = [];
  const what = (p) => p.invoke.f + ' ' + FL.fmtValue((p.complete || p.invoke).value, 60);
  for (const p of pairs) {
    const { kind, role } = FL.faultKind(p.invoke.f);
    const at = p.complete ? p.complete.time : p.invoke.time;
    const ops = [p.invoke.index].concat(p.complete ? [p.complete.index] : []);
    if (role === 'event') {
      out.push({ kind, start: p.invoke.time, end: at, label: what(p), ops, unhealed: false });
    } else if (role === 'start') {
      const iv = open.get(kind);
      if (iv) (iv.label += '; then ' + what(p)), (iv.ops = iv.ops.concat(ops));
      else open.set(kind, { kind, start: p.invoke.time, label: what(p), ops });
    } else {
      for (const [k, iv] of open) {
        if (role !== 'heal' && k !== kind) continue;
        out.push({ kind: k, start: iv.start, end: at, label: iv.label + ' … ' + p.invoke.f, ops: iv.ops.concat(ops), unhealed: false });
        open.delete(k);
      }
    }
  }
  for (const iv of open.values()) out.push(Object.assign(iv, { end: tEnd, label: iv.label + ' (never healed in the history)', unhealed: true }));
  return out.sort((a, b) => a.start - b.start);
};

/** The kinds present in `intervals`, in row order. */
FL.faultRows = function (intervals) {
  const kinds = new Set(intervals.map((iv) => iv.kind));
  const known = FL.FAULT_KINDS.filter((k) => kinds.has(k));
  return known.concat([...kinds].filter((k) => !FL.FAULT_KINDS.includes(k)).sort());
};

/** True when time t (ns) falls inside a fault interval. `ivs` sorted by start. */
FL.inFault = function (ivs, t) {
  for (const iv of ivs) {
    if (iv.start > t) return false;
    if (t <= iv.end) return true;
  }
  return false;
};
