// Checks llmxray's HTML pages in a real browser: Debian's chromium, headless, driven by
// playwright-core. tests/test_browser.c writes the pages into DIR and runs
//   node check.mjs DIR
// DIR holds llama.html (llama-3.1-8b), llama.json (`info --json` of it), inside.html and
// inside.json (`inside` on stories260K: the poster and the run's numbers), hostile.html (a
// GGUF whose strings are markup and script), big.html (the 405B-shaped GGUF) and gallery/
// (`gallery` of four models), compare.html (llama-2-7b vs llama-3.1-8b). Every page is opened with file://; each check prints
// "ok - NAME" or "not ok - NAME: why", and the exit code is the number of failures.
// With SHOTS=dir it also writes screenshots of each page in both themes.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(process.argv[2] || '.');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = process.env.SHOTS;
let failures = 0;

function ok(name) { console.log('ok - ' + name); }
function notOk(name, why) { failures++; console.log('not ok - ' + name + ': ' + why); }
async function check(name, fn) {
  try { await fn(); ok(name); } catch (e) { if (process.env.VERBOSE) console.log(e.message); notOk(name, e && e.message ? e.message.split('\n')[0] : String(e)); }
}
function expect(cond, why) { if (!cond) throw new Error(why); }
function expectEq(a, b, what) { if (a !== b) throw new Error(what + ': ' + JSON.stringify(a) + ' (expected ' + JSON.stringify(b) + ')'); }

const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });

// Opens file (relative to dir) and records every request, console message, page error and dialog.
async function open(file, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: opts.scheme || 'light' });
  const page = await context.newPage();
  const log = { requests: [], console: [], errors: [], dialogs: [] };
  const url = 'file://' + path.join(dir, file);
  page.on('request', r => { if (r.url() !== url) log.requests.push(r.url()); });
  page.on('console', m => log.console.push(m.type() + ': ' + m.text()));
  page.on('pageerror', e => log.errors.push(e.message));
  page.on('dialog', d => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(url);
  await page.waitForFunction(() => window.llmxray !== undefined || document.querySelector('#lx-index') !== null,
                             null, { timeout: 5000 }).catch(() => {});
  return { page, context, log };
}

function expectQuiet(log, allowedRequests) {
  const bad = log.requests.filter(u => !allowedRequests || !allowedRequests(u));
  expect(bad.length === 0, 'requests left the page: ' + bad.slice(0, 3).join(', '));
  expect(log.errors.length === 0, 'page errors: ' + log.errors.join(' | '));
  expect(log.console.length === 0, 'console: ' + log.console.join(' | '));
  expect(log.dialogs.length === 0, 'dialogs: ' + log.dialogs.join(' | '));
}

const transform = page => page.evaluate(() => document.getElementById('lx-view').getAttribute('transform'));
const scaleOf = t => Number(/scale\(([-0-9.]+)\)/.exec(t)[1]);
const tipText = page => page.evaluate(() => { const t = document.getElementById('lx-tip'); return t.hidden ? '' : t.textContent; });
const byId = (page, id) => page.locator('[id="' + id + '"]');

// Screenshots in both themes; with folds, also after folding those groups (and a Fit).
async function screenshots(file, name, folds = []) {
  if (!shots) return;
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await open(file, { scheme });
    await page.screenshot({ path: path.join(shots, name + '-' + scheme + '.png') });
    if (folds.length) {
      for (const id of folds) await page.evaluate(i => window.llmxray.fold(document.getElementById(i)), id);
      await page.evaluate(() => window.llmxray.fit());
      await page.screenshot({ path: path.join(shots, name + '-' + scheme + '-folded.png') });
    }
    await context.close();
  }
}

