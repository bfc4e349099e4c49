// Parses each Mermaid file named on the command line with the mermaid package (the real
// parser GitHub renders with); prints "ok FILE TYPE" or "error FILE: MESSAGE" per file and
// exits 1 when any fails. Mermaid's sanitizer needs a DOM: jsdom provides one, offline.
import fs from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const r = await mermaid.parse(fs.readFileSync(file, 'utf8'));
    console.log(`ok ${file} ${r.diagramType}`);
  } catch (e) {
    console.log(`error ${file}: ${String(e.message || e).split('\n').join(' | ')}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
