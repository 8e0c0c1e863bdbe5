// faultline report — the timeline's time axis: ticks at round times (1, 2 or 5 × a power of ten),
// spaced so that the widest label fits between two ticks, and every label laid out whole inside the
// canvas: centred on its tick, pushed in at either edge (the end of the run, "10 s", is not cut to
// "1"), and where a pushed-in label would touch its neighbour, the neighbour gives way.
'use strict';

/** Gap in px kept between two labels and between a label and the canvas edge. */
const FL_AXIS_GAP = 6;

/**
 * The ticks and labels for `view` ([t0, t1] ns) drawn between x0 and x1 px on a canvas `width` px wide,
 * measured with `ctx`'s current font: { tick, marks: [{t, x}], labels: [{t, text, x0, x1}] }.
 */
FL.axisLayout = function (ctx, view, x0, x1, width) {
  const span = Math.max(1, view[1] - view[0]);
  const xOf = (t) => x0 + ((t - view[0]) / span) * (x1 - x0);
  const widest = (tick) => Math.max(...[view[0], view[1], Math.floor(view[1] / tick) * tick].map((t) => ctx.measureText(FL.fmtTick(t, tick)).width));
  const fits = (tick) => ((x1 - x0) * tick) / span >= widest(tick) + 2 * FL_AXIS_GAP;
  let tick = 0;
  for (let e = Math.floor(Math.log10(span / 40)); !tick; e++) tick = [1, 2, 5].map((m) => m * Math.pow(10, e)).find((s) => fits(s) || s >= span) || 0;
  const marks = [];
  for (let k = Math.ceil(view[0] / tick); k * tick <= view[1]; k++) marks.push({ t: k * tick, x: xOf(k * tick) });
  const labels = [];
  for (const [i, m] of marks.entries()) {
    const text = FL.fmtTick(m.t, tick);
    const w = ctx.measureText(text).width;
    const lx0 = Math.max(FL_AXIS_GAP / 2, Math.min(m.x - w / 2, width - FL_AXIS_GAP / 2 - w));
    const label = { t: m.t, text, x0: lx0, x1: lx0 + w };
    const prev = labels[labels.length - 1];
    if (prev && label.x0 < prev.x1 + FL_AXIS_GAP) {
      if (i === marks.length - 1) labels.pop();
      else continue;
    }
    labels.push(label);
  }
  return { tick, marks, labels };
};
