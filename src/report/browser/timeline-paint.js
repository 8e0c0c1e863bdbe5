// faultline report — the timeline's layout and painting. Layout: a label column on the left, the time
// axis on top, then one row per fault kind (at least 12 px high, however many lanes there are), then
// one lane per worker. Painting: fault bars in their kind's row and the kind's shade across the
// lanes, the axis (timeline-axis.js), labels, op bars batched by outcome colour, the highlighted ops
// and the drag selection. The state (view, filter, highlight) lives in timeline.js.
'use strict';

/** The fixed geometry of the timeline of `model`, in CSS px. */
FL.timelineLayout = function (model) {
  const left = 78, top = 22, rows = model.faultRows.length;
  const laneH = Math.max(3, Math.min(16, Math.floor(460 / Math.max(1, model.lanes.length + rows))));
  const rowH = Math.max(12, laneH), lanesTop = top + rows * rowH + (rows ? 4 : 0);
  return {
    left, top, laneH, rowH, lanesTop,
    height: lanesTop + model.lanes.length * laneH + 6,
    rowY: (r) => top + r * rowH,
    laneY: (i) => lanesTop + i * laneH,
  };
};

function flBars(ctx, model, L, s, ids, color) {
  ctx.fillStyle = color;
  const { start, end, lane } = model;
  const h = Math.max(1, L.laneH - 2);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    let a = s.xOf(start[id]);
    const b = s.xOf(end[id]);
    if (b < L.left || a > s.width) continue;
    if (a < L.left) a = L.left;
    ctx.fillRect(a, L.laneY(lane[id]) + 1, Math.max(1, b - a), h);
  }
}

/**
 * Paints the whole canvas. `s`: {width, view, xOf, shown: {byType}, highlighted: pair ids, drag}.
 * Returns the axis layout it drew.
 */
FL.paintTimeline = function (ctx, model, L, s) {
  const { width, xOf } = s;
  ctx.clearRect(0, 0, width, L.height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const iv of model.intervals) {
    const a = Math.max(L.left, xOf(iv.start)), b = Math.min(width, xOf(iv.end));
    if (b < L.left || a > width) continue;
    ctx.fillStyle = FL.faultShade(iv.kind);
    ctx.fillRect(a, L.lanesTop, Math.max(2, b - a), L.height - L.lanesTop);
    ctx.fillStyle = FL.faultColor(iv.kind);
    ctx.fillRect(a, L.rowY(model.faultRows.indexOf(iv.kind)) + 1, Math.max(2, b - a), L.rowH - 2);
  }
  const axis = FL.axisLayout(ctx, s.view, L.left, width - 8, width);
  ctx.fillStyle = '#5b6475';
  ctx.strokeStyle = '#e4e8ef';
  for (const m of axis.marks) {
    ctx.fillRect(m.x, L.top - 4, 1, 4);
    ctx.beginPath();
    ctx.moveTo(m.x + 0.5, L.top);
    ctx.lineTo(m.x + 0.5, L.height);
    ctx.stroke();
  }
  for (const l of axis.labels) ctx.fillText(l.text, l.x0, 8);
  ctx.fillStyle = '#3a4252';
  model.faultRows.forEach((k, r) => ctx.fillText(k, 4, L.rowY(r) + L.rowH / 2));
  const every = Math.ceil(12 / L.laneH);
  model.lanes.forEach((l, i) => i % every === 0 && ctx.fillText(l.label, 4, L.laneY(i) + L.laneH / 2));
  for (const k of ['ok', 'fail', 'info', 'pending']) flBars(ctx, model, L, s, s.shown.byType[k], FL.COLORS.outcome[k]);
  if (s.highlighted.length) {
    ctx.strokeStyle = FL.COLORS.highlight;
    ctx.lineWidth = 2;
    ctx.fillStyle = FL.withAlpha(FL.COLORS.highlight, 0.1);
    for (const id of s.highlighted) {
      const a = xOf(model.start[id]), b = Math.max(a + 4, xOf(model.end[id]));
      ctx.fillRect(a, L.lanesTop, b - a, L.height - L.lanesTop);
      ctx.strokeRect(a - 1, L.laneY(model.lane[id]) - 1, b - a + 2, L.laneH + 1);
    }
    ctx.lineWidth = 1;
  }
  if (s.drag && s.drag.x1 !== undefined) {
    ctx.fillStyle = FL.withAlpha(FL.COLORS.highlight, 0.15);
    ctx.fillRect(Math.min(s.drag.x0, s.drag.x1), L.top, Math.abs(s.drag.x1 - s.drag.x0), L.height - L.top);
  }
  return axis;
};
