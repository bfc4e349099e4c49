// Time to first paint of llmxray's HTML pages in headless chromium (bench/html.sh).
// usage: node bench/html_paint.mjs FILE.html...   (playwright-core from tests/browser/node_modules)
// For each file: the median over 5 fresh loads of first-contentful-paint and of the moment the
// page's script has finished (window.llmxray set: zoom, hover and search are usable), in ms
// from navigation start.
import path from 'node:path';
const { chromium } = await import(new URL('../tests/browser/node_modules/playwright-core/index.mjs', import.meta.url));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = v => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const file of process.argv.slice(2)) {
  const paint = [], ready = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto('file://' + path.resolve(file));
    await page.waitForFunction(() => window.llmxray !== undefined && performance.getEntriesByName('first-contentful-paint').length);
    const t = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      ready: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    }));
    paint.push(t.paint);
    ready.push(t.ready);
    await context.close();
  }
  console.log(`${path.basename(file)}: first paint ${median(paint).toFixed(0)} ms, script done ${median(ready).toFixed(0)} ms (median of 5)`);
}
await browser.close();
