#!/usr/bin/env node
// Search as you type at 100,000 documents, ours against Pagefind, in one
// Chromium run (issue 13, item 5):
//
//   node bench/typing.mjs [--site <our built site>] [--words a,b,c] [--out <result.json>]
//
// A visitor opens the search page, clicks the box and types a word one letter
// every 80 ms. Ours: the reader at the site root over the 100,000 GCIDE
// entries (bench/data/gcide); Pagefind 1.6: its default UI (PagefindUI, as its
// docs show it) on a one-line page beside the index it builds of the same
// entries, one HTML page each (bench/prepare.mjs's writePagefindSite). Each
// word is a fresh page load in a new browser context (cold cache), and the
// tools take turns word by word, so a burst of load from another process
// hits both alike. Figures per load:
//   - code (js, wasm, css, html) transferred, gzip, from page load to idle;
//   - index data (everything else) transferred before the first key
//     ("start-up") and from the click into the box until the network is idle
//     after the results show ("while typing"), gzip;
//   - requests while typing (as the server saw them) and which key each
//     followed;
//   - last key → results shown: from the last key's event time (when the
//     browser received it, so time queued behind a busy page counts) to the
//     end of the rendering of the first frame that shows the results for the
//     whole word.
// The table gives the median over the words; each row of JSON is in
// bench/out/results/typing.json.
//
// Without --site it builds our site with the release build-index (the
// snapshot scripts/bench.sh made, else target/release/build-index;
// BUILD_INDEX=<binary> picks one) and the reader app in dist/ (built with
// Trunk as scripts/build-site.sh does when older than its sources;
// BENCH_APP_DIR=<dir> uses another). Pagefind's index is reused from
// bench/out/pagefind/gcide when it is newer than its pages, else rebuilt.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { percentile, readJsonl, walkFiles, writeResult } from './lib.mjs';
import { buildPagefind } from './pagefind.mjs';
import { CHROMIUM_ARGS } from './serve.mjs';
import { contentType } from '../tests/e2e/support/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const CORPUS = 'gcide';
const corpusDir = path.join(here, 'data', CORPUS);
const corpusFile = path.join(corpusDir, `${CORPUS}.jsonl`);

// Headwords of the corpus, 6–10 letters, spread over the part of the
// alphabet the first 100,000 GCIDE entries cover (a–s); fixed so runs compare.
const DEFAULT_WORDS = ['blanket', 'carpenter', 'elephant', 'gardener', 'harvest', 'lantern', 'orchestra'];
const KEY_GAP_MS = 80;
// "Idle": no request in flight and none for this long. Long enough for a
// fetch a finished search starts late (the doc chunks of the last results)
// to count, short enough to keep the run a few minutes.
const QUIET_MS = 1000;
const TIMEOUT_MS = 60_000;

