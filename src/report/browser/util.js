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

/** Colours by outcome, and for faults. */
FL.COLORS = { ok: '#2f9e55', fail: '#d6453d', info: '#e09b14', pending: '#9aa3b5', nemesis: 'rgba(214, 69, 61, 0.13)', nemesisBar: '#b8414a', highlight: '#1f3fbf' };

/** A palette for series by op function. */
FL.PALETTE = ['#3465a4', '#c0392b', '#2e8b57', '#8e44ad', '#d68910', '#16a085', '#7f8c8d', '#d35400'];

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
