// faultline report — entry point: parses the embedded data, builds the model and renders each
// section. A section that fails says so on the page (and in the console) instead of blanking it.
'use strict';
(function () {
  const timings = { start: Math.round(performance.now()) };
  const data = JSON.parse(document.getElementById('faultline-data').textContent);
  timings.parsed = Math.round(performance.now());
  const model = FL.buildModel(data);
  timings.model = Math.round(performance.now());
  const tooltip = document.getElementById('tooltip');
  const section = (id, render) => {
    const root = document.getElementById(id);
    try {
      return render(root);
    } catch (e) {
      console.error('faultline report: section ' + id + ' failed', e);
      root.append(FL.el('p', { class: 'note error', text: 'This section could not be drawn: ' + (e && e.message) }));
    }
  };
  let timeline = { highlight() {}, filterKey() {} };
  section('summary', (root) => FL.renderSummary(root, data, model));
  section('timeline-panel', (root) => {
    if (!model.pairs.length && !model.nemesisPairs.length) return root.replaceChildren(FL.el('h2', { text: 'Timeline' }), FL.el('p', { class: 'dim', text: 'No ops in the history.' }));
    timeline = FL.createTimeline(root, model, tooltip);
  });
  timings.timeline = Math.round(performance.now());
  section('anomalies', (root) => FL.renderAnomalies(root, data, model, timeline));
  section('files', (root) => FL.renderFiles(root, data));
  // Charts last: the page is readable while they are computed.
  setTimeout(() => {
    section('charts', (root) => FL.renderCharts(root, model));
    timings.charts = Math.round(performance.now());
  }, 0);
  /** For tests and the curious: the data, the model, and when each step finished (ms since navigation). */
  window.faultlineReport = { data, model, timeline, timings };
})();
