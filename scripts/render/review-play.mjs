// Plays every flow of ArchCanvas review packs in jsdom, the way a reader would, and checks
// what the page shows. Usage: node review-play.mjs PACK.html...
// For each file: the player script is the only script and runs without error; no model text
// became an element (no <img>, no second <script>); every flow section starts at step 1;
// Next and the arrow keys move through every step, lighting exactly the step's connection
// (and dimming the rest) and showing its narration; Previous goes back; the ends stop.
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function play(file) {
  const errors = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e) => errors.push(String(e.message || e)));
  virtualConsole.on('error', (e) => errors.push(String(e)));
  const dom = new JSDOM(readFileSync(file, 'utf8'), { runScripts: 'dangerously', virtualConsole });
  const { document, KeyboardEvent } = dom.window;
  check(errors.length === 0, `script errors: ${errors.join('; ')}`);
  check(document.querySelectorAll('script').length === 1, 'more than one <script> element');
  check(document.querySelectorAll('img, iframe, object, embed, link').length === 0,
    'an element that loads something');
  const sections = [...document.querySelectorAll('section.flow')];
  let steps = 0;
  for (const section of sections) {
    const name = section.id;
    const items = [...section.querySelectorAll('ol.steps > li')];
    const svg = section.querySelector('figure svg');
    const next = section.querySelector('button.next');
    const prev = section.querySelector('button.prev');
    const narration = section.querySelector('.narration');
    const prefix = section.getAttribute('data-prefix');
    check(svg && next && prev && narration && items.length > 0, `${name}: player parts missing`);
    const expectAt = (i, how) => {
      const li = items[i];
      check(li.classList.contains('current'), `${name}: step ${i + 1} not current after ${how}`);
      check(section.querySelectorAll('ol.steps > li.current').length === 1,
        `${name}: more than one current step`);
      const text = li.querySelector('.text').textContent;
      check(narration.textContent === text,
        `${name}: narration ${JSON.stringify(narration.textContent)} at step ${i + 1}`);
      const id = li.getAttribute('data-connection');
      const line = document.getElementById(prefix + 'connection-' + id);
      check(line, `${name}: connection ${id} of step ${i + 1} is not in the picture`);
      check(line.classList.contains('current'), `${name}: ${id} not lit at step ${i + 1}`);
      const lit = [...svg.querySelectorAll('.connection.current')];
      check(lit.length === 1, `${name}: ${lit.length} connections lit at step ${i + 1}`);
      check(svg.classList.contains('playing'), `${name}: the rest is not dimmed`);
      for (const end of [li.getAttribute('data-from'), li.getAttribute('data-to')]) {
        const el = document.getElementById(prefix + 'component-' + end);
        check(el && el.classList.contains('current'), `${name}: end ${end} not lit`);
      }
    };
    expectAt(0, 'loading');
    check(prev.disabled, `${name}: Previous enabled at the first step`);
    // Focus the section so the arrow keys drive this player.
    next.focus();
    for (let i = 1; i < items.length; i++) {
      if (i % 2 === 1) next.click();
      else document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      expectAt(i, i % 2 === 1 ? 'Next' : 'ArrowRight');
    }
    check(next.disabled, `${name}: Next enabled at the last step`);
    next.click();
    expectAt(items.length - 1, 'Next at the end');
    prev.click();
    if (items.length > 1) expectAt(items.length - 2, 'Previous');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    if (items.length > 2) expectAt(items.length - 3, 'ArrowLeft');
    items[0].click();
    expectAt(0, 'clicking the first step');
    steps += items.length;
  }
  return `${sections.length} flows, ${steps} steps`;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    console.log(`review pack ok: ${file} (${play(file)})`);
  } catch (error) {
    failed += 1;
    console.error(`review pack FAILED ${file}: ${error.message}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
