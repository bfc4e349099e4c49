/* llmxray's interactive page (render/html). Reads the page's data (#lx-data) and gives the
   inline SVG zoom and pan, folding of layer groups and insets, tables of the tensors behind
   a box, heatmap read-outs, search, and light or dark. It makes no request, evaluates no
   string and sets no inline handler or style attribute: the page's Content-Security-Policy
   allows this script and the page's style sheet, and nothing else. Text from the model is
   only ever set with textContent. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lx-data').textContent);
  var stage = document.getElementById('lx-stage');
  var canvas = document.getElementById('lx-canvas');
  var view = document.getElementById('lx-view');
  var diagram = document.getElementById('lx-diagram');
  var tip = document.getElementById('lx-tip');
  var search = document.getElementById('lx-search');
  var found = document.getElementById('lx-found');
  var themeButton = document.getElementById('lx-theme');
  var root = document.documentElement;
  var tables = [{t: data.t || [], boxes: data.boxes || {}}, {t: data.t2 || [], boxes: data.boxes2 || {}}];
  var heat = data.heat || {};
  document.getElementById('lx-name').textContent = data.title;

  /* ---- zoom and pan: one transform on #lx-view ---- */
  var k = 1, tx = 0, ty = 0;
  function apply() {
    view.setAttribute('transform', 'translate(' + tx.toFixed(2) + ' ' + ty.toFixed(2) + ') scale(' + k.toFixed(5) + ')');
  }
  function fit() {
    var r = stage.getBoundingClientRect();
    k = Math.min(r.width / data.w, r.height / data.h) * 0.97;
    tx = (r.width - data.w * k) / 2;
    ty = Math.max(0, (r.height - data.h * k) / 2);
    apply();
  }
  function zoomAt(f, x, y) {
    var nk = Math.min(64, Math.max(0.02, k * f));
    tx = x - (x - tx) * nk / k;
    ty = y - (y - ty) * nk / k;
    k = nk;
    apply();
  }
  function zoomCentre(f) {
    var r = stage.getBoundingClientRect();
    zoomAt(f, r.width / 2, r.height / 2);
  }
  function pan(dx, dy) { tx += dx; ty += dy; apply(); }

  stage.addEventListener('wheel', function (e) {
    e.preventDefault();
    var r = stage.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, {passive: false});

  var drag = null;
  stage.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    drag = {x: e.clientX, y: e.clientY, tx: tx, ty: ty, moved: false, target: e.target, id: e.pointerId};
  });
  stage.addEventListener('pointermove', function (e) {
    if (drag && (drag.moved || Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 4)) {
      if (!drag.moved) { stage.setPointerCapture(drag.id); stage.classList.add('lx-dragging'); hideTip(); }
      drag.moved = true;
      tx = drag.tx + e.clientX - drag.x;
      ty = drag.ty + e.clientY - drag.y;
      apply();
      return;
    }
    hover(e);
  });
  stage.addEventListener('pointerup', function () {
    if (drag && !drag.moved) click(drag.target);
    drag = null;
    stage.classList.remove('lx-dragging');
  });
  stage.addEventListener('pointerleave', function () { if (!drag) hideTip(); });

  document.addEventListener('keydown', function (e) {
    if (e.target === search) { if (e.key === 'Escape') { search.value = ''; runSearch(); stage.focus(); } return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.key === 'Enter' || e.key === ' ') && folds[e.target.id] === e.target) {
      e.target.classList.toggle('lx-folded');
      e.preventDefault();
      return;
    }
    var step = 60, handled = true;
    switch (e.key) {
    case '+': case '=': zoomCentre(1.25); break;
    case '-': case '_': zoomCentre(0.8); break;
    case '0': fit(); break;
    case 'ArrowLeft': pan(step, 0); break;
    case 'ArrowRight': pan(-step, 0); break;
    case 'ArrowUp': pan(0, step); break;
    case 'ArrowDown': pan(0, -step); break;
    case '/': search.focus(); break;
    default: handled = false;
    }
    if (handled) e.preventDefault();
  });
  document.getElementById('lx-fit').addEventListener('click', fit);
  document.getElementById('lx-zoom-in').addEventListener('click', function () { zoomCentre(1.25); });
  document.getElementById('lx-zoom-out').addEventListener('click', function () { zoomCentre(0.8); });
  window.addEventListener('resize', fit);

  /* ---- the layout's tooltips become ours (no second, native tooltip) ---- */
  var notes = {};
  diagram.querySelectorAll('title').forEach(function (t) {
    var p = t.parentNode;
    if (p && p.id) notes[p.id] = t.textContent;
    t.remove();
  });

  /* ---- folding ---- */
  var folds = {};
  (data.fold || []).forEach(function (id) {
    var el = document.getElementById(id);
    if (el && el.tagName === 'g') { el.classList.add('lx-foldable'); el.setAttribute('tabindex', '0'); folds[id] = el; }
  });
  function foldOf(t) {
    var g = t.parentNode;
    if (t.tagName === 'rect' && g && folds[g.id] && g.querySelector(':scope > rect') === t) return g;
    var m = t.id ? /^(.*)\.(title|caption\d+)$/.exec(t.id) : null;
    return m && folds[m[1]] ? folds[m[1]] : null;
  }
  function click(t) {
    var g = foldOf(t);
    if (g) { g.classList.toggle('lx-folded'); hideTip(); }
  }

  /* ---- hover: the tensors behind a box, a heatmap's cell ---- */
  function fmt(n) { return Number(n).toLocaleString('en-US'); }
  function bytes(n) {
    var u = ['B', 'kB', 'MB', 'GB', 'TB'], i = 0;
    while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
    return (i ? n.toFixed(n < 10 ? 2 : 1) : String(n)) + ' ' + u[i];
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function rowsOf(id) {
    if (id.indexOf('b.') === 0 && tables[1].boxes[id]) return {tab: tables[1], rows: tables[1].boxes[id]};
    return tables[0].boxes[id] ? {tab: tables[0], rows: tables[0].boxes[id]} : null;
  }
  function titleOf(id) {
    var t = document.getElementById(id + '.title');
    return t ? t.textContent : id;
  }
  var built = {};
  function tensorTip(id) {
    if (built[id]) return built[id];
    var box = el('div');
    box.appendChild(el('h3', titleOf(id)));
    if (notes[id] && notes[id] !== titleOf(id)) box.appendChild(el('p', notes[id]));
    var r = rowsOf(id);
    if (r) {
      var table = el('table'), head = el('tr'), total = 0, totalBytes = 0, count = 0;
      ['tensor', 'shape', 'type', 'parameters', '', 'bytes', 'layers'].forEach(function (h) { head.appendChild(el('th', h)); });
      table.appendChild(head);
      r.rows.forEach(function (i) {
        var t = r.tab.t[i], tr = el('tr'), name = el('td');
        name.appendChild(el('code', t[0]));
        tr.appendChild(name);
        tr.appendChild(el('td', t[1]));
        tr.appendChild(el('td', t[2]));
        tr.appendChild(el('td', fmt(t[4]), 'n'));
        tr.appendChild(el('td', t[3] > 1 ? '\u00d7 ' + fmt(t[3]) : '', 'n'));
        tr.appendChild(el('td', bytes(t[5]), 'n'));
        tr.appendChild(el('td', t[6]));
        table.appendChild(tr);
        total += t[3] * t[4];
        totalBytes += t[5];
        count += t[3];
      });
      box.appendChild(table);
      box.appendChild(el('p', 'total: ' + fmt(total) + ' parameters in ' + fmt(count) + ' tensor' +
                                 (count === 1 ? '' : 's') + ', ' + bytes(totalBytes)));
    }
    built[id] = box;
    return box;
  }
  function heatTip(id, h, e) {
    var pt = canvas.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    var p = pt.matrixTransform(diagram.getScreenCTM().inverse());
    var c = Math.floor((p.x - h.x) / h.w * h.c), r = Math.floor((p.y - h.y) / h.h * h.r);
    if (c < 0 || r < 0 || c >= h.c || r >= h.r) return null;
    var v = h.v[r * h.c + c], box = el('div');
    box.appendChild(el('h3', h.tip.split('\n')[0] || id));
    var line, rl = h.rl[r] !== undefined ? '\u201c' + h.rl[r] + '\u201d ' : '';
    var cl = h.cl[c] !== undefined ? '\u201c' + h.cl[c] + '\u201d ' : '';
    if (h.q >= 0) line = 'query \u201c' + h.cl[h.q] + '\u201d (' + h.q + ') \u2192 key ' + cl + '(' + c + '): weight ' + v;
    else line = 'row ' + rl + '(' + r + '), column ' + cl + '(' + c + '): ' + v;
    box.appendChild(el('p', line, 'lx-readout'));
    return box;
  }
  function target(t) {
    for (var e = t; e && e !== canvas; e = e.parentNode)
      if (e.id && (heat[e.id] || rowsOf(e.id) || notes[e.id])) return e;
    return null;
  }
  var shown = null;
  function hideTip() { tip.hidden = true; shown = null; }
  function hover(e) {
    var t = target(e.target);
    if (!t) { hideTip(); return; }
    var content = heat[t.id] ? heatTip(t.id, heat[t.id], e) : tensorTip(t.id);
    if (!content) { hideTip(); return; }
    if (shown !== content) { tip.replaceChildren(content); shown = content; }
    tip.hidden = false;
    var w = tip.offsetWidth, hgt = tip.offsetHeight;
    var x = e.clientX + 16, y = e.clientY + 16;
    if (x + w > window.innerWidth - 4) x = Math.max(4, e.clientX - w - 16);
    if (y + hgt > window.innerHeight - 4) y = Math.max(4, window.innerHeight - hgt - 4);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }

  /* ---- search: boxes whose tensors or title match ---- */
  var hits = [];
  function mark(id) {
    var e = document.getElementById(id);
    if (!e) return false;
    e.classList.add('lx-hit');
    hits.push(e);
    for (var a = e.parentNode; a && a !== canvas; a = a.parentNode)
      if (a.classList && a.classList.contains('lx-folded')) a.classList.remove('lx-folded');
    return true;
  }
  function runSearch() {
    hits.forEach(function (e) { e.classList.remove('lx-hit'); });
    hits = [];
    var q = search.value.trim().toLowerCase();
    if (!q) { found.textContent = ''; return; }
    var boxesHit = {}, tensors = 0;
    tables.forEach(function (tab) {
      tab.t.forEach(function (t) { if (t[0].toLowerCase().indexOf(q) >= 0) tensors += t[3]; });
      Object.keys(tab.boxes).forEach(function (id) {
        if (tab.boxes[id].some(function (i) { return tab.t[i][0].toLowerCase().indexOf(q) >= 0; })) boxesHit[id] = 1;
      });
    });
    diagram.querySelectorAll('text[id$=".title"]').forEach(function (t) {
      if (t.textContent.toLowerCase().indexOf(q) >= 0) boxesHit[t.id.slice(0, -6)] = 1;
    });
    var n = 0;
    Object.keys(boxesHit).forEach(function (id) { if (mark(id)) n++; });
    found.textContent = n + ' box' + (n === 1 ? '' : 'es') + ', ' + fmt(tensors) + ' tensor' + (tensors === 1 ? '' : 's');
  }
  search.addEventListener('input', runSearch);

  /* ---- light and dark ---- */
  var darkSheet = null;
  function setDark(on) {
    if (on && !darkSheet) {
      var css = [];
      (data.dark || []).forEach(function (p, i) {
        var r = (p[0] ? 'fill:' + p[0] + ';' : '') + (p[1] ? 'stroke:' + p[1] + ';' : '');
        if (r) css.push('.lx-dark .c' + i + '{' + r + '}');
      });
      darkSheet = new CSSStyleSheet();
      darkSheet.replaceSync(css.join('\n'));
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([darkSheet]);
    }
    root.classList.toggle('lx-dark', on);
    themeButton.textContent = on ? 'Light' : 'Dark';
  }
  themeButton.addEventListener('click', function () { setDark(!root.classList.contains('lx-dark')); });
  var scheme = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  setDark(data.theme === 'dark' || !!(scheme && scheme.matches));

  fit();
  stage.focus();
  window.llmxray = {fit: fit, zoom: zoomCentre, pan: pan, dark: setDark, state: function () { return {k: k, x: tx, y: ty}; }};
})();