// Geometry in the diagram's units: a frame's top and bottom (the group's first rect, as drawn
// now), and the height of the viewBox.
const frame = (page, id) => page.evaluate(i => {
  const d = document.getElementById('lx-diagram'), s = d.getBoundingClientRect().height / d.viewBox.baseVal.height;
  const e = document.getElementById(i), r = (e.tagName === 'g' ? e.querySelector(':scope > rect') : e).getBoundingClientRect();
  const top = d.getBoundingClientRect().top;
  return { top: (r.top - top) / s, bottom: (r.bottom - top) / s, shown: r.height > 0 };
}, id);
const viewHeight = page => page.evaluate(() => document.getElementById('lx-diagram').viewBox.baseVal.height);
// The bottom of the lowest element shown, in the diagram's units.
const lowest = page => page.evaluate(() => {
  const d = document.getElementById('lx-diagram'), s = d.getBoundingClientRect().height / d.viewBox.baseVal.height;
  let m = 0;
  for (const e of d.children) {
    if (e.tagName === 'defs' || e.id === 'background') continue;
    const r = e.getBoundingClientRect();
    if (r.height > 0) m = Math.max(m, (r.bottom - d.getBoundingClientRect().top) / s);
  }
  return m;
});
const near = (a, b, what, tol = 0.6) => expect(Math.abs(a - b) <= tol, what + ': ' + a.toFixed(2) + ' (expected ' + b.toFixed(2) + ')');
// Folds group id (clicking at) and checks that what was below it across moved up by what it gave
// back, the gap under it is the gap there was, and the viewBox ends where the lowest box does.
async function foldCloses(page, id, clickId, below) {
  const g0 = await frame(page, id), b0 = await frame(page, below), h0 = await viewHeight(page);
  const margin = h0 - await lowest(page);
  await byId(page, clickId).click();
  const g1 = await frame(page, id), b1 = await frame(page, below), h1 = await viewHeight(page);
  const given = (g0.bottom - g0.top) - (g1.bottom - g1.top);
  expect(given > 100, id + ' gave back ' + given.toFixed(1) + ' units');
  near(g1.top, g0.top, id + ' top');
  near(b0.top - b1.top, given, below + ' moved up by');
  near(b1.top - g1.bottom, b0.top - g0.bottom, 'gap under ' + id);
  near(h1, await lowest(page) + margin, 'viewBox height');
  return { given, h0, h1 };
}

