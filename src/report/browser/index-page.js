// faultline runs index (reports/index.html): filters the static table of runs by target, workload
// and verdict. Plain browser JavaScript, inlined into the page by src/report/index-page.ts.
'use strict';
(function () {
  const form = document.getElementById('filters');
  const rows = Array.from(document.querySelectorAll('#runs tbody tr'));
  const shown = document.getElementById('shown');
  function apply() {
    const want = {};
    for (const sel of form.querySelectorAll('select')) want[sel.name] = sel.value;
    let n = 0;
    for (const tr of rows) {
      const ok = Object.keys(want).every((k) => want[k] === '' || tr.dataset[k] === want[k]);
      tr.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = n + ' of ' + rows.length + ' runs';
  }
  form.addEventListener('change', apply);
  apply();
})();