async function main() {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const words = opt('words') ? opt('words').split(',').map((w) => w.trim()).filter(Boolean) : DEFAULT_WORDS;
  // Keys are sent as US-keyboard letter keys (see sendKeys).
  const bad = words.filter((w) => !/^[a-z]+$/.test(w));
  if (bad.length || !words.length) {
    console.error(`typing: --words takes lowercase a–z words, comma-separated (got ${bad.join(', ') || 'none'})`);
    process.exit(2);
  }
  const outFile = path.resolve(opt('out') ?? path.join(here, 'out', 'results', 'typing.json'));

  const docs = corpusDocs();
  const titles = new Set(docs.map((d) => d.title.toLowerCase()));
  const notHeadwords = words.filter((w) => !titles.has(w));
  if (notHeadwords.length) console.error(`typing: note: not a headword of the corpus: ${notHeadwords.join(', ')}`);

  const oursSite = opt('site') ? path.resolve(opt('site')) : buildOurs();
  for (const f of ['index.html', 'index/manifest.json']) {
    if (!fs.existsSync(path.join(oursSite, f))) throw new Error(`${oursSite}/${f} is missing: not a site build-index wrote`);
  }
  const oursDocs = JSON.parse(fs.readFileSync(path.join(oursSite, 'index', 'manifest.json'), 'utf8')).doc_count;
  const pfRoot = pagefindSite(docs);

  console.error(`typing: serving ${oursSite} and ${pfRoot}`);
  const servers = {
    ours: await countingServer(oursSite),
    pagefind: await countingServer(pfRoot),
  };
  // Compress our index ahead, as a host serving precompressed files has it,
  // so no chunk's compression is timed; it also sizes the offline precache.
  servers.ours.prewarm(['', 'index']);
  servers.pagefind.prewarm(['', 'pagefind']);
  const precache = servicePrecache(oursSite, servers.ours);

  const TOOLS = {
    ours: { url: `${servers.ours.base}/`, box: 'html[data-app] input#search' },
    pagefind: { url: `${servers.pagefind.base}/typing.html`, box: '.pagefind-ui__search-input' },
  };

  const loadStart = os.loadavg();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const rows = [];
  try {
    // One uncounted load per tool: the first start of a renderer, and the
    // disk reads of the files, would otherwise fall on the first word only.
    for (const tool of Object.keys(TOOLS)) await typeWord(browser, tool, TOOLS[tool], servers[tool], words[0]);
    for (const word of words) {
      for (const tool of Object.keys(TOOLS)) {
        const r = await typeWord(browser, tool, TOOLS[tool], servers[tool], word);
        rows.push(r);
        console.error(
          `  ${tool.padEnd(8)} ${word.padEnd(10)} ${Math.round(r.latency_ms)} ms, ${kb(r.typing_index_gz)} index while typing, ` +
            `${r.typing_requests} requests (${r.result_text})`,
        );
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }

  const summary = {};
  for (const tool of Object.keys(TOOLS)) {
    const rs = rows.filter((r) => r.tool === tool);
    const med = (k) => percentile(rs.map((r) => r[k]), 50);
    summary[tool] = {
      code_gz: med('code_gz'),
      wasm_gz: med('wasm_gz'),
      startup_index_gz: med('startup_index_gz'),
      startup_requests: med('startup_requests'),
      typing_index_gz: med('typing_index_gz'),
      typing_requests: med('typing_requests'),
      ready_ms: med('ready_ms'),
      latency_ms: med('latency_ms'),
      latency_min_ms: Math.min(...rs.map((r) => r.latency_ms)),
      latency_max_ms: Math.max(...rs.map((r) => r.latency_ms)),
    };
  }
  const result = {
    corpus: CORPUS,
    docs: oursDocs,
    pagefind_docs: docs.length,
    words,
    key_gap_ms: KEY_GAP_MS,
    quiet_ms: QUIET_MS,
    at: new Date().toISOString(),
    commit: gitCommit(),
    chromium: browser.version(),
    cpus: os.cpus().length,
    loadavg_start: loadStart,
    loadavg_end: os.loadavg(),
    ours_site: oursSite,
    pagefind_root: pfRoot,
    service_worker_precache: precache,
    summary,
    per_word: rows,
  };
  writeResult(outFile, result);
  console.log(typingTable(result).join('\n'));
  console.error(`typing: wrote ${path.relative(process.cwd(), outFile)}`);
}

// One visit: load, wait until the box is ready and the network idle, click
// the box, type `word`, wait for its results and for idle again.
async function typeWord(browser, tool, { url, box }, server, word) {
  // No service worker: ours registers one a second after start-up that
  // precaches the whole index for offline use (not search as you type; its
  // size is reported apart, see servicePrecache), and a precache racing the
  // keystrokes would make the bytes depend on timing.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    // What the page itself asked for while typing (the server's count
    // leaves out anything the browser's cache answered).
    let phase = 'startup';
    const pageRequests = [];
    context.on('request', (req) => {
      if (phase === 'typing') pageRequests.push(req.url());
    });
    await page.addInitScript(instrument, { tool });
    server.reset();
    await page.goto(url, { waitUntil: 'commit' });
    const readyMs = await inPage(page, () => window.__typing.ready);
    await server.idle(QUIET_MS, TIMEOUT_MS);

    // Armed before the first key, so the moment the results show is caught
    // by the page itself and not by a later poll.
    await page.evaluate((w) => {
      window.__typing.pending = window.__typing.watch(w);
    }, word);
    server.phase = phase = 'typing';
    await page.locator(box).click();
    const keySent = await sendKeys(context, page, word);
    const shown = await inPage(page, () => window.__typing.pending);
    const lastShownAt = performance.now();
    await server.idle(QUIET_MS, TIMEOUT_MS);
    phase = 'done';

    const keys = await page.evaluate(() => window.__typing.keys);
    if (keys.length !== word.length) throw new Error(`${tool} "${word}": the page saw ${keys.length} keys, not ${word.length}`);
    const last = keys[keys.length - 1];
    const log = server.log;
    const sum = (xs) => xs.reduce((s, e) => s + e.bytes, 0);
    const code = log.filter((e) => isCode(e.path));
    const startupIndex = log.filter((e) => e.phase === 'startup' && !isCode(e.path));
    const typing = log.filter((e) => e.phase === 'typing');
    // Which key each request followed, by when it reached the server
    // (index 0: after the click, before the first key). A page that falls
    // behind starts one key's fetches after the next key arrived, so this
    // is a timeline, not a cost per key.
    const perKey = Array(word.length + 1).fill(0);
    for (const e of typing) perKey[keySent.filter((t) => t <= e.t).length]++;
    return {
      tool,
      word,
      code_gz: sum(code),
      wasm_gz: sum(code.filter((e) => isWasm(e.path))),
      startup_index_gz: sum(startupIndex),
      startup_requests: log.filter((e) => e.phase === 'startup').length,
      typing_index_gz: sum(typing.filter((e) => !isCode(e.path))),
      typing_code_gz: sum(typing.filter((e) => isCode(e.path))),
      typing_requests: typing.length,
      page_typing_requests: pageRequests.length,
      // Asked for again after the first request for the same file (the
      // browser's cache answers those once the first has arrived).
      page_repeat_requests: pageRequests.length - new Set(pageRequests).size,
      requests_after_key: perKey,
      late_requests: typing.filter((e) => e.t > lastShownAt).length,
      ready_ms: readyMs,
      latency_ms: shown.painted - last.ts,
      in_dom_ms: shown.inDom - last.ts,
      // The keys as the page saw them: a gap far above 80 ms or a long
      // queue means the page was too busy to take them in time.
      key_gap_max_ms: Math.max(0, ...keys.slice(1).map((k, i) => k.ts - keys[i].ts)),
      // The same on the sending side: tells this script's own timer jitter
      // apart from the browser's.
      send_gap_max_ms: Math.max(0, ...keySent.slice(1).map((t, i) => t - keySent[i])),
      key_queue_max_ms: Math.max(...keys.map((k) => k.handled - k.ts)),
      result_text: shown.text,
      typing_files: typing.map((e) => e.path),
    };
  } finally {
    await context.close().catch(() => {});
  }
}

// Letter keys one every KEY_GAP_MS, the first one gap after the click, as
// the same DevTools command Playwright's keyboard.press uses; but each is
// sent on time without waiting for the page to handle the previous one
// (a keyboard does not wait for the page either; Chromium answers the
// command only once the renderer has taken the event). Returns when each key
// was sent, on this process's clock.
async function sendKeys(context, page, word) {
  const cdp = await context.newCDPSession(page);
  const start = performance.now();
  const sent = [];
  const replies = [];
  for (let i = 0; i < word.length; i++) {
    const due = start + KEY_GAP_MS * (i + 1);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const c = word[i];
    const key = { key: c, code: `Key${c.toUpperCase()}`, windowsVirtualKeyCode: c.toUpperCase().charCodeAt(0) };
    sent.push(performance.now());
    replies.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: c, unmodifiedText: c }));
    replies.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
  }
  await Promise.all(replies);
  await cdp.detach();
  return sent;
}

