// faultline report — the anomaly explorer: every anomaly with its plain-language explanation; clicking
// one highlights its ops in the timeline, filters the timeline to the anomaly's key (with a button to
// show every key again), and shows its records, the Porcupine-style view when the checker attached
// linearization info, and the graph form when the anomaly carries a graph. The decisive op (the one
// that cannot be placed, or the first op of the anomaly) is scrolled into view inside its box.
'use strict';

function flOpsTable(indices, model) {
  const rows = indices.map((i) => {
    const id = model.pairIdOf(i);
    const p = id >= 0 ? model.pairs[id] : null;
    const inv = p ? p.invoke : model.record(i);
    const c = p ? p.complete : null;
    return FL.el('tr', { 'data-op': i }, FL.el('td', { text: i }), FL.el('td', { text: inv ? inv.process : '' }), FL.el('td', { text: inv ? inv.f : '' }),
      flValueCell(inv ? inv.value : undefined), FL.el('td', { class: c ? 'verdict ' + (c.type === 'ok' ? 'valid' : c.type === 'fail' ? 'invalid' : 'unknown') : '', text: c ? c.type : inv ? inv.type : '' }),
      flValueCell(c ? c.value : undefined), FL.el('td', { text: inv ? FL.fmtNs(inv.time) + (c ? ' → ' + FL.fmtNs(c.time) : '') : '' }), FL.el('td', { text: (c && c.error) || (inv && inv.error) || '' }));
  });
  return FL.el('table', { class: 'ops' }, FL.el('thead', {}, FL.el('tr', {}, ['op', 'process', 'f', 'value', 'outcome', 'result', 'time', 'error'].map((h) => FL.el('th', { text: h })))), FL.el('tbody', {}, rows));
}

/** A table cell with a value cut to 200 characters, the whole of it in the cell's tooltip. */
function flValueCell(v) {
  const full = FL.fmtValue(v, Infinity), cut = FL.fmtValue(v, 200);
  return FL.el('td', { text: cut, title: cut !== full ? full : undefined });
}

/** Scrolls the decisive op of the shown anomaly into view within its scrolled box (and the page). */
function flRevealDecisive(detail, a) {
  const target = detail.querySelector('.porcupine .pbar.failing') || (a.ops || []).map((i) => detail.querySelector('.scroll [data-op="' + i + '"]')).find(Boolean);
  if (!target) return;
  target.setAttribute('data-decisive', 'true');
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** ' · ops 1, 2, 3', or for many ops (a whole key's) ' · 194 ops: 1, 2, … ' with the first ten. */
function flOpsList(ops) {
  return ops.length <= 12 ? ' · ops ' + ops.join(', ') : ' · ' + ops.length + ' ops: ' + ops.slice(0, 10).join(', ') + ' …';
}

function flDetail(a, model) {
  const box = FL.el('div', {});
  box.append(FL.el('h3', { text: a.kind + (a.key !== undefined ? ' on key ' + a.key : '') }), FL.el('p', { text: a.explanation }));
  box.append(FL.el('h4', { text: 'Operations involved' }), flOpsTable(a.ops, model));
  const pv = FL.renderPorcupine(a, model);
  if (pv) box.append(pv);
  if (a.graph && Array.isArray(a.graph.nodes) && a.graph.nodes.length) {
    const label = (i) => { const r = model.record(i); return r ? 'p' + r.process + ' ' + r.f + ' ' + FL.fmtValue(r.value, 24) : ''; };
    box.append(FL.el('h4', { text: 'Graph of the ops involved' }), FL.el('div', { class: 'scroll graph' }, FL.renderGraph(a.graph, label)));
  }
  return box;
}

/** Renders the anomaly list into `root`; `timeline.highlight` is called on a click. */
FL.renderAnomalies = function (root, data, model, timeline) {
  const anomalies = (data.results && data.results.anomalies) || [];
  root.replaceChildren(FL.el('h2', { text: 'Anomalies (' + anomalies.length + ')' }));
  if (!anomalies.length) {
    const v = data.results ? data.results.valid : undefined;
    root.append(FL.el('p', { class: 'dim', text: v === true ? 'None: every checker accepted the history.' : v === false ? 'The run is invalid but no checker described an anomaly.' : 'None reported (the history was not fully checked).' }));
    return;
  }
  const detail = FL.el('div', { id: 'anomaly-detail', class: 'detail' }, FL.el('p', { class: 'dim', text: 'Click an anomaly to highlight its ops in the timeline and see why it is one.' }));
  const list = FL.el('ol', { id: 'anomaly-list' });
  anomalies.forEach((a, i) => {
    const ops = [...new Set((a.ops || []).concat(a.graph ? a.graph.nodes : []))];
    const item = FL.el('li', { class: 'anomaly', tabindex: 0, 'data-index': i, 'data-ops': ops.join(',') },
      FL.el('div', { class: 'head' }, FL.el('span', { class: 'kind', text: a.kind }), FL.el('span', { class: 'dim', text: ' found by ' + a.checker + (a.key !== undefined ? ' · key ' + a.key : '') + flOpsList(ops) })),
      FL.el('p', { class: 'explanation', text: a.explanation }));
    const select = () => {
      list.querySelectorAll('.selected').forEach((e) => e.classList.remove('selected'));
      item.classList.add('selected');
      timeline.filterKey(a.key);
      timeline.highlight(ops, 'for anomaly ' + (i + 1));
      detail.replaceChildren(flDetail(a, model));
      flRevealDecisive(detail, a);
    };
    item.addEventListener('click', select);
    item.addEventListener('keydown', (ev) => (ev.key === 'Enter' || ev.key === ' ') && (ev.preventDefault(), select()));
    list.append(item);
  });
  root.append(FL.el('div', { class: 'explorer' }, list, detail));
};
