/* llmxray's gallery index (render/html_gallery): sorting the fact table by any column,
   rows that open their model's page, and the compare picker, which lays two models' facts
   side by side (from the facts embedded as JSON) and marks the ones that differ. No request,
   no eval, no inline handler: the page's CSP allows only this script. */
(function () {
  'use strict';
  var facts = JSON.parse(document.getElementById('lx-facts').textContent);
  var table = document.getElementById('lx-index');
  var body = table.tBodies[0];

  /* ---- sorting ---- */
  function sortBy(th) {
    var col = th.dataset.col, num = th.dataset.type === 'num';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    var key = function (r) { return r.querySelector('[data-col="' + col + '"]').dataset.sort; };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      var c = num ? Number(x) - Number(y) : x.localeCompare(y);
      return c * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  table.querySelectorAll('th[data-col]').forEach(function (th) {
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); } });
  });
  body.addEventListener('click', function (e) {
    if (e.target.closest('a')) return;
    var tr = e.target.closest('tr'), a = tr && tr.querySelector('td[data-col="name"] a');
    if (a) window.location.href = a.getAttribute('href');
  });

  /* ---- compare two ---- */
  var selA = document.getElementById('lx-cmp-a'), selB = document.getElementById('lx-cmp-b');
  var out = document.getElementById('lx-cmp-table');
  facts.models.forEach(function (m, i) {
    [selA, selB].forEach(function (s) {
      var o = document.createElement('option');
      o.value = String(i);
      o.textContent = m.name;
      s.appendChild(o);
    });
  });
  if (facts.models.length > 1) selB.value = '1';
  function cell(tag, text) { var c = document.createElement(tag); c.textContent = text; return c; }
  function shown(m, key) {
    var v = m[key];
    if (key === 'kv') return v.toLocaleString('en-US') + ' bytes';
    return typeof v === 'number' ? v.toLocaleString('en-US') : v;
  }
  function compare() {
    var a = facts.models[Number(selA.value)], b = facts.models[Number(selB.value)];
    out.replaceChildren();
    if (!a || !b) { out.hidden = true; return; }
    var head = document.createElement('tr');
    head.appendChild(cell('th', ''));
    [a, b].forEach(function (m) {
      var th = document.createElement('th'), link = document.createElement('a');
      link.href = m.page + '.html';
      link.textContent = m.name;
      th.appendChild(link);
      head.appendChild(th);
    });
    out.appendChild(head);
    facts.cols.forEach(function (c) {
      var tr = document.createElement('tr');
      if (String(a[c[0]]) !== String(b[c[0]])) tr.className = 'lx-differs';
      tr.appendChild(cell('th', c[1]));
      tr.appendChild(cell('td', shown(a, c[0])));
      tr.appendChild(cell('td', shown(b, c[0])));
      out.appendChild(tr);
    });
    out.hidden = false;
  }
  selA.addEventListener('change', compare);
  selB.addEventListener('change', compare);
  document.getElementById('lx-cmp-form').addEventListener('submit', function (e) { e.preventDefault(); });
})();