// Runs in the page before its own scripts. Notes every key's time and, once
// per frame, when the search box is ready; `watch(word)` resolves when the
// results for `word` are in the DOM and painted. Checked by the page itself
// (a mutation observer, a frame loop), so nothing polls from outside while
// a key is being handled.
function instrument({ tool }) {
  const T = (window.__typing = { keys: [] });
  addEventListener(
    'keydown',
    (e) => T.keys.push({ ts: e.timeStamp, handled: performance.now() }),
    true,
  );
  const q = (s) => document.querySelector(s);
  const ready =
    tool === 'ours'
      ? // The app's combobox (index.html's static box comes first) and its first results.
        () => q('html[data-app] input#search') && q('#result-count')?.textContent.trim()
      : () => q('.pagefind-ui__search-input:not([disabled])');
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const shown =
    tool === 'ours'
      ? // The count and the list both say which query they answer; cards
        // arrive with their snippets in the same render.
        (w) => {
          const count = q('#result-count');
          if (count?.dataset.query !== w) return null;
          const text = count.textContent.trim();
          return text === 'No results' || (q('#results')?.dataset.query === w && q('#results .result')) ? text : null;
        }
      : // "N results for <word>", and every listed result has its fragment
        // (title, excerpt) rather than a loading placeholder.
        (w) => {
          const msg = q('.pagefind-ui__message')?.textContent.trim() ?? '';
          if (!new RegExp(`^([\\d,.\\s]+ results?|No results) for ${escape(w)}$`).test(msg)) return null;
          if (msg.startsWith('No results')) return msg;
          return q('.pagefind-ui__results .pagefind-ui__result') && !q('.pagefind-ui__results .pagefind-ui__loading') ? msg : null;
        };
  T.ready = new Promise((resolve) => {
    const check = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
  // The task after the next frame's rendering: the usual "after next paint".
  const painted = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(null);
      }),
    );
  T.watch = (w) =>
    new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        const text = shown(w);
        if (text == null) return;
        const inDom = performance.now();
        obs.disconnect();
        painted().then((p) => resolve({ inDom, painted: p, text }));
      });
      obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    });
}

