// faultline report — charts drawn by uPlot (inlined), each with the fault intervals shaded in their
// kind's colour: latency of every op over time (scatter, log scale: colour by op function, a ring in
// the outcome's colour for fail and info), latency quantiles over time, throughput by outcome, and
// availability (ok fraction) over time, with the ok fraction during faults vs without. Every colour
// comes from FL.COLORS (util.js).
'use strict';

/** A uPlot plugin shading the fault intervals (times in ns), each in its kind's shade. */
FL.shadeFaults = function (intervals) {
  return {
    hooks: {
      drawClear: [(u) => {
        const { ctx, bbox } = u;
        ctx.save();
        for (const iv of intervals) {
          ctx.fillStyle = FL.faultShade(iv.kind);
          const a = Math.max(bbox.left, u.valToPos(iv.start / 1e9, 'x', true));
          const b = Math.min(bbox.left + bbox.width, u.valToPos(iv.end / 1e9, 'x', true));
          if (b > a) ctx.fillRect(a, bbox.top, Math.max(2, b - a), bbox.height);
        }
        ctx.restore();
      }],
    },
  };
};

/** Client ops with a completion: [{t (s), lat (ms), f, type}], in completion order. */
function flCompleted(model) {
  return model.pairs.filter((p) => p.complete).map((p) => ({ t: p.complete.time / 1e9, lat: Math.max(1e-3, (p.complete.time - p.invoke.time) / 1e6), f: p.invoke.f, type: p.complete.type, at: p.complete.time }))
    .sort((a, b) => a.t - b.t);
}

function flQuantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
}

/** Buckets of the run: [{t, ops: [...]}] of width `w` seconds. */
function flBuckets(done, tEndS) {
  const raw = Math.max(1e-6, tEndS / 50);
  const p10 = Math.pow(10, Math.floor(Math.log10(raw)));
  const w = Number(([1, 2, 5, 10].map((m) => m * p10).find((s) => s >= raw) || raw).toPrecision(3));
  const n = Math.max(1, Math.ceil(tEndS / w) + 1);
  const buckets = Array.from({ length: n }, (_, i) => ({ t: i * w, ops: [] }));
  for (const d of done) buckets[Math.min(n - 1, Math.floor(d.t / w))].ops.push(d);
  return { w, buckets };
}

function flChart(root, title, note, opts, data, shade) {
  const box = FL.el('div', { class: 'chart' });
  root.append(FL.el('h3', { text: title }));
  if (note) root.append(FL.el('p', { class: 'dim', text: note }));
  root.append(box);
  const width = Math.max(320, (root.clientWidth || 900) - 20);
  return new uPlot(Object.assign({ width, height: 240, plugins: [shade], cursor: { drag: { x: true, y: false } } }, opts), data, box);
}

/** Renders the four charts into `root`. Returns the uPlot instances. */
FL.renderCharts = function (root, model) {
  root.replaceChildren(FL.el('h2', { text: 'Charts' }));
  const done = flCompleted(model);
  if (!done.length) return root.append(FL.el('p', { class: 'dim', text: 'No completed client ops: nothing to chart.' })), [];
  const shade = FL.shadeFaults(model.intervals);
  if (model.faultRows.length) {
    root.append(FL.el('p', { class: 'legend faults' }, FL.el('span', { class: 'dim', text: 'Shaded: faults in force — ' }), model.faultRows.map((k) => FL.legendKey('fault', FL.faultColor(k), k, { 'data-fault': k }))));
  }
  const xs = done.map((d) => d.t);
  const fs = [...new Set(done.map((d) => d.f))].sort();
  const series = [{ label: 'time (s)' }];
  const cols = [xs];
  const fColor = FL.fColors(fs);
  fs.forEach((f) => {
    for (const type of ['ok', 'fail', 'info']) {
      if (!done.some((d) => d.f === f && d.type === type)) continue;
      const color = fColor.get(f);
      series.push({ label: f + ' ' + type, stroke: color, paths: () => null, points: { show: true, size: type === 'ok' ? 3 : 6, stroke: type === 'ok' ? color : FL.COLORS.outcome[type], fill: color, width: 1.5 } });
      cols.push(done.map((d) => (d.f === f && d.type === type ? d.lat : null)));
    }
  });
  const time = { scales: { x: { time: false } }, axes: [{ label: 'seconds since start' }, { label: 'ms', size: 60 }] };
  const charts = [];
  charts.push(flChart(root, 'Latency of every op (log scale)', 'Colour: the op function. Small points completed ok; points ringed red failed, ringed amber are indeterminate (info).',
    Object.assign({}, time, { scales: { x: { time: false }, y: { distr: 3 } }, series }), cols, shade));

  const { w, buckets } = flBuckets(done, model.tEnd / 1e9);
  const bx = buckets.map((b) => b.t + w / 2);
  const lats = buckets.map((b) => b.ops.filter((d) => d.type === 'ok').map((d) => d.lat).sort((a, b) => a - b));
  const qs = [0.5, 0.95, 0.99, 1].map((q, i) => [q, FL.COLORS.quantile[i]]);
  charts.push(flChart(root, 'Latency quantiles of ok ops, per ' + w + ' s', null,
    Object.assign({}, time, { scales: { x: { time: false }, y: { distr: 3 } }, series: [{ label: 'time (s)' }].concat(qs.map(([q, c]) => ({ label: q === 1 ? 'max' : 'p' + q * 100, stroke: c, width: 1.5, spanGaps: true }))) }),
    [bx].concat(qs.map(([q]) => lats.map((l) => flQuantile(l, q)))), shade));

  const stepped = uPlot.paths.stepped({ align: 1 });
  charts.push(flChart(root, 'Throughput by outcome (completions per second)', null,
    { scales: { x: { time: false } }, axes: [{ label: 'seconds since start' }, { label: 'ops/s', size: 60 }], series: [{ label: 'time (s)' }].concat(['ok', 'fail', 'info'].map((k) => ({ label: k, stroke: FL.COLORS.outcome[k], width: 1.5, paths: stepped }))) },
    [buckets.map((b) => b.t)].concat(['ok', 'fail', 'info'].map((k) => buckets.map((b) => b.ops.filter((d) => d.type === k).length / w))), shade));

  const during = done.filter((d) => FL.inFault(model.intervals, d.at));
  const outside = done.filter((d) => !FL.inFault(model.intervals, d.at));
  const frac = (ds) => (ds.length ? ds.filter((d) => d.type === 'ok').length / ds.length : NaN);
  const note = model.intervals.length
    ? 'Ok fraction during faults: ' + FL.pct(frac(during)) + ' of ' + during.length + ' ops; without faults: ' + FL.pct(frac(outside)) + ' of ' + outside.length + ' ops.'
    : 'No faults in this run: ok fraction ' + FL.pct(frac(done)) + ' of ' + done.length + ' ops.';
  charts.push(flChart(root, 'Availability (fraction of ops ok)', note,
    { scales: { x: { time: false }, y: { range: [0, 1] } }, axes: [{ label: 'seconds since start' }, { label: 'ok fraction', size: 60 }], series: [{ label: 'time (s)' }, { label: 'ok fraction', stroke: FL.COLORS.outcome.ok, width: 2, paths: stepped }] },
    [buckets.map((b) => b.t), buckets.map((b) => (b.ops.length ? frac(b.ops) : null))], shade));
  return charts;
};
