// faultline report — the timeline: every client op as an invoke→completion bar in its worker's lane,
// coloured by outcome, with fault intervals shaded across all lanes and the nemesis's own lane on
// top. Drawn on a canvas (100,000+ ops stay responsive: bars are batched by colour, hover is a binary
// search in one lane). Drag to zoom into a range, double-click to zoom out fully.
'use strict';

FL.createTimeline = function (root, model, tooltip) {
  const LEFT = 78, TOP = 22, NEM = model.nemesisPairs.length ? 1 : 0;
  const nLanes = model.lanes.length + NEM;
  const laneH = Math.max(3, Math.min(16, Math.floor(460 / Math.max(1, nLanes))));
  const height = TOP + nLanes * laneH + 6;
  const caption = FL.el('span', { id: 'timeline-selection', class: 'dim', text: 'Drag across the timeline to zoom in; double-click to zoom out. Hover a bar to see its op.' });
  const reset = FL.el('button', { type: 'button', text: 'Zoom out', onclick: () => setView(0, model.tEnd) });
  const legend = FL.el('span', { class: 'legend' }, ['ok', 'fail', 'info', 'pending'].map((k) => FL.el('span', { class: 'key' }, FL.el('i', { style: { background: FL.COLORS[k] } }), k)),
    FL.el('span', { class: 'key' }, FL.el('i', { style: { background: FL.COLORS.nemesis, border: '1px solid #d6453d' } }), 'fault active'));
  const canvas = FL.el('canvas', { id: 'timeline', 'data-ops': model.pairs.length, 'data-faults': model.intervals.length });
  const wrap = FL.el('div', { class: 'canvas-wrap' }, canvas);
  root.replaceChildren(FL.el('h2', { text: 'Timeline (' + model.pairs.length + ' client ops, ' + model.nemesisPairs.length + ' nemesis ops)' }), FL.el('div', { class: 'toolbar' }, legend, reset), wrap, caption);
  const ctx = canvas.getContext('2d');
  const byType = { ok: [], fail: [], info: [], pending: [] };
  for (const p of model.pairs) byType[model.outcome(p)].push(p.id);
  let view = [0, Math.max(1, model.tEnd)];
  let width = 0, highlighted = [], drag = null, queued = false;

  const xOf = (t) => LEFT + ((t - view[0]) / (view[1] - view[0])) * (width - LEFT - 8);
  const tOf = (x) => view[0] + ((x - LEFT) / (width - LEFT - 8)) * (view[1] - view[0]);
  const yOf = (laneIdx) => TOP + (laneIdx + NEM) * laneH;

  function bars(ids, color, h) {
    ctx.fillStyle = color;
    const { start, end, lane } = model;
    const x0 = LEFT, x1 = width;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      let a = xOf(start[id]);
      const b = xOf(end[id]);
      if (b < x0 || a > x1) continue;
      if (a < x0) a = x0;
      ctx.fillRect(a, yOf(lane[id]) + 1, Math.max(1, b - a), h);
    }
  }

  function draw() {
    queued = false;
    const dpr = window.devicePixelRatio || 1;
    width = wrap.clientWidth || 800;
    if (canvas.width !== Math.round(width * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = width + 'px';
      canvas.style.height = height + 'px';
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    // fault intervals, shaded across every lane
    for (const iv of model.intervals) {
      const a = Math.max(LEFT, xOf(iv.start)), b = Math.min(width, xOf(iv.end));
      if (b < LEFT || a > width) continue;
      ctx.fillStyle = FL.COLORS.nemesis;
      ctx.fillRect(a, TOP, Math.max(2, b - a), height - TOP);
      if (NEM) {
        ctx.fillStyle = FL.COLORS.nemesisBar;
        ctx.fillRect(a, TOP + 1, Math.max(2, b - a), laneH - 2);
      }
    }
    // axis: ticks at round times
    const span = view[1] - view[0];
    const step = Math.pow(10, Math.floor(Math.log10(span / 8)));
    const tick = [1, 2, 5, 10].map((m) => m * step).find((s) => span / s <= 10);
    ctx.fillStyle = '#5b6475';
    ctx.strokeStyle = '#e4e8ef';
    for (let t = Math.ceil(view[0] / tick) * tick; t <= view[1]; t += tick) {
      const x = xOf(t);
      ctx.fillRect(x, TOP - 4, 1, 4);
      ctx.fillText(FL.fmtTick(t, tick), x + 2, 8);
      ctx.beginPath();
      ctx.moveTo(x + 0.5, TOP);
      ctx.lineTo(x + 0.5, height);
      ctx.stroke();
    }
    // lane labels
    ctx.fillStyle = '#3a4252';
    const every = Math.ceil(12 / laneH);
    if (NEM) ctx.fillText('nemesis', 4, TOP + laneH / 2);
    model.lanes.forEach((l, i) => i % every === 0 && ctx.fillText(l.label, 4, yOf(i) + laneH / 2));
    const h = Math.max(1, laneH - 2);
    for (const k of ['ok', 'fail', 'info', 'pending']) bars(byType[k], FL.COLORS[k], h);
    if (highlighted.length) {
      ctx.strokeStyle = FL.COLORS.highlight;
      ctx.lineWidth = 2;
      ctx.fillStyle = 'rgba(31, 63, 191, 0.10)';
      for (const id of highlighted) {
        const a = xOf(model.start[id]), b = Math.max(a + 4, xOf(model.end[id]));
        ctx.fillRect(a, TOP, b - a, height - TOP);
        ctx.strokeRect(a - 1, yOf(model.lane[id]) - 1, b - a + 2, laneH + 1);
      }
      ctx.lineWidth = 1;
    }
    if (drag && drag.x1 !== undefined) {
      ctx.fillStyle = 'rgba(31, 63, 191, 0.15)';
      ctx.fillRect(Math.min(drag.x0, drag.x1), TOP, Math.abs(drag.x1 - drag.x0), height - TOP);
    }
    canvas.dataset.rendered = 'true';
    canvas.dataset.view = Math.round(view[0]) + '-' + Math.round(view[1]);
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
    const laneIdx = Math.floor((y - TOP) / laneH) - NEM;
    const t = tOf(x), slack = (3 * (view[1] - view[0])) / width;
    if (laneIdx < 0) return { interval: model.intervals.find((iv) => iv.start - slack <= t && t <= iv.end + slack) };
    const l = model.lanes[laneIdx];
    if (!l) return {};
    const i = FL.bisectRight(l.pairs, t + slack, (id) => model.start[id]);
    for (let j = i; j >= 0 && j > i - 3; j--) if (model.end[l.pairs[j]] >= t - slack) return { pair: l.pairs[j] };
    return {};
  }

  function showTip(ev, lines) {
    tooltip.replaceChildren(...lines.map((s) => FL.el('div', { text: s })));
    tooltip.hidden = false;
    tooltip.style.left = Math.min(ev.pageX + 14, document.documentElement.scrollWidth - 420) + 'px';
    tooltip.style.top = ev.pageY + 14 + 'px';
  }

  canvas.addEventListener('mousemove', (ev) => {
    const x = ev.offsetX, y = ev.offsetY;
    if (drag) return ((drag.x1 = x), redraw());
    const h = hit(x, y);
    if (h.pair !== undefined) {
      const p = model.pairs[h.pair];
      const lat = p.complete ? 'latency ' + FL.fmtNs(p.complete.time - p.invoke.time) : 'never completed';
      showTip(ev, [FL.describeRecord(p.invoke), p.complete ? FL.describeRecord(p.complete) : '(no completion)', 'invoked at ' + FL.fmtNs(p.invoke.time) + ', ' + lat]);
    } else if (h.interval) {
      showTip(ev, ['fault: ' + h.interval.label, FL.fmtNs(h.interval.start) + ' → ' + FL.fmtNs(h.interval.end), 'nemesis ops ' + h.interval.ops.join(', ')]);
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
  draw();

  return {
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
  };
};
