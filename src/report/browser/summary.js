// faultline report — the summary at the top (verdict per checker in words and colour, the consistency
// models judged, findings such as nodes that crashed, the run's facts, the command that reproduces
// it and the --replay of its directory) and the files section (logs, raw files, the history as JSONL).
'use strict';

FL.verdictWords = function (v) {
  return v === true ? 'valid' : v === false ? 'INVALID' : 'unknown';
};
FL.verdictClass = (v) => (v === true ? 'valid' : v === false ? 'invalid' : 'unknown');

/** The run's verdict: an interrupted run is unknown unless an anomaly was found (as its exit code). */
FL.runVerdict = (r) => (r.valid !== false && r.interrupted ? 'unknown' : r.valid);

function flHeadline(results) {
  if (!results) return 'Not checked — results.json is missing, so no verdict can be shown.';
  const n = (results.anomalies || []).length;
  if (results.interrupted && results.valid !== false) {
    return 'Unknown — the run was interrupted' + (results.interruptedBy ? ' by ' + results.interruptedBy : '') + ' before it finished; the history recorded until then is ' + FL.verdictWords(results.valid) + '.';
  }
  if (results.valid === true) return 'Valid — every checker found the history consistent with its model.';
  if (results.valid === false) return 'INVALID — ' + n + ' anomal' + (n === 1 ? 'y' : 'ies') + ' found; see below for what went wrong and when.';
  return 'Unknown — at least one checker could not decide' + (results.error ? ': ' + results.error.split('\n')[0] : '.');
}

function flCheckerRows(results) {
  return Object.entries(results.checks || {}).map(([name, r]) => {
    const n = (r.anomalies || []).length;
    let said = r.valid === true ? 'passed' : r.valid === false ? 'failed: ' + n + ' anomal' + (n === 1 ? 'y' : 'ies') : 'could not decide' + (r.error ? ': ' + r.error.split('\n')[0] : '');
    const undecided = r.stats && typeof r.stats.undecidedKeys === 'number' ? r.stats.undecidedKeys : 0;
    if (undecided > 0) said += '; ' + undecided + ' key' + (undecided === 1 ? '' : 's') + ' not decided within the explanation budget (--explain-timeout)';
    return FL.el('tr', {}, FL.el('td', { text: name }), FL.el('td', { class: 'verdict ' + FL.verdictClass(r.valid), text: FL.verdictWords(r.valid) }), FL.el('td', { text: said }));
  });
}

function flModelRows(results) {
  const models = results.models || {};
  const words = { holds: 'holds', 'ruled-out': 'ruled out', unknown: 'undecided', 'not-checked': 'not checked' };
  const cls = { holds: true, 'ruled-out': false, unknown: 'unknown', 'not-checked': 'unknown' };
  const strongest = new Set(((results.modelSummary || {}).strongestHeld) || []);
  const weakest = new Set(((results.modelSummary || {}).weakestRuledOut) || []);
  return Object.entries(models).map(([name, v]) => {
    let said = words[v.status] || v.status;
    if (v.status === 'ruled-out' && v.by && v.by.length) said += ' by ' + v.by.join(', ');
    if (strongest.has(name)) said += ' (strongest that held)';
    if (weakest.has(name)) said += ' (weakest ruled out)';
    return FL.el('tr', {}, FL.el('td', { text: name }), FL.el('td', { class: 'verdict ' + FL.verdictClass(cls[v.status]), text: said }),
      FL.el('td', { class: 'dim', text: v.checker ? 'judged by ' + v.checker : '' }));
  });
}

function flFacts(data, model) {
  const t = data.test || {};
  const o = t.options || {};
  const s = (data.results && data.results.stats) || {};
  const facts = [
    ['target', t.target], ['workload', t.workload], ['runtime', o.runtime], ['nemesis', (o.nemesis || []).join(', ')],
    ['nodes', o.nodes], ['concurrency', o.concurrency || t.concurrency], ['time limit', o.timeLimit !== undefined ? o.timeLimit + ' s' : undefined],
    ['seed', t.seed], ['started', t.startedAt], ['ended', t.endedAt],
    ['ops', s.ops !== undefined ? s.ops + ' (ok ' + s.ok + ', fail ' + s.fail + ', info ' + s.info + ')' : undefined],
    // No loadS: a run with no load phase (no throughput to give), or results.json from before loadS.
    ['throughput', s.opsPerSec === undefined ? undefined : s.loadS !== undefined
      ? s.opsPerSec.toFixed(0) + ' ops/s (client completions in the ' + Number(s.loadS).toFixed(1) + ' s load phase ÷ its seconds)'
      : s.ops > 0 && s.durationS > 0 ? s.opsPerSec.toFixed(0) + ' ops/s over ' + Number(s.durationS).toFixed(1) + ' s' : undefined],
    ['node downtime', s.nodeDowntime ? Object.entries(s.nodeDowntime).map(([n, f]) => n + ' ' + FL.pct(f)).join(', ') + ' of the load phase (killed or paused)' : undefined],
    ['availability', s.availability !== undefined && s.ops > 0 ? FL.pct(s.availability) + ' of ops ok' : undefined],
    ['faults', model.intervals.length ? model.intervals.length + ' fault interval(s)' : model.history.length ? 'none in the history' : undefined],
    ['target options', t.targetOpts ? Object.entries(t.targetOpts).map(([k, v]) => k + '=' + v).join(' ') : undefined],
  ];
  return FL.el('dl', { class: 'facts' }, facts.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [FL.el('dt', { text: k }), FL.el('dd', { text: String(v) })]));
}