// Awaits a promise the page holds, with a timeout that names what hung.
async function inPage(page, fn) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting in ${page.url()}: ${fn}`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([page.evaluate(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Code is what a page runs or styles itself with; Pagefind's wasm is stored
// as wasm.<lang>.pagefind. The rest (our index/, Pagefind's entry, meta,
// index chunks and fragments) is index data.
const isWasm = (p) => /\.wasm$|\/wasm\.[^/]*\.pagefind$/.test(p);
const isCode = (p) => isWasm(p) || /\.(m?js|css|html?)$|\/$/.test(p);

// A static server that sends every file gzip-compressed when that is
// smaller (level 6, as lib.mjs's gz counts it), or as stored when the file
// is gzip already (Pagefind's), and logs each response: path, bytes sent,
// phase, time. Bodies are kept in memory once made, so a response costs no
// compression and no disk read in the middle of a keystroke.
async function countingServer(root) {
  const bodies = new Map();
  const body = (rel) => {
    let b = bodies.get(rel);
    if (b) return b;
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return null;
    const raw = fs.readFileSync(file);
    const stored = raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b;
    const z = stored ? null : zlib.gzipSync(raw, { level: 6 });
    b = z && z.length < raw.length ? { bytes: z, gzip: true, type: contentType(file) } : { bytes: raw, gzip: false, type: contentType(file) };
    bodies.set(rel, b);
    return b;
  };
  const state = { log: [], inFlight: 0, last: performance.now(), phase: 'startup' };
  const server = http.createServer((req, res) => {
    const t = performance.now();
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const b = body(path.normalize(rel));
    state.inFlight++;
    res.on('close', () => {
      state.inFlight--;
      state.last = performance.now();
    });
    if (!b) {
      res.writeHead(404).end();
      state.log.push({ path: url.pathname, bytes: 0, status: 404, phase: state.phase, t });
      return;
    }
    const headers = { 'content-type': b.type, 'content-length': b.bytes.length, 'cache-control': 'public, max-age=3600' };
    if (b.gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers).end(b.bytes);
    state.log.push({ path: url.pathname, bytes: b.bytes.length, status: 200, phase: state.phase, t });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    get log() {
      return state.log;
    },
    set phase(p) {
      state.phase = p;
    },
    reset() {
      state.log = [];
      state.phase = 'startup';
    },
    // Makes the bodies of every file directly in each folder (relative to
    // the root) ahead of the first request.
    prewarm(dirs) {
      for (const d of dirs) {
        for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) if (e.isFile()) body(path.join('/', d, e.name));
      }
    },
    sizeOf: (rel) => body(path.join('/', rel))?.bytes.length ?? null,
    idle: async (quiet, timeout) => {
      const t0 = performance.now();
      while (state.inFlight > 0 || performance.now() - state.last < quiet) {
        if (performance.now() - t0 > timeout) throw new Error(`the network was not idle within ${timeout} ms (${state.inFlight} in flight)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(r);
      }),
  };
}

// What our service worker downloads in the background after start-up (its
// PRECACHE list, gzip as served), left out of the typing figures above.
function servicePrecache(site, server) {
  const sw = path.join(site, 'sw.js');
  if (!fs.existsSync(sw)) return null;
  const list = /const PRECACHE = \[([\s\S]*?)\];/.exec(fs.readFileSync(sw, 'utf8'));
  if (!list) return null;
  const files = [...list[1].matchAll(/["']([^"']*)["']/g)].map((m) => m[1] || 'index.html');
  const index = files.filter((f) => f.startsWith('index/'));
  return {
    files: files.length,
    index_files: index.length,
    gz: files.reduce((s, f) => s + (server.sizeOf(f) ?? 0), 0),
    index_gz: index.reduce((s, f) => s + (server.sizeOf(f) ?? 0), 0),
  };
}

