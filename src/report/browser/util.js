// faultline report — shared helpers. The report's browser code is plain JavaScript (no build step):
// src/report/assets.ts concatenates these files, in the order of REPORT_SCRIPTS, into one inline
// script, and they share the `FL` namespace. Every string from a run reaches the page through
// textContent or an attribute set by the DOM — never as markup.
'use strict';
const FL = {};

/** Creates an element. `attrs`: class, text, title, href, download, data-*, style, on<event>. */
FL.el = function (tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'style') Object.assign(e.style, v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
};

/** Creates an SVG element with attributes (text content via the `text` key). */
FL.svg = function (tag, attrs) {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, String(v));
  }
  return e;
};

/** A duration in nanoseconds, in words a person reads quickly. */
FL.fmtNs = function (ns) {
  if (ns >= 1e9) return (ns / 1e9).toFixed(ns >= 1e10 ? 1 : 3) + ' s';
  if (ns >= 1e6) return (ns / 1e6).toFixed(ns >= 1e7 ? 1 : 2) + ' ms';
  if (ns >= 1e3 || ns === 0) return (ns / 1e3).toFixed(0) + ' µs';
  return Math.round(ns) + ' ns';
};

/** An axis label for time t (ns) on an axis whose ticks are `tick` ns apart. */
FL.fmtTick = function (t, tick) {
  const [unit, name] = tick >= 1e8 ? [1e9, ' s'] : tick >= 1e5 ? [1e6, ' ms'] : tick >= 100 ? [1e3, ' µs'] : [1, ' ns'];
  return Number((t / unit).toPrecision(8)) + name;
};

/** A value, as compact JSON, cut to `max` characters. */
FL.fmtValue = function (v, max) {
  let s;
  try {
    s = v === undefined ? '' : JSON.stringify(v);
  } catch (e) {
    s = String(v);
  }
  max = max || 120;
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
};

/** One history record in a line: `op 12  p3 ok read k0 → 4  at 1.203 s`. */
FL.describeRecord = function (op) {
  if (!op) return '';
  const parts = ['op ' + op.index, 'p' + op.process, op.type, op.f];
  if (op.key !== undefined) parts.push('key ' + op.key);
  if (op.value !== null && op.value !== undefined) parts.push(FL.fmtValue(op.value));
  if (op.node) parts.push('@' + op.node);
  if (op.error) parts.push('error: ' + op.error);
  return parts.join(' ');
};

/** Percent with one decimal. */
FL.pct = (x) => (Number.isFinite(x) ? (x * 100).toFixed(1) + '%' : '–');

/**
 * Every colour the report draws with, in this one table, so no colour means two things: an outcome
 * (ok, fail, info, pending) is green, red, amber or grey wherever it appears, and nothing else is
 * close to those; op functions (`f`, cycled in the order of their names), fault kinds and latency
 * quantiles have colours of their own. test/report/report-colors.test.ts measures the differences.
 */
FL.COLORS = {
  outcome: { ok: '#2f9e55', fail: '#d6453d', info: '#e09b14', pending: '#a7adb8' },
  f: ['#2a5cc7', '#6a3fb5', '#00707f', '#ad36a7', '#6b3d1e', '#1f2a44'],
  fault: { partition: '#9a6be0', kill: '#3d3d3d', pause: '#38b0e8', clock: '#f06fba', packet: '#8c8a3a', 'power-loss': '#7d1e4f', 'stale-leader': '#5c4b00', other: '#4f6a80' },
  quantile: ['#5b8def', '#2f62c4', '#1d3f86', '#0d1a3a'],
  highlight: '#1f3fbf',
};

/** The colour of a fault kind (kinds without one of their own share `other`). */
FL.faultColor = (kind) => (Object.hasOwn(FL.COLORS.fault, kind) ? FL.COLORS.fault[kind] : FL.COLORS.fault.other);

/** A colour for each op function in `fs`: the same f gets the same colour wherever it is drawn. */
FL.fColors = function (fs) {
  return new Map([...new Set(fs)].sort().map((f, i) => [f, FL.COLORS.f[i % FL.COLORS.f.length]]));
};

/** `#rrggbb` with an alpha, as an rgba() colour. */
FL.withAlpha = function (hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return 'rgba(' + (n >> 16) + ', ' + ((n >> 8) & 255) + ', ' + (n & 255) + ', ' + alpha + ')';
};

/** The translucent shading of a fault kind's intervals behind ops and charts. */
FL.faultShade = (kind) => FL.withAlpha(FL.faultColor(kind), 0.16);

/** A legend entry: a swatch of `color` and `text`; `attrs` adds attributes (data-outcome, data-fault). */
FL.legendKey = function (cls, color, text, attrs) {
  return FL.el('span', Object.assign({ class: 'key ' + cls, 'data-color': color }, attrs), FL.el('i', { style: { background: color } }), text);
};

/** Index of the last element of sorted `arr` (by `key`) that is <= x, or -1. */
FL.bisectRight = function (arr, x, key) {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(arr[mid]) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
};