// ---- the diagram: llama-3.1-8b ----
{
  const { page, context, log } = await open('llama.html');
  const info = JSON.parse(fs.readFileSync(path.join(dir, 'llama.json'), 'utf8'));
  await check('diagram: opens with the model name and the inline SVG', async () => {
    expectEq(await page.locator('#lx-name').textContent(), 'Llama 3.1 8B', 'toolbar name');
    expect(await page.locator('#lx-diagram').count() === 1, 'no #lx-diagram');
  });
  const fitted = await transform(page);
  await check('diagram: + zooms in, - zooms out, keyboard', async () => {
    await page.keyboard.press('+');
    const t1 = await transform(page);
    expect(scaleOf(t1) > scaleOf(fitted) * 1.2, 'scale after + ' + t1 + ' vs ' + fitted);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    expect(scaleOf(await transform(page)) < scaleOf(t1), 'scale after -');
  });
  await check('diagram: wheel zooms about the pointer', async () => {
    const before = scaleOf(await transform(page));
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(s => Number(/scale\(([-0-9.]+)\)/.exec(document.getElementById('lx-view')
      .getAttribute('transform'))[1]) > s, before, { timeout: 2000 });
  });
  await check('diagram: drag and arrow keys pan', async () => {
    const t0 = await transform(page);
    await page.mouse.move(300, 300);
    await page.mouse.down();
    await page.mouse.move(360, 340, { steps: 5 });
    await page.mouse.up();
    const t1 = await transform(page);
    expect(t1 !== t0 && scaleOf(t1) === scaleOf(t0), 'drag: ' + t0 + ' -> ' + t1);
    await page.keyboard.press('ArrowLeft');
    expect(await transform(page) !== t1, 'ArrowLeft did not pan');
  });
  await check('diagram: Fit (button and 0) restores the fitted view', async () => {
    await page.click('#lx-fit');
    expectEq(await transform(page), fitted, 'after Fit');
    await page.keyboard.press('+');
    await page.keyboard.press('0');
    expectEq(await transform(page), fitted, 'after 0');
  });
  await check('diagram: clicking the layer group folds and unfolds it', async () => {
    const caption = byId(page, 'block0.caption0');
    await caption.click();
    expect(await page.evaluate(() => document.getElementById('block0').classList.contains('lx-folded')), 'not folded');
    expect(!(await byId(page, 'block0.attn').isVisible()), 'block0.attn still visible when folded');
    await caption.click();
    expect(await byId(page, 'block0.attn').isVisible(), 'block0.attn hidden after unfolding');
  });
  await check('diagram: Enter on a focused layer group folds and unfolds it', async () => {
    await page.focus('[id="block0"]');
    await page.keyboard.press('Enter');
    expect(!(await byId(page, 'block0.ffn').isVisible()), 'block0.ffn visible after Enter');
    await page.keyboard.press('Enter');
    expect(await byId(page, 'block0.ffn').isVisible(), 'block0.ffn hidden after a second Enter');
    await page.focus('#lx-stage');
  });
  await check('diagram: clicking an inset\'s title folds it', async () => {
    await byId(page, 'inset.attn.title').click();
    expect(!(await byId(page, 'inset.attn.q').isVisible()), 'inset.attn.q still visible');
    await byId(page, 'inset.attn.title').click();
    expect(await byId(page, 'inset.attn.q').isVisible(), 'inset.attn.q hidden after unfolding');
  });
  await check('diagram: folding the layer group closes its space; unfolding restores it', async () => {
    await page.click('#lx-fit');
    const before = await page.evaluate(() => document.getElementById('lx-diagram').outerHTML);
    const r = await foldCloses(page, 'block0', 'block0.caption0', 'spine.final_norm');
    // the inset column (to 1153.23) is taller than the spine: the height stays 1194
    near(r.h1, 1194, 'viewBox height with the insets below the spine');
    const arrow = await frame(page, 'spine.final_norm.in'), g = await frame(page, 'block0');
    near(arrow.top, g.bottom, 'the arrow to the final norm starts at the folded block');
    expect(!(await byId(page, 'leader.attn').isVisible()), 'the leader from a hidden box is still shown');
    await byId(page, 'block0.caption0').click();
    expectEq(await page.evaluate(() => document.getElementById('lx-diagram').outerHTML.replace(/ class="[^"]*"/g, '')),
             before.replace(/ class="[^"]*"/g, ''), 'the diagram after unfolding');
  });
  await check('diagram: folding insets moves the ones below up; the page ends where the lowest box does', async () => {
    await page.click('#lx-fit');
    const a = await foldCloses(page, 'inset.attn', 'inset.attn.title', 'inset.ffn');
    // the insets now end above the spine's softmax (1083.05), which has the 40.77 of margin below it
    near(a.h1, 1083.05 + 40.77, 'viewBox height with the attention inset folded');
    const lead = await page.evaluate(() => document.getElementById('leader.attn').getAttribute('d'));
    const g = await frame(page, 'inset.attn');
    const end = lead.split('L').pop().split(',').map(Number);
    near(end[0], 600, 'leader.attn ends at the inset\'s edge');
    expect(end[1] > g.top && end[1] < g.bottom, 'leader.attn ends at ' + end[1] + ', not on the folded inset ' + JSON.stringify(g));
    await page.click('#lx-fit');
    await byId(page, 'params.title').click();
    near(await viewHeight(page), a.h1, 'viewBox height with params folded too (the spine is lower)');
    await byId(page, 'block0.caption0').click();
    const h3 = await viewHeight(page);
    expect(h3 < a.h1 - 300, 'viewBox height with everything folded: ' + h3);
    near(h3, await lowest(page) + 40.77, 'viewBox height with everything folded');
    for (const id of ['block0.caption0', 'inset.attn.title', 'params.title']) {
      await page.click('#lx-fit'); /* what is below moves down as the page grows back */
      await byId(page, id).click();
    }
    near(await viewHeight(page), 1194, 'viewBox height unfolded');
    await page.click('#lx-fit');
  });
  await check('diagram: hover on attention lists its tensors with exact counts', async () => {
    await byId(page, 'block0.attn.title').hover();
    const t = await tipText(page);
    for (const s of ['blk.{L}.attn_q.weight', 'blk.{L}.attn_k.weight', 'blk.{L}.attn_v.weight',
                     'blk.{L}.attn_output.weight', '4096 × 4096', '1024 × 4096', '16,777,216', '4,194,304', '× 32', '0–31'])
      expect(t.includes(s), 'tip lacks ' + JSON.stringify(s) + ': ' + t.slice(0, 300));
    // 32 layers x (2 x 4096 x 4096 + 2 x 1024 x 4096), as `info --json` counts the component
    const attn = info.params.by_component.attention;
    expectEq(attn, 1342177280, 'info --json attention');
    expect(t.includes('total: ' + attn.toLocaleString('en-US') + ' parameters in 128 tensors'), 'tip total: ' + t.slice(-120));
  });
  await check('diagram: hover on an inset part names its one tensor', async () => {
    await byId(page, 'inset.attn.k.title').hover();
    const t = await tipText(page);
    expect(t.includes('blk.{L}.attn_k.weight') && !t.includes('attn_q'), 'tip: ' + t.slice(0, 200));
    expect(t.includes('total: 134,217,728 parameters in 32 tensors'), 'k total: ' + t.slice(-100));
  });
  await check('diagram: search highlights the boxes holding a tensor', async () => {
    await page.fill('#lx-search', 'ffn_down');
    const hits = await page.evaluate(() => [...document.querySelectorAll('.lx-hit')].map(e => e.id).sort());
    expect(hits.includes('block0.ffn') && hits.includes('inset.ffn.down'), 'hits: ' + hits.join(','));
    expect(!hits.includes('block0.attn'), 'attention highlighted for ffn_down');
    expectEq(await page.locator('#lx-found').textContent(), hits.length + ' boxes, 32 tensors', 'found line');
    await page.fill('#lx-search', '');
    expectEq(await page.evaluate(() => document.querySelectorAll('.lx-hit').length), 0, 'hits after clearing');
  });
  await check('diagram: the theme toggle switches the diagram\'s colours', async () => {
    const fill = () => page.evaluate(() => getComputedStyle(document.getElementById('background')).fill);
    const light = await fill();
    await page.click('#lx-theme');
    expect(await page.evaluate(() => document.documentElement.classList.contains('lx-dark')), 'no lx-dark');
    const dark = await fill();
    expect(light !== dark, 'background stays ' + light);
    await page.click('#lx-theme');
    expectEq(await fill(), light, 'back to light');
  });
  await check('diagram: no request, console clean', async () => expectQuiet(log));
  await context.close();
  await check('diagram: a dark colour scheme starts dark', async () => {
    const { page, context, log } = await open('llama.html', { scheme: 'dark' });
    expect(await page.evaluate(() => document.documentElement.classList.contains('lx-dark')), 'not dark');
    expectQuiet(log);
    await context.close();
  });
  await screenshots('llama.html', 'llama', ['block0', 'inset.attn']);
}

// ---- the poster: stories260K ----
{
  const { page, context, log } = await open('inside.html');
  const run = JSON.parse(fs.readFileSync(path.join(dir, 'inside.json'), 'utf8'));
  await check('poster: hover on an attention map reads out query, key and weight', async () => {
    const [l, h, q, k] = [1, 2, 4, 1];
    const cell = byId(page, `attn.l${l}.h${h}.q${q}`);
    await cell.scrollIntoViewIfNeeded();
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    const box = await cell.boundingBox();
    expect(box, 'no heatmap attn.l1.h2.q4');
    await page.mouse.move(box.x + box.width * (k + 0.5) / (q + 1), box.y + box.height / 2);
    const t = await tipText(page);
    const want = run.attention[l][h][q][k];
    const m = /weight ([-0-9.e]+)/.exec(t);
    expect(m, 'no weight in ' + JSON.stringify(t));
    expect(Math.abs(Number(m[1]) - want) <= 0.0005 * Math.max(1, Math.abs(want)) + 1e-9, 'weight ' + m[1] + ' vs ' + want);
    const piece = i => run.tokens[i].piece;
    expect(t.includes('query \u201c' + piece(q) + '\u201d (' + q + ')'), 'query in ' + JSON.stringify(t));
    expect(t.includes('key \u201c' + piece(k) + '\u201d (' + k + ')'), 'key in ' + JSON.stringify(t));
    expect(t.includes(`layer ${l} · head ${h}`), 'layer/head in ' + JSON.stringify(t));
  });
  await check('poster: folding panels moves the panels below up; read-outs stay right', async () => {
    await page.click('#lx-fit');
    await foldCloses(page, 'inside.embed', 'inside.embed.title', 'inside.pos');
    await foldCloses(page, 'inside.pos', 'inside.pos.title', 'inside.attn');
    const [l, h, q, k] = [3, 1, 4, 2];
    const cell = byId(page, `attn.l${l}.h${h}.q${q}`);
    await cell.scrollIntoViewIfNeeded();
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    const box = await cell.boundingBox();
    await page.mouse.move(box.x + box.width * (k + 0.5) / (q + 1), box.y + box.height / 2);
    const t = await tipText(page);
    const m = /weight ([-0-9.e]+)/.exec(t), want = run.attention[l][h][q][k];
    expect(m && Math.abs(Number(m[1]) - want) <= 0.0005 * Math.max(1, Math.abs(want)) + 1e-9,
           'after folding: ' + JSON.stringify(t) + ' vs ' + want);
    expect(t.includes('key \u201c' + run.tokens[k].piece + '\u201d (' + k + ')'), 'key in ' + JSON.stringify(t));
  });
  await check('poster: no request, console clean', async () => expectQuiet(log));
  await context.close();
  await screenshots('inside.html', 'inside', ['inside.embed', 'inside.attn']);
}

// ---- hostile strings ----
{
  const { page, context, log } = await open('hostile.html');
  await check('hostile: no script of the model runs, no dialog', async () => {
    await page.mouse.move(700, 450);
    for (const id of ['block0.attn.title', 'spine.embed.title']) {
      if (await byId(page, id).count()) await byId(page, id).hover();
    }
    await page.fill('#lx-search', '<script>');
    await page.waitForTimeout(200);
    expectEq(await page.evaluate(() => typeof window.__pwned), 'undefined', 'window.__pwned');
    expectEq(await page.evaluate(() => document.querySelectorAll('script').length), 2, '<script> elements');
    expectEq(await page.evaluate(() => document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length),
             0, 'injected elements');
  });
  await check('hostile: the name is shown as text', async () => {
    const name = await page.locator('#lx-name').textContent();
    expect(name.includes('</script><script>window.__pwned=1'), 'name: ' + JSON.stringify(name));
  });
  await check('hostile: no request, console clean', async () => expectQuiet(log));
  await context.close();
}

// ---- the 405B-shaped GGUF ----
{
  const { page, context, log } = await open('big.html');
  await check('405B: opens and hover lists the 126 layers\' Q projection', async () => {
    await byId(page, 'inset.attn.q.title').hover();
    const t = await tipText(page);
    expect(t.includes('blk.{L}.attn_q.weight') && t.includes('16384 × 16384') && t.includes('× 126') && t.includes('0–125'),
           'tip: ' + t.slice(0, 300));
  });
  await check('405B: no request, console clean', async () => expectQuiet(log));
  await context.close();
  await screenshots('big.html', 'big');
}

// ---- compare: llama-2-7b vs llama-3.1-8b ----
{
  const { page, context, log } = await open('compare.html');
  await check('compare: each spine\'s boxes list their own model\'s tensors', async () => {
    await byId(page, 'a.block0.attn.title').hover();
    const a = await tipText(page);
    expect(a.includes('blk.{L}.attn_k.weight') && a.includes('4096 × 4096') && !a.includes('1024 × 4096'), 'Llama 2: ' + a.slice(0, 200));
    await byId(page, 'b.block0.attn.title').hover();
    const b = await tipText(page);
    expect(b.includes('blk.{L}.attn_k.weight') && b.includes('1024 × 4096'), 'Llama 3.1: ' + b.slice(0, 200));
  });
  await check('compare: folding one spine\'s block moves that spine\'s boxes up, not the other\'s', async () => {
    const other = await frame(page, 'b.spine.final_norm');
    await foldCloses(page, 'a.block0', 'a.block0.caption0', 'a.spine.final_norm');
    expect((await frame(page, 'a.spine.output')).shown, 'a.spine.output hidden by folding a.block0');
    const now = await frame(page, 'b.spine.final_norm');
    near(now.top, other.top, 'b.spine.final_norm');
    await byId(page, 'a.block0.caption0').click();
  });
  await check('compare: no request, console clean', async () => expectQuiet(log));
  await context.close();
  await screenshots('compare.html', 'compare', ['a.block0', 'table']);
}

// ---- the gallery ----
if (fs.existsSync(path.join(dir, 'gallery', 'index.html'))) {
  const gdir = path.join(dir, 'gallery');
  const { page, context, log } = await open('gallery/index.html');
  const cells = col => page.evaluate(c => [...document.querySelectorAll('#lx-index tbody tr')]
    .map(r => r.querySelector('[data-col="' + c + '"]').dataset.sort), col);
  await check('gallery: sorting by a column orders the rows, again reverses them', async () => {
    await page.click('th[data-col="params"]');
    let v = (await cells('params')).map(Number);
    expect(v.length >= 3, 'rows: ' + v.length);
    expect(v.every((x, i) => i === 0 || v[i - 1] <= x), 'ascending: ' + v.join(','));
    await page.click('th[data-col="params"]');
    v = (await cells('params')).map(Number);
    expect(v.every((x, i) => i === 0 || v[i - 1] >= x), 'descending: ' + v.join(','));
    await page.click('th[data-col="name"]');
    const names = await cells('name');
    expect(names.every((x, i) => i === 0 || names[i - 1].localeCompare(x) <= 0), 'names: ' + names.join(','));
  });
  await check('gallery: every link and thumbnail is a file in the folder', async () => {
    const refs = await page.evaluate(() => [...document.querySelectorAll('a[href], img[src]')].map(e => e.getAttribute('href') || e.getAttribute('src')));
    expect(refs.length >= 6, 'refs: ' + refs.length);
    for (const r of refs) {
      expect(!/^[a-z]+:/i.test(r) && !r.startsWith('/'), 'not a relative link: ' + r);
      expect(fs.existsSync(path.join(gdir, decodeURIComponent(r))), 'missing: ' + r);
    }
  });
  await check('gallery: a row opens the model\'s page', async () => {
    const href = await page.locator('#lx-index tbody tr a').first().getAttribute('href');
    await page.locator('#lx-index tbody tr a').first().click();
    await page.waitForURL('**/' + href);
    expect(await page.locator('#lx-diagram').count() === 1, 'no diagram on ' + href);
    await page.goBack();
  });
  await check('gallery: the compare picker shows the differences of two models', async () => {
    const opts = await page.evaluate(() => [...document.querySelectorAll('#lx-cmp-a option')].map(o => o.value));
    await page.selectOption('#lx-cmp-a', opts[0]);
    await page.selectOption('#lx-cmp-b', opts[1]);
    const rows = await page.locator('#lx-cmp-table tr.lx-differs').count();
    expect(rows > 0, 'no differing rows');
  });
  await check('gallery: only its own files are loaded, console clean', async () =>
    expectQuiet(log, u => u.startsWith('file://' + gdir + '/')));
  await context.close();
  await screenshots('gallery/index.html', 'gallery');
}

await browser.close();
console.log(failures === 0 ? 'all browser checks passed' : failures + ' browser check(s) failed');
process.exit(failures);
