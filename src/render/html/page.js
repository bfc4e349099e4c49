/* llmxray's interactive page (render/html). Reads the page's data (#lx-data) and gives the
   inline SVG zoom and pan, folding of layer groups and insets (what is below a folded one
   moves up, so no empty band is left), tables of the tensors behind
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
  var height = data.h; /* the diagram's height as folded now */
  function fit() {
    var r = stage.getBoundingClientRect();
    k = Math.min(r.width / data.w, r.height / height) * 0.97;
    tx = (r.width - data.w * k) / 2;
    ty = Math.max(0, (r.height - height * k) / 2);
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
      toggleFold(e.target);
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
    /* its own title and badge stay when it is folded */
    [id + '.title', id + '.badge'].forEach(function (h) {
      var e = document.getElementById(h);
      if (e && e.parentNode === el) e.classList.add('lx-head');
    });
  });
  function foldOf(t) {
    var g = t.parentNode;
    if (t.tagName === 'rect' && g && folds[g.id] && g.querySelector(':scope > rect') === t) return g;
    var m = t.id ? /^(.*)\.(title|caption\d+)$/.exec(t.id) : null;
    return m && folds[m[1]] ? folds[m[1]] : null;
  }
  function click(t) {
    var g = foldOf(t);
    if (g) { toggleFold(g); hideTip(); }
  }
  function toggleFold(g) {
    measure();
    g.classList.toggle('lx-folded');
    reflow();
  }

  /* ---- reflow: a folded group keeps its header (title, badge) and shrinks to it; what lies
     below it, overlapping it across, moves up by what it gave back; arrows below are moved with
     their ends (an arrow out of the folded part starts at its new bottom, a leader into it
     points at its header, one from a box it hid is hidden), kept at right angles; the viewBox
     shrinks to what is left. Geometry is read once, before the first fold, and every reflow
     starts again from it, so unfolding restores the page exactly. ---- */
  var items = null, margin = 0, SLACK = 0.5, HEADER_PAD = 8, HEADER_MIN = 28, JOG = 18;
  function pointsOf(d) {
    var tok = d.match(/[A-Za-z]|-?[0-9.]+(?:e[-+]?[0-9]+)?/g) || [], pts = [], x = 0, y = 0, i = 0;
    while (i < tok.length) {
      var c = tok[i++];
      if (c === 'M' || c === 'L') { x = +tok[i++]; y = +tok[i++]; } else if (c === 'H') x = +tok[i++];
      else if (c === 'V') y = +tok[i++]; else return null;
      pts.push({x: x, y: y});
    }
    return pts.length ? pts : null;
  }
  function headerOf(g, r) {
    var y = +r.getAttribute('y'), bottom = y;
    g.querySelectorAll(':scope > .lx-head').forEach(function (e) {
      var b = e.getBBox();
      bottom = Math.max(bottom, b.y + b.height);
    });
    return Math.max(HEADER_MIN, bottom - y + HEADER_PAD);
  }
  /* The arrows into a group from above (they stay, shortened to its top, when it is folded). */
  function entries(g, top) {
    var out = [];
    g.querySelectorAll(':scope > path').forEach(function (e) {
      var d = e.getAttribute('d'), pts = pointsOf(d);
      if (pts && pts.length === 2 && pts[0].x === pts[1].x && pts[0].y < top - SLACK && pts[1].y > top)
        out.push({e: e, d: d, x: pts[0].x, y: pts[0].y});
    });
    return out;
  }
  function measure() {
    if (items) return;
    items = [];
    var lowest = 0;
    Array.prototype.forEach.call(diagram.children, function (e) {
      if (e.tagName === 'defs' || e.tagName === 'title' || e.id === 'background') return;
      var b = e.getBBox(), it = {e: e, x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height,
                                 t: e.getAttribute('transform')};
      if (e.tagName === 'path') { it.d = e.getAttribute('d'); it.pts = pointsOf(it.d); }
      /* a group is where its frame is: badges and arrows into it may reach above */
      var frame = e.tagName === 'g' ? e.querySelector(':scope > rect') : null;
      if (frame && frame === e.firstElementChild) it.y0 = Math.max(it.y0, +frame.getAttribute('y'));
      var r = folds[e.id] ? e.querySelector(':scope > rect') : null;
      if (r) {
        it.rect = r;
        it.h = +r.getAttribute('height');
        it.fx0 = +r.getAttribute('x');
        it.fx1 = it.fx0 + +r.getAttribute('width');
        it.top = +r.getAttribute('y');
        it.bottom = it.top + it.h;
        it.header = Math.min(it.h, headerOf(e, r));
        it.entries = entries(e, it.top);
      }
      lowest = Math.max(lowest, it.y1);
      items.push(it);
    });
    margin = Math.max(0, data.h - lowest);
  }
  /* Does x0..x1 overlap the fold across (a point: lie on it, edges included)? */
  function across(f, x0, x1) {
    if (x0 === x1) return x0 >= f.fx0 - SLACK && x0 <= f.fx1 + SLACK;
    return x0 < f.fx1 - SLACK && x1 > f.fx0 + SLACK;
  }
  /* How far a point (or an element spanning x0..x1 from y down) moves up: the sum over the
     folds it lies below. */
  function lift(folded, x0, x1, y) {
    var up = 0;
    folded.forEach(function (f) { if (y >= f.bottom - SLACK && across(f, x0, x1)) up += f.h - f.header; });
    return up;
  }
  /* The fold whose given-back band holds the point, or null. */
  function bandOf(folded, p) {
    for (var i = 0; i < folded.length; i++) {
      var f = folded[i];
      if (p.x >= f.fx0 - SLACK && p.x <= f.fx1 + SLACK && p.y > f.top + f.header + SLACK && p.y < f.bottom - SLACK)
        return f;
    }
    return null;
  }
  /* An arrow's points after the folds, or null when it comes out of a box a fold hid. */
  function movePath(folded, pts) {
    var vertical = pts.every(function (p) { return p.x === pts[0].x; }), out = [];
    for (var i = 0; i < pts.length; i++) {
      var p = pts[i], f = bandOf(folded, p), y = p.y;
      if (f && vertical) y = f.top + f.header;
      else if (f && (Math.abs(p.x - f.fx0) <= SLACK || Math.abs(p.x - f.fx1) <= SLACK)) y = f.top + f.header / 2;
      else if (f) return null;
      var base = f ? f.top : y;
      out.push({x: p.x, y: y - lift(folded, p.x, p.x, base)});
    }
    return square(pts, out);
  }
  /* Keeps a leader's horizontal runs horizontal: the end that did not move follows the other
     along its vertical neighbour, or a jog is put in near the end that moved. */
  function square(orig, pts) {
    var res = [pts[0]];
    for (var i = 0; i + 1 < pts.length; i++) {
      var a = res[res.length - 1], b = pts[i + 1];
      if (orig[i].y !== orig[i + 1].y || a.y === b.y) { res.push(b); continue; }
      var aMoved = Math.abs(a.y - orig[i].y) > Math.abs(b.y - orig[i + 1].y);
      if (!aMoved && i > 0 && orig[i - 1].x === orig[i].x) { a.y = b.y; res.push(b); continue; }
      if (aMoved && i + 2 < pts.length && orig[i + 2].x === orig[i + 1].x) { b.y = a.y; res.push(b); continue; }
      var dir = b.x > a.x ? 1 : -1, step = Math.min(JOG, Math.abs(b.x - a.x) / 2);
      var x = aMoved ? a.x + dir * step : b.x - dir * step;
      res.push({x: x, y: a.y}, {x: x, y: b.y}, b);
    }
    return res;
  }
  function reflow() {
    var folded = items.filter(function (it) {
      return it.rect && it.e.classList.contains('lx-folded');
    }).sort(function (a, b) { return a.top - b.top; });
    var lowest = 0;
    items.forEach(function (it) {
      var up = 0, bottom = it.y1, pts = null;
      if (it.pts && folded.length) {
        pts = movePath(folded, it.pts);
        it.e.classList.toggle('lx-gone', pts === null);
        if (pts) {
          it.e.setAttribute('d', 'M' + pts.map(function (p) { return +p.x.toFixed(2) + ',' + +p.y.toFixed(2); }).join('L'));
          bottom = Math.max.apply(null, pts.map(function (p) { return p.y; }));
        }
      } else if (it.pts) {
        it.e.setAttribute('d', it.d);
        it.e.classList.remove('lx-gone');
      } else {
        up = lift(folded, it.x0, it.x1, it.y0);
        if (up) it.e.setAttribute('transform', 'translate(0 ' + (-up).toFixed(2) + ')' + (it.t ? ' ' + it.t : ''));
        else if (it.t) it.e.setAttribute('transform', it.t);
        else it.e.removeAttribute('transform');
        bottom = it.y1 - up;
      }
      if (it.rect) {
        var on = folded.indexOf(it) >= 0;
        it.rect.setAttribute('height', String(on ? +it.header.toFixed(2) : it.h));
        it.entries.forEach(function (a) {
          a.e.classList.toggle('lx-keep', on);
          a.e.setAttribute('d', on ? 'M' + a.x + ',' + a.y + 'L' + a.x + ',' + it.top : a.d);
        });
        if (on) bottom = it.top + it.header - up;
      }
      it.up = up;
      if (!it.e.classList.contains('lx-gone')) lowest = Math.max(lowest, bottom);
    });
    height = +(lowest + margin).toFixed(2);
    diagram.setAttribute('height', String(height));
    diagram.setAttribute('viewBox', '0 0 ' + data.w + ' ' + height);
  }
  /* How far the top-level element holding e has moved up (heatmap read-outs). */
  function liftOf(e) {
    while (e && e.parentNode !== diagram) e = e.parentNode;
    for (var i = 0; items && e && i < items.length; i++) if (items[i].e === e) return items[i].up || 0;
    return 0;
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
    var p = pt.matrixTransform(diagram.getScreenCTM().inverse()), y = p.y + liftOf(document.getElementById(id));
    var c = Math.floor((p.x - h.x) / h.w * h.c), r = Math.floor((y - h.y) / h.h * h.r);
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
  var hits = [], unfolded = false;
  function mark(id) {
    var e = document.getElementById(id);
    if (!e) return false;
    e.classList.add('lx-hit');
    hits.push(e);
    for (var a = e.parentNode; a && a !== canvas; a = a.parentNode)
      if (a.classList && a.classList.contains('lx-folded')) { a.classList.remove('lx-folded'); unfolded = true; }
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
    unfolded = false;
    Object.keys(boxesHit).forEach(function (id) { if (mark(id)) n++; });
    if (unfolded) reflow();
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
  window.llmxray = {fit: fit, zoom: zoomCentre, pan: pan, dark: setDark, fold: toggleFold,
                    state: function () { return {k: k, x: tx, y: ty, h: height}; }};
})();
