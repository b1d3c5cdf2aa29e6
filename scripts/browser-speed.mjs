#!/usr/bin/env node
// Reader speed, measured in headless Chromium against a built site:
//  - time from navigation start to an interactive search box (the app is
//    mounted and the index loaded: the first result count is shown);
//  - keystroke → results painted, p50/p95, while typing a 12-character
//    query one character at a time (each keystroke is an `input` event in
//    the page, dispatched as its own task a few ms after a frame, as real
//    key events arrive; "painted" = the first frame rendered after the
//    results for that exact prefix are in the DOM, measured to the task
//    that follows that frame's rendering). That wall time includes the wait
//    for the display's next frame (0–16.7 ms at 60 Hz, wherever the key
//    fell in the refresh cycle), which no page can shorten; so the
//    keystroke's own work (its task until the results are in the DOM, plus
//    the rendering of the frame that shows them) is printed beside it.
//
//   node scripts/browser-speed.mjs [--site site] [--runs 5] [--query "border secur"] [--each]
//   (--each: the work of every keystroke, prefix by prefix)
//
// Wall-clock figures depend on how busy the machine is; the main thread's
// CPU time (Chromium's TaskDuration metric) is printed beside them as a
// load-independent check.
//
// Needs a built site (bash scripts/build-site.sh) and /usr/bin/chromium.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/support/serve.mjs';
import { launchBrowser } from '../tests/e2e/support/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const site = path.resolve(root, opt('site', 'site'));
const runs = Number(opt('runs', '5'));
const query = opt('query', 'border secur');
if (query.length !== 12) console.warn(`note: the query has ${query.length} characters, not 12`);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await startServer({ root: site, port: 0 });
const browser = await launchBrowser();
const tti = [];
const fcp = [];
const keys = [];
const work = [];
const byPrefix = new Map();
const startCpu = [];
const keyCpu = [];
try {
  // One load that is not counted: the test server compresses each file on
  // its first request and keeps the result, as a static host serves files
  // compressed ahead of time; the timed loads should not pay for that.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('html[data-app] #result-count').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2500);
    await context.close();
  }
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    // The page notes the moment itself (checked once per frame, as the
    // page renders): Playwright's waitForFunction would first inject its
    // selector engine, tens of milliseconds of script on the main thread
    // in the middle of the start-up being timed. Node asks over the
    // DevTools protocol, which runs no script of Playwright's in the page.
    await page.addInitScript(() => {
      const check = () => {
        // The app marks the root once it shows results of its own (its
        // first render adopts index.html's first page: the box and a count
        // are there before it runs).
        const box = document.querySelector('html[data-app] input#search');
        const count = document.querySelector('#result-count');
        if (box && !box.disabled && count && count.textContent.trim() !== '') window.__interactiveAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await page.goto(server.url, { waitUntil: 'commit' });
    const started = Date.now();
    for (;;) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__interactiveAt', returnByValue: true });
      if (typeof result.value === 'number') {
        tti.push(result.value);
        break;
      }
      if (Date.now() - started > 30_000) throw new Error('the search box did not become interactive within 30 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    // When the page (index.html's static shell: header and search box)
    // first painted; typing there works before the app runs, but results
    // need the app, so "interactive" above is the figure that counts.
    fcp.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    startCpu.push((await taskSeconds()) * 1000);
    // Let start-up work that is not the search finish (the service worker
    // registers a second after the first results, then precaches), so
    // keystrokes are timed on their own.
    await page.waitForTimeout(2500);

    const cpuBefore = await taskSeconds();
    const samples = await page.evaluate(async (q) => {
      const box = document.querySelector('input#search');
      box.focus();
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      // Resolves with the time the results for `prefix` were in the DOM.
      const shown = (prefix) =>
        new Promise((resolve) => {
          const done = () => document.querySelector('#result-count')?.dataset.query === prefix;
          if (done()) return resolve(performance.now());
          const obs = new MutationObserver(() => {
            if (done()) {
              obs.disconnect();
              resolve(performance.now());
            }
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        });
      // The rendering of the next frame: [its start, the task after it]
      // (the frame's rendering steps run between the animation-frame
      // callback and a task posted from it: the usual "after next paint").
      const nextFrameSpan = () =>
        new Promise((resolve) =>
          requestAnimationFrame(() => {
            const start = performance.now();
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve([start, performance.now()]);
            ch.port2.postMessage(null);
          }),
        );
      const out = [];
      for (let i = 1; i <= q.length; i++) {
        const prefix = q.slice(0, i);
        // A key press arrives as a task of its own at any point of a frame
        // (browsers do not align key events to frames): start each one a
        // different few milliseconds after a frame, never inside one.
        await frame();
        await sleep((i * 7) % 13);
        const t0 = performance.now();
        box.value = prefix;
        box.dispatchEvent(new InputEvent('input', { bubbles: true, data: q[i - 1], inputType: 'insertText' }));
        const inDom = await shown(prefix);
        const [frameStart, painted] = await nextFrameSpan();
        out.push({
          wall: painted - t0,
          // The keystroke's own work: until the results are in the DOM,
          // plus the rendering of the frame that shows them; not the wait
          // for that frame, which depends on where in the display's
          // refresh cycle the key arrived.
          work: inDom - t0 + (painted - frameStart),
        });
      }
      return out;
    }, query);
    // The first run's cold term-chunk fetches are part of what a visitor sees.
    keys.push(...samples.map((x) => x.wall));
    work.push(...samples.map((x) => x.work));
    samples.forEach((x, i) => byPrefix.set(i, [...(byPrefix.get(i) ?? []), x.work]));
    keyCpu.push((((await taskSeconds()) - cpuBefore) * 1000) / samples.length);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`site: ${site}, ${runs} runs, query "${query}" (${query.length} chars)`);
console.log(`time to interactive search box: p50 ${ms(pct(tti, 50))}, p95 ${ms(pct(tti, 95))}, min ${ms(Math.min(...tti))}`);
console.log(`  first contentful paint (page shell): p50 ${ms(pct(fcp, 50))}`);
console.log(`  main-thread CPU until then: p50 ${ms(pct(startCpu, 50))}`);
console.log(`keystroke → results painted (${keys.length} keystrokes): p50 ${ms(pct(keys, 50))}, p95 ${ms(pct(keys, 95))}, max ${ms(Math.max(...keys))}`);
console.log(`  of which the keystroke's work (until in the DOM + that frame's rendering): p50 ${ms(pct(work, 50))}, p95 ${ms(pct(work, 95))}, max ${ms(Math.max(...work))}`);
if (args.includes('--each')) {
  for (const [i, xs] of byPrefix) console.log(`  "${query.slice(0, i + 1)}": work ${xs.map((x) => x.toFixed(1)).join(', ')} ms`);
}
console.log(`  main-thread CPU per keystroke (mean over each run): p50 ${ms(pct(keyCpu, 50))}, max ${ms(Math.max(...keyCpu))}`);
console.log(`machine load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
