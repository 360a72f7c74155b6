// Parses Mermaid diagrams with Mermaid's own parser, under jsdom (Mermaid expects a DOM).
// Usage: node mermaid-parse.mjs FILE...  — .mmd files whole, .md files by their ```mermaid
// blocks. Prints one line per diagram and exits 1 if any fails to parse. Files named
// *.seq.mmd must be sequence diagrams (a flow's), every other diagram a flowchart.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ['DOMParser', 'Element', 'HTMLElement', 'Node', 'SVGElement', 'navigator']) {
  if (!(name in globalThis)) globalThis[name] = dom.window[name];
}
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

function diagramsOf(file) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.md')) return [text];
  const blocks = [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0) throw new Error('no ```mermaid block');
  return blocks;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    for (const diagram of diagramsOf(file)) {
      const result = await mermaid.parse(diagram);
      const expected = file.endsWith('.seq.mmd') ? 'sequence' : 'flowchart';
      if (!result || !String(result.diagramType).startsWith(expected)) {
        throw new Error(`parsed as ${result && result.diagramType}, not a ${expected}`);
      }
    }
    console.log(`mermaid ok: ${file}`);
  } catch (error) {
    failed += 1;
    console.error(`mermaid REJECTED ${file}: ${String(error.message || error).slice(0, 2000)}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