function corpusDocs() {
  if (!fs.existsSync(corpusFile)) {
    // As scripts/bench.sh prepares the corpora (needs bench/node_modules
    // and Debian's dict-gcide).
    console.error('typing: preparing the corpora (bench/prepare.mjs)');
    const r = spawnSync(process.execPath, [path.join(here, 'prepare.mjs')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('bench/prepare.mjs failed');
  }
  return readJsonl(corpusFile);
}

// Builds our site from the corpus into bench/out/typing/ours-gcide.
function buildOurs() {
  const snapshot = path.join(here, 'out', 'bin', 'build-index');
  const bin = process.env.BUILD_INDEX || (fs.existsSync(snapshot) ? snapshot : path.join(repo, 'target', 'release', 'build-index'));
  if (!fs.existsSync(bin)) throw new Error(`${bin} not found: cargo build --release -p build-index (or BUILD_INDEX=<binary>)`);
  const app = readerApp();
  // build-index reads ./archive.toml when there is one: run it from an
  // empty folder, so the seeds' settings in the repository root do not apply
  // to GCIDE. Copying the binary there also keeps a cargo build running
  // meanwhile (target/ is shared) from swapping it mid-run.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'typing-'));
  try {
    fs.copyFileSync(bin, path.join(tmp, 'build-index'));
    fs.chmodSync(path.join(tmp, 'build-index'), 0o755);
    const site = path.join(here, 'out', 'typing', `ours-${CORPUS}`);
    fs.mkdirSync(path.dirname(site), { recursive: true });
    console.error(`typing: build-index ${path.relative(repo, corpusDir)} -o ${path.relative(repo, site)} --app ${app}`);
    const t0 = performance.now();
    const r = spawnSync(path.join(tmp, 'build-index'), [corpusDir, '-o', site, '--app', app, '--json'], { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 });
    // 2 = built, with something to look at (named on stderr).
    if (r.status !== 0 && r.status !== 2) throw new Error(`build-index failed (${r.status}):\n${r.stderr}`);
    console.error(`typing: built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return site;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// The reader app Trunk built (dist/), rebuilt the way scripts/build-site.sh
// does when any of its sources is newer.
function readerApp() {
  if (process.env.BENCH_APP_DIR) return path.resolve(process.env.BENCH_APP_DIR);
  const dist = path.join(repo, 'dist');
  const built = fs.statSync(path.join(dist, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ['src', 'engine/src', 'styles', 'index.html', 'Trunk.toml', 'Cargo.lock']
    .map((p) => path.join(repo, p))
    .filter((p) => fs.existsSync(p))
    .flatMap((p) => (fs.statSync(p).isDirectory() ? walkFiles(p) : [p]));
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (built > newest) return dist;
  console.error('typing: dist/ is missing or older than the reader sources: trunk build --release');
  const r = spawnSync('bash', ['-c', 'source scripts/env.sh && cd "$ROOT" && trunk build --release'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('trunk build --release failed');
  return dist;
}

// Pagefind's index of one page per entry, with a page for its default UI.
function pagefindSite(docs) {
  const root = path.join(here, 'out', 'pagefind', CORPUS);
  const pages = path.join(here, 'data', 'pagefind', CORPUS, '.complete');
  const entry = path.join(root, 'pagefind', 'pagefind-entry.json');
  const fresh =
    fs.existsSync(pages) &&
    fs.readFileSync(pages, 'utf8') === String(docs.length) &&
    fs.existsSync(entry) &&
    fs.statSync(entry).mtimeMs > fs.statSync(pages).mtimeMs;
  if (fresh) {
    console.error(`typing: reusing Pagefind's index in ${path.relative(repo, root)}`);
  } else {
    console.error('typing: building Pagefind\'s index (one page per entry)');
    buildPagefind(CORPUS, docs);
  }
  // The setup Pagefind's documentation gives for its default UI.
  fs.writeFileSync(
    path.join(root, 'typing.html'),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
</head>
<body>
<div id="search"></div>
<script>
  window.addEventListener('DOMContentLoaded', () => {
    new PagefindUI({ element: '#search', showSubResults: true });
  });
</script>
</body>
</html>
`,
  );
  return root;
}

function gitCommit() {
  const r = spawnSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// As bench/report.mjs writes sizes (1 KB = 1000 bytes).
const kb = (b) => (b == null ? '–' : b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${Math.round(b / 1e3)} KB`);
const msf = (v) => `${Math.round(v)} ms`;
const ratio = (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(2)}×`);

// The tables, as Markdown lines (bench/report.mjs prints them too).
export function typingTable(r) {
  const o = r.summary.ours;
  const p = r.summary.pagefind;
  const out = [];
  const table = (header, rows) => {
    const cells = [header, ...rows];
    const w = header.map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
    const line = (c) => `| ${c.map((x, i) => (i === 0 ? String(x).padEnd(w[i]) : String(x).padStart(w[i]))).join(' | ')} |`;
    out.push(line(header), `|${w.map((x, i) => (i === 0 ? ':' : '') + '-'.repeat(x + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(line), '');
  };
  out.push(
    `### Search as you type: ${r.docs.toLocaleString('en')} GCIDE entries in Chromium, median of ${r.words.length} words`,
    '',
    `Words (one letter every ${r.key_gap_ms} ms, each a fresh page load): ${r.words.join(', ')}. ` +
      `Run of ${r.at.slice(0, 16).replace('T', ' ')} UTC at commit ${r.commit ?? '?'}, Chromium ${r.chromium}; ` +
      `load average ${r.loadavg_start.map((x) => x.toFixed(1)).join(' / ')} at start, ${r.loadavg_end.map((x) => x.toFixed(1)).join(' / ')} at end (${r.cpus} CPUs).`,
    '',
  );
  table(
    ['', 'ours', 'Pagefind', 'ours/Pagefind'],
    [
      ['code (js, wasm, css, html), gzip', `${kb(o.code_gz)} (wasm ${kb(o.wasm_gz)})`, `${kb(p.code_gz)} (wasm ${kb(p.wasm_gz)})`, ratio(o.code_gz, p.code_gz)],
      [
        'index data fetched while typing, gzip',
        `${kb(o.typing_index_gz)} (+${kb(o.startup_index_gz)} at start-up)`,
        `${kb(p.typing_index_gz)} (+${kb(p.startup_index_gz)} at start-up)`,
        ratio(o.typing_index_gz, p.typing_index_gz),
      ],
      ['requests while typing', String(o.typing_requests), String(p.typing_requests), ratio(o.typing_requests, p.typing_requests)],
      [
        'last key → results shown',
        `${msf(o.latency_ms)} (${Math.round(o.latency_min_ms)}–${Math.round(o.latency_max_ms)})`,
        `${msf(p.latency_ms)} (${Math.round(p.latency_min_ms)}–${Math.round(p.latency_max_ms)})`,
        ratio(o.latency_ms, p.latency_ms),
      ],
      ['page load → search box ready', msf(o.ready_ms), msf(p.ready_ms), ratio(o.ready_ms, p.ready_ms)],
    ],
  );
  out.push(
    '"While typing": from the click into the box until no request for ' +
      `${r.quiet_ms / 1000} s after the results show; code counts from page load. Latency: median (min–max) over the words, ` +
      'from the last key to the first frame painted with the results for the whole word (ours: the cards with snippets; ' +
      'Pagefind: "N results for <word>" with every listed result filled in). Service workers are off.',
    '',
  );
  if (r.service_worker_precache) {
    const s = r.service_worker_precache;
    out.push(
      `Not counted above: our service worker, registered a second after start-up, precaches ${s.files.toLocaleString('en')} files, ` +
        `${kb(s.gz)} gzip (${s.index_files.toLocaleString('en')} index files, ${kb(s.index_gz)}), for offline use.`,
      '',
    );
  }
  table(
    ['word', 'tool', 'last key → shown', 'index while typing', 'start-up index', 'code', 'requests (page)', 'requests after each key', 'results'],
    r.per_word.map((w) => [
      w.word,
      w.tool === 'ours' ? 'ours' : 'Pagefind',
      msf(w.latency_ms),
      kb(w.typing_index_gz),
      kb(w.startup_index_gz),
      kb(w.code_gz),
      `${w.typing_requests} (${w.page_typing_requests})`,
      w.requests_after_key.join(' '),
      w.result_text,
    ]),
  );
  const gap = Math.max(...r.per_word.map((w) => w.key_gap_max_ms));
  const queue = Math.max(...r.per_word.map((w) => w.key_queue_max_ms));
  out.push(
    '"requests after each key": by arrival at the server, the first figure after the click and before the first key; "(page)": requests the page made, ' +
      `cache hits included. Keys as the pages saw them: widest gap ${msf(gap)} (sent every ${r.key_gap_ms} ms), ` +
      `longest wait before a key was handled ${msf(queue)}.`,
    '',
  );
  return out;
}

// Last, so every constant above is initialised when main runs.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
