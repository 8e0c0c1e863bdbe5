// faultline report — the Porcupine-style view of a linearizability anomaly (from `anomaly.detail`):
// the ops of the failing key around the point where no linearization exists, drawn per process on a
// time axis; the longest linearizable prefix in order with the model state after each step; and the
// ops that could come next but cannot be placed, with the state they would have to follow.
'use strict';

function flPorcupineBars(detail, model, placedStep, failing, windowOps) {
  const time = (i) => { const r = model.record(i); return r ? r.time : 0; };
  const ops = windowOps.map((o) => ({ o, a: time(o.invoke), b: o.complete === null ? model.tEnd : time(o.complete), proc: (model.record(o.invoke) || {}).process }));
  const procs = [...new Set(ops.map((x) => x.proc))].sort((a, b) => a - b);
  const t0 = Math.min(...ops.map((x) => x.a)), t1 = Math.max(...ops.map((x) => x.b));
  const W = 900, L = 60, laneH = 34, H = 24 + procs.length * laneH;
  const x = (t) => L + ((t - t0) / Math.max(1, t1 - t0)) * (W - L - 10);
  const svg = FL.svg('svg', { class: 'porcupine-bars', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H });
  let right = W;
  svg.append(FL.svg('text', { x: L, y: 12, class: 'dim', text: FL.fmtNs(t0) + ' → ' + FL.fmtNs(t1) }));
  procs.forEach((p, i) => svg.append(FL.svg('text', { x: 4, y: 24 + i * laneH + 20, text: 'p' + p })));
  for (const it of ops) {
    const y = 24 + procs.indexOf(it.proc) * laneH + 4;
    const step = placedStep.get(it.o.invoke);
    const bad = failing.has(it.o.invoke);
    const cls = bad ? 'failing' : step !== undefined ? 'placed' : 'later';
    const g = FL.svg('g', { class: 'pbar ' + cls, 'data-op': it.o.invoke });
    const w = Math.max(3, x(it.b) - x(it.a));
    g.append(FL.svg('rect', { x: x(it.a), y, width: w, height: laneH - 8, rx: 3 }));
    const tag = (bad ? '✗ ' : step !== undefined ? '#' + (step + 1) + ' ' : '') + it.o.description;
    // The ops that cannot be placed are what the view is about: their labels are never cut (the drawing
    // widens to hold them); others are cut to their bar, in full in the bar's tooltip.
    const cut = !bad && tag.length > w / 6.5 && w < 200;
    g.append(FL.svg('text', { x: x(it.a) + 4, y: y + 17, text: cut ? tag.slice(0, Math.max(4, Math.floor(w / 6.5))) + '…' : tag }));
    if (!cut) right = Math.max(right, x(it.a) + 4 + 6.7 * tag.length + 8);
    g.append(FL.svg('title', { text: 'op ' + it.o.invoke + ': ' + it.o.description + (step !== undefined ? ' (linearized as step ' + (step + 1) + ')' : bad ? ' (cannot be placed)' : ' (not reached)') }));
    svg.append(g);
  }
  svg.querySelectorAll('.pbar.failing').forEach((g) => svg.append(g)); // drawn last: on top of their neighbours
  svg.setAttribute('width', Math.ceil(right));
  svg.setAttribute('viewBox', '0 0 ' + Math.ceil(right) + ' ' + H);
  return svg;
}

/** Returns the view for a linearizability anomaly, or null when `anomaly.detail` lacks the data. */
FL.renderPorcupine = function (anomaly, model) {
  const d = anomaly.detail;
  if (!d || !Array.isArray(d.partialLinearizations) || !Array.isArray(d.ops)) return null;
  const longest = d.partialLinearizations[0] || { ops: [], states: [] };
  const placedStep = new Map(longest.ops.map((o, i) => [o, i]));
  const failing = new Set(anomaly.ops);
  const byInvoke = new Map(d.ops.map((o) => [o.invoke, o]));
  const time = (i) => { const r = model.record(i); return r ? r.time : 0; };
  // The window: the last few linearized ops, the ops that could not be placed, and what overlaps them.
  const focus = longest.ops.slice(-6).concat(anomaly.ops).map((i) => byInvoke.get(i)).filter(Boolean);
  const lo = Math.min(...focus.map((o) => time(o.invoke)));
  const hi = Math.max(...focus.filter((o) => failing.has(o.invoke)).map((o) => (o.complete === null ? model.tEnd : time(o.complete))));
  const windowOps = d.ops.filter((o) => time(o.invoke) <= hi && (o.complete === null ? model.tEnd : time(o.complete)) >= lo).slice(0, 60);
  const box = FL.el('div', { class: 'porcupine' });
  box.append(FL.el('h4', { text: 'Why no linearization exists' + (anomaly.key !== undefined ? ' (key ' + anomaly.key + ')' : '') }));
  box.append(FL.el('p', { text: 'Model ' + d.model + ', ' + d.ops.length + ' operations on this key. The longest linearizable prefix found has ' + longest.ops.length +
    ' operations and leaves the model in state ' + d.finalState + '. Every operation that could come next (invoked before any remaining operation returned) is shown in red: none of them can follow that state.' +
    (d.partialLinearizations.length > 1 ? ' (' + d.partialLinearizations.length + ' partial linearizations were found; this is the longest.)' : '') }));
  box.append(FL.el('div', { class: 'scroll' }, flPorcupineBars(d, model, placedStep, failing, windowOps)));
  const legend = FL.el('p', { class: 'legend' }, FL.el('span', { class: 'key placed', text: '#n linearized as step n' }), FL.el('span', { class: 'key failing', text: '✗ cannot be placed' }), FL.el('span', { class: 'key later', text: 'not reached' }));
  box.append(legend);
  const rows = [];
  const shown = 12;
  if (longest.ops.length > shown) rows.push(FL.el('tr', { class: 'dim' }, FL.el('td', { colspan: 4, text: '… ' + (longest.ops.length - shown) + ' earlier steps' })));
  longest.ops.forEach((o, i) => {
    if (i < longest.ops.length - shown) return;
    rows.push(FL.el('tr', {}, FL.el('td', { text: '#' + (i + 1) }), FL.el('td', { text: 'op ' + o }), FL.el('td', { text: (byInvoke.get(o) || {}).description || '' }), FL.el('td', { text: longest.states[i] })));
  });
  for (const o of anomaly.ops) {
    rows.push(FL.el('tr', { class: 'failing' }, FL.el('td', { text: '✗' }), FL.el('td', { text: 'op ' + o }), FL.el('td', { text: (byInvoke.get(o) || {}).description || '' }), FL.el('td', { text: 'cannot follow state ' + d.finalState })));
  }
  box.append(FL.el('table', { class: 'linearization' }, FL.el('thead', {}, FL.el('tr', {}, ['step', 'op', 'operation', 'state after'].map((h) => FL.el('th', { text: h })))), FL.el('tbody', {}, rows)));
  return box;
};
