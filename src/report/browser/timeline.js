// faultline report — the timeline: every client op as an invoke→completion bar in its worker's lane,
// coloured by outcome; above the lanes one row per fault kind (partition, kill, pause, …), so faults
// that overlap stay apart, each kind's intervals also shaded across the lanes in its colour. Drawn on
// a canvas (100,000+ ops stay responsive: bars are batched by colour, hover is a binary search in one
// lane). Drag to zoom into a range, double-click to zoom out fully. `filterKey` shows one key's ops.
// For tests the canvas carries its layout in data attributes (geometry, axis labels, filter).
'use strict';

FL.createTimeline = function (root, model, tooltip) {
  const L = FL.timelineLayout(model);
  const caption = FL.el('span', { id: 'timeline-selection', class: 'dim', text: 'Drag across the timeline to zoom in; double-click to zoom out. Hover a bar to see its op.' });
  const reset = FL.el('button', { type: 'button', text: 'Zoom out', onclick: () => setView(0, model.tEnd) });
  const showAll = FL.el('button', { type: 'button', id: 'timeline-show-all', hidden: true, text: 'Show all keys', onclick: () => api.filterKey(null) });
  const filterNote = FL.el('span', { id: 'timeline-filter', class: 'filter', hidden: true });
  const legend = FL.el('span', { class: 'legend' }, ['ok', 'fail', 'info', 'pending'].map((k) => FL.legendKey('outcome', FL.COLORS.outcome[k], k, { 'data-outcome': k })),
    model.faultRows.map((k) => FL.legendKey('fault', FL.faultColor(k), k + ' fault', { 'data-fault': k })));
  const canvas = FL.el('canvas', { id: 'timeline', 'data-ops': model.pairs.length, 'data-faults': model.intervals.length, 'data-fault-rows': model.faultRows.join(',') });
  const wrap = FL.el('div', { class: 'canvas-wrap' }, canvas);
  root.replaceChildren(FL.el('h2', { text: 'Timeline (' + model.pairs.length + ' client ops, ' + model.nemesisPairs.length + ' nemesis ops)' }),
    FL.el('div', { class: 'toolbar' }, legend, FL.el('span', {}, filterNote, showAll, reset)), wrap, caption);
  const ctx = canvas.getContext('2d');
  let view = [0, Math.max(1, model.tEnd)];
  let width = 0, highlighted = [], drag = null, queued = false, shown = null, filter = null;

  const xOf = (t) => L.left + ((t - view[0]) / (view[1] - view[0])) * (width - L.left - 8);
  const tOf = (x) => view[0] + ((x - L.left) / (width - L.left - 8)) * (view[1] - view[0]);

  /** The ops drawn: by outcome, and per lane (sorted by start) for hovering. */
  function select(keep) {
    const byType = { ok: [], fail: [], info: [], pending: [] };
    const lanes = model.lanes.map((l) => (keep ? l.pairs.filter(keep) : l.pairs));
    for (const p of model.pairs) if (!keep || keep(p.id)) byType[model.outcome(p)].push(p.id);
    return { byType, lanes, count: lanes.reduce((n, l) => n + l.length, 0) };
  }
  shown = select(null);

  function draw() {
    queued = false;
    const dpr = window.devicePixelRatio || 1;
    width = wrap.clientWidth || 800;
    if (canvas.width !== Math.round(width * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(L.height * dpr);
      canvas.style.width = width + 'px';
      canvas.style.height = L.height + 'px';
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const axis = FL.paintTimeline(ctx, model, L, { width, view, xOf, shown, highlighted, drag });
    canvas.dataset.rendered = 'true';
    canvas.dataset.view = Math.round(view[0]) + '-' + Math.round(view[1]);
    canvas.dataset.axis = JSON.stringify(axis.labels.map((l) => ({ text: l.text, x0: +l.x0.toFixed(1), x1: +l.x1.toFixed(1) })));
    canvas.dataset.geometry = JSON.stringify({ left: L.left, right: width - 8, width, height: L.height, lanesTop: L.lanesTop, laneH: L.laneH, rows: model.faultRows.map((k, r) => ({ kind: k, y: L.rowY(r), h: L.rowH })) });
  }
  const redraw = () => queued || ((queued = true), requestAnimationFrame(draw));

  function setView(a, b) {
    const min = 1000;
    if (b - a < min) [a, b] = [(a + b) / 2 - min / 2, (a + b) / 2 + min / 2];
    view = [Math.max(0, a), Math.min(Math.max(1, model.tEnd), b)];
    redraw();
  }

  /** The op (pair id) or fault interval under the mouse, if any. */
  function hit(x, y) {
    const t = tOf(x), slack = (3 * (view[1] - view[0])) / width;
    if (y < L.lanesTop) {
      const kind = model.faultRows[Math.floor((y - L.top) / L.rowH)];
      return { interval: model.intervals.find((iv) => iv.kind === kind && iv.start - slack <= t && t <= iv.end + slack) };
    }
    const l = shown.lanes[Math.floor((y - L.lanesTop) / L.laneH)];
    if (!l) return {};
    const i = FL.bisectRight(l, t + slack, (id) => model.start[id]);
    for (let j = i; j >= 0 && j > i - 3; j--) if (model.end[l[j]] >= t - slack) return { pair: l[j] };
    return {};
  }

  canvas.addEventListener('mousemove', (ev) => {
    const x = ev.offsetX, y = ev.offsetY;
    if (drag) return ((drag.x1 = x), redraw());
    const h = hit(x, y);
    if (h.pair !== undefined) {
      const p = model.pairs[h.pair];
      const lat = p.complete ? 'latency ' + FL.fmtNs(p.complete.time - p.invoke.time) : 'never completed';
      FL.showTooltip(tooltip, ev, [FL.describeRecord(p.invoke), p.complete ? FL.describeRecord(p.complete) : '(no completion)', 'invoked at ' + FL.fmtNs(p.invoke.time) + ', ' + lat]);
    } else if (h.interval) {
      const iv = h.interval;
      FL.showTooltip(tooltip, ev, [iv.kind + ' fault: ' + iv.label, FL.fmtNs(iv.start) + ' → ' + FL.fmtNs(iv.end), 'nemesis ops ' + iv.ops.join(', ')]);
    } else tooltip.hidden = true;
  });
  canvas.addEventListener('mouseleave', () => (tooltip.hidden = true));
  canvas.addEventListener('mousedown', (ev) => (drag = { x0: ev.offsetX }));
  window.addEventListener('mouseup', () => {
    if (!drag) return;
    const d = drag;
    drag = null;
    if (d.x1 !== undefined && Math.abs(d.x1 - d.x0) > 4) setView(tOf(Math.min(d.x0, d.x1)), tOf(Math.max(d.x0, d.x1)));
    else redraw();
  });
  canvas.addEventListener('dblclick', () => setView(0, model.tEnd));
  window.addEventListener('resize', redraw);

  const api = {
    /** Highlights the ops with these history indices and zooms to show them. */
    highlight(indices, label) {
      highlighted = [...new Set(indices.map(model.pairIdOf).filter((id) => id >= 0))];
      canvas.dataset.highlighted = highlighted.map((id) => model.pairs[id].invoke.index).sort((a, b) => a - b).join(',');
      caption.textContent = highlighted.length ? 'Highlighted ' + (label || '') + ': ops ' + canvas.dataset.highlighted : 'No client ops to highlight.';
      caption.className = highlighted.length ? 'selection' : 'dim';
      if (!highlighted.length) return redraw();
      const a = Math.min(...highlighted.map((id) => model.start[id])), b = Math.max(...highlighted.map((id) => model.end[id]));
      const pad = Math.max((b - a) * 1.5, 2e6);
      setView(a - pad, b + pad);
    },
    /** Shows only the client ops on `key` (null or undefined: every op). */
    filterKey(key) {
      const on = key !== null && key !== undefined;
      if ((on ? String(key) : null) === filter) return;
      filter = on ? String(key) : null;
      shown = select(on ? (id) => model.pairs[id].invoke.key !== undefined && String(model.pairs[id].invoke.key) === filter : null);
      canvas.dataset.filterKey = on ? String(key) : '';
      canvas.dataset.shownOps = shown.count;
      filterNote.hidden = showAll.hidden = !on;
      filterNote.textContent = on ? 'Showing only key ' + key + ' (' + shown.count + ' of ' + model.pairs.length + ' client ops) ' : '';
      redraw();
    },
  };
  canvas.dataset.filterKey = '';
  canvas.dataset.shownOps = shown.count;
  draw();
  return api;
};
