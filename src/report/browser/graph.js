// faultline report — the graph form of an anomaly (`anomaly.graph`: op indices as nodes, labelled
// edges such as a dependency cycle), laid out by dagre (inlined) and drawn as SVG. Any checker that
// fills `graph` gets this drawing without the report knowing the checker.
'use strict';

/** Returns an <svg> drawing `graph` ({nodes, edges: [{from, to, label}]}); `label(i)` names op i. */
FL.renderGraph = function (graph, label) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = (i) => ['op ' + i, label(i)].filter(Boolean);
  for (const n of graph.nodes) {
    const ls = lines(n);
    const w = Math.min(260, 16 + 6.6 * Math.max(...ls.map((s) => s.length)));
    g.setNode(String(n), { width: w, height: 14 + 15 * ls.length, lines: ls });
  }
  graph.edges.forEach((e, k) => {
    for (const n of [e.from, e.to]) if (!g.hasNode(String(n))) g.setNode(String(n), { width: 60, height: 28, lines: ['op ' + n] });
    g.setEdge(String(e.from), String(e.to), { label: e.label, width: 7 * String(e.label).length + 8, height: 16, labelpos: 'c' }, 'e' + k);
  });
  dagre.layout(g);
  const { width, height } = g.graph();
  const svg = FL.svg('svg', { class: 'anomaly-graph', width: Math.ceil(width), height: Math.ceil(height), viewBox: '0 0 ' + Math.ceil(width) + ' ' + Math.ceil(height) });
  const defs = FL.svg('defs');
  const marker = FL.svg('marker', { id: 'fl-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' });
  marker.append(FL.svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#444' }));
  defs.append(marker);
  svg.append(defs);
  for (const e of g.edges()) {
    const ed = g.edge(e);
    const d = ed.points.map((p, i) => (i ? 'L' : 'M') + p.x.toFixed(1) + ' ' + p.y.toFixed(1)).join(' ');
    svg.append(FL.svg('path', { class: 'edge', d, fill: 'none', stroke: '#444', 'stroke-width': 1.4, 'marker-end': 'url(#fl-arrow)' }));
    svg.append(FL.svg('text', { class: 'edge-label', x: ed.x, y: ed.y + 4, 'text-anchor': 'middle', text: ed.label }));
  }
  for (const id of g.nodes()) {
    const n = g.node(id);
    const grp = FL.svg('g', { class: 'node', 'data-op': id, transform: 'translate(' + (n.x - n.width / 2) + ',' + (n.y - n.height / 2) + ')' });
    grp.append(FL.svg('rect', { width: n.width, height: n.height, rx: 5, fill: '#eef2fb', stroke: '#3355aa' }));
    n.lines.forEach((s, i) => grp.append(FL.svg('text', { x: 8, y: 18 + 15 * i, text: s.length > 38 ? s.slice(0, 37) + '…' : s })));
    grp.append(FL.svg('title', { text: n.lines.join('\n') }));
    svg.append(grp);
  }
  return svg;
};
