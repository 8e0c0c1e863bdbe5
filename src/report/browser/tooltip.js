// faultline report — the hover tooltip (one element, #tooltip, fixed to the viewport): placed beside
// the pointer, flipped to the other side of it where it would cross the right or bottom edge, and
// clamped so every side stays on screen, however near an edge the pointer is or however the page
// is scrolled.
'use strict';

/** Margin in px kept between the tooltip and the viewport's edges, and its offset from the pointer. */
const FL_TIP_MARGIN = 8;
const FL_TIP_OFFSET = 14;

/** Shows `lines` in `tip` next to the pointer of mouse event `ev`, inside the viewport. */
FL.showTooltip = function (tip, ev, lines) {
  tip.replaceChildren(...lines.map((s) => FL.el('div', { text: s })));
  tip.hidden = false;
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  const w = tip.offsetWidth, h = tip.offsetHeight;
  let x = ev.clientX + FL_TIP_OFFSET, y = ev.clientY + FL_TIP_OFFSET;
  if (x + w > vw - FL_TIP_MARGIN) x = ev.clientX - FL_TIP_OFFSET - w;
  if (y + h > vh - FL_TIP_MARGIN) y = ev.clientY - FL_TIP_OFFSET - h;
  tip.style.left = Math.max(FL_TIP_MARGIN, Math.min(x, vw - FL_TIP_MARGIN - w)) + 'px';
  tip.style.top = Math.max(FL_TIP_MARGIN, Math.min(y, vh - FL_TIP_MARGIN - h)) + 'px';
};