/** Findings besides the checkers' anomalies: nodes that exited on their own, each with its log's last lines. */
function flFindings(results) {
  const crashes = (results && results.nodeCrashes) || [];
  if (!crashes.length) return null;
  const n = crashes.length;
  return FL.el('section', { id: 'findings', class: 'findings' },
    FL.el('h2', { text: 'Findings: ' + n + ' node' + (n === 1 ? '' : 's') + ' exited on ' + (n === 1 ? 'its' : 'their') + ' own' }),
    crashes.map((c) => FL.el('div', { class: 'crash', 'data-node': c.node },
      FL.el('p', { text: 'Node ' + c.node + ' ' + (c.signal ? 'was ended by ' + c.signal : 'exited with code ' + c.code) + ', not by a fault or the teardown, ' +
        (c.time === undefined ? 'during start-up' : 'at ' + FL.fmtNs(c.time)) + ' (' + c.at + '). The last lines of its log:' }),
      FL.el('pre', { class: 'log-tail', text: (c.logTail || []).join('\n') }))));
}

/** Renders the summary into #summary. */
FL.renderSummary = function (root, data, model) {
  const r = data.results;
  const t = data.test || {};
  root.replaceChildren();
  root.append(FL.el('h1', { text: (t.name || 'faultline run') + ' · ' + data.run }));
  root.append(FL.el('p', { id: 'verdict', class: 'banner ' + (r ? FL.verdictClass(FL.runVerdict(r)) : 'unknown'), 'data-verdict': r ? FL.verdictWords(FL.runVerdict(r)) : 'missing', text: flHeadline(r) }));
  if (r && r.interrupted) root.append(FL.el('p', { class: 'note', text: 'The run was interrupted' + (r.interruptedBy ? ' (' + r.interruptedBy + ')' : '') + ': the history is what was recorded until then.' }));
  if (r && r.cutShort) root.append(FL.el('p', { class: 'note', text: 'The history is cut short: ' + r.cutShort + '.' }));
  if (t.interrupted && !(r && r.interrupted)) root.append(FL.el('p', { class: 'note', text: 'The run was interrupted.' }));
  if (r && r.error) root.append(FL.el('p', { class: 'note error', text: 'The run itself failed: ' + r.error }));
  const findings = flFindings(r);
  if (findings) root.append(findings);
  if (r && Object.keys(r.checks || {}).length) {
    root.append(FL.el('div', { class: 'cols' },
      FL.el('table', { class: 'checkers' }, FL.el('caption', { text: 'Checkers' }), flCheckerRows(r)),
      FL.el('table', { class: 'models' }, FL.el('caption', { text: 'Consistency models' }), flModelRows(r))));
  }
  root.append(flFacts(data, model));
  if (t.command) {
    const code = FL.el('code', { id: 'command', text: t.command });
    root.append(FL.el('p', { class: 'command' }, FL.el('span', { text: 'Reproduce this run (same seed: same ops and faults; timing differs): ' }), code));
  }
  const o = t.options || {};
  if (o.reportsDir && t.name && data.run) {
    const replay = FL.el('code', { id: 'replay', text: 'faultline run --replay ' + o.reportsDir.replace(/\/+$/, '') + '/' + t.name + '/' + data.run });
    root.append(FL.el('p', { class: 'command' }, FL.el('span', { text: 'or, from where it was run: ' }), replay));
  }
};

/** Renders the files section: history download, raw files and logs. */
FL.renderFiles = function (root, data) {
  root.replaceChildren(FL.el('h2', { text: 'Files and logs' }));
  const list = FL.el('ul', { class: 'files' });
  if (data.history) {
    const dl = FL.el('a', { id: 'download-history', href: '#', download: 'history.jsonl', text: 'Download the history as JSONL (' + data.history.length + ' records)' });
    dl.addEventListener('click', () => {
      if (dl.getAttribute('href') !== '#') return;
      const text = data.history.map((op) => JSON.stringify(op)).join('\n') + '\n';
      dl.href = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    });
    list.append(FL.el('li', {}, dl));
  }
  for (const f of ['history.jsonl', 'results.json', 'test.json']) list.append(FL.el('li', {}, FL.el('a', { href: f, text: f })));
  for (const log of data.logs || []) list.append(FL.el('li', {}, FL.el('a', { class: 'log', href: log.href, text: log.name })));
  root.append(list);
  if (!(data.logs || []).length) root.append(FL.el('p', { class: 'dim', text: 'No logs were stored with this run.' }));
};
