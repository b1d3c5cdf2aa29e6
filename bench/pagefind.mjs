// Runs Pagefind on one corpus:
//   node pagefind.mjs <corpus-name> <docs.jsonl> <queries.txt> <out.json>
// (buildPagefind and pagefindTop are also used by bench/relevance/peers.mjs,
// which needs each query's ranked pages rather than timings.)
// Build: the native binary shipped in the npm package indexes one generated
// HTML page per document (the page writing is not timed). Fetch bytes and
// latency: headless Chromium loads Pagefind's own JS API from a local server;
// every request is recorded and classified by what it is (start-up metadata,
// index chunks, result fragments, app code).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { writePagefindSite } from './prepare.mjs';
import { gzSizeOfFile, percentile, readJsonl, readQueries, walkFiles, writeResult } from './lib.mjs';
import { CHROMIUM_ARGS, serve } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

// Writes one HTML page per document (bench/data/pagefind/<corpus>/<i/1000>/<i>.html)
// and indexes it with the native binary under GNU time; returns where the
// index is and what the build cost.
export function buildPagefind(corpus, docs) {
  const site = writePagefindSite(corpus, docs);
  const root = path.join(here, 'out', 'pagefind', corpus);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const bin = path.join(here, 'node_modules', '.bin', 'pagefind');
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', bin, '--site', site, '--output-path', path.join(root, 'pagefind')], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const timeLine = (run.stderr || '').split('\n').find((l) => l.startsWith('TIME '));
  if (run.status !== 0 || !timeLine) {
    console.error(run.stdout, run.stderr);
    throw new Error(`pagefind failed with status ${run.status}`);
  }
  const [, secs, maxKb] = timeLine.split(' ');
  fs.writeFileSync(path.join(root, 'bench.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>\n');
  return { root, pfDir: path.join(root, 'pagefind'), secs, maxKb };
}

// The first k results of every query, as document numbers (the page
// writePagefindSite wrote for docs[i] is /<i/1000>/<i>.html), from Pagefind's
// own JS API in headless Chromium, one page for all queries.
export async function pagefindTop(root, queries, k = 10) {
  const { server, base } = await serve(root);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/bench.html`);
    return await page.evaluate(
      async ([qs, k]) => {
        const pf = await import('/pagefind/pagefind.js');
        await pf.init();
        const out = [];
        for (const q of qs) {
          const s = await pf.search(q);
          const top = await Promise.all(s.results.slice(0, k).map((r) => r.data()));
          out.push(top.map((d) => Number(/(\d+)\.html$/.exec(d.url)[1])));
        }
        return out;
      },
      [queries, k],
    );
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

async function main() {
  const [corpus, docsFile, queriesFile, outFile] = process.argv.slice(2);
  if (!outFile) {
    console.error('usage: node pagefind.mjs <corpus> <docs.jsonl> <queries.txt> <out.json>');
    process.exit(2);
  }
  const docs = readJsonl(docsFile);
  const queries = readQueries(queriesFile);
  const { root, pfDir, secs, maxKb } = buildPagefind(corpus, docs);

  let indexRaw = 0;
  let indexGz = 0;
  for (const f of walkFiles(pfDir)) {
    const rel = path.relative(pfDir, f);
    if (kind(rel) === 'app') continue;
    const bytes = fs.readFileSync(f);
    indexGz += gzSizeOfFile(f, bytes);
    indexRaw += bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes).length : bytes.length;
  }

  const { server, base } = await serve(root);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

  const sizeOf = (url) => {
    const rel = decodeURIComponent(new URL(url).pathname).replace(/^\/pagefind\//, '');
    return { rel, bytes: gzSizeOfFile(path.join(pfDir, rel)) };
  };

  async function coldQuery(q) {
    const context = await browser.newContext();
    const seen = new Map();
    // Context-level events also see requests made by Pagefind's web worker.
    context.on('request', (req) => {
      if (req.url().includes('/pagefind/')) {
        const { rel, bytes } = sizeOf(req.url());
        seen.set(rel, bytes);
      }
    });
    const page = await context.newPage();
    await page.goto(`${base}/bench.html`);
    const hits = await page.evaluate(async (query) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const s = await pf.search(query);
      const top = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      return top.length;
    }, q);
    await context.close();
    const by = { app: 0, startup: 0, index: 0, fragment: 0, other: 0 };
    for (const [rel, bytes] of seen) by[kind(rel)] += bytes;
    return { q, hits, ...by };
  }

  const perQuery = [];
  for (const q of queries) perQuery.push(await coldQuery(q));

  // Warm latency: one page, all chunks the list needs already loaded once.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/bench.html`);
  const samples = await page.evaluate(async (qs) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    for (const q of qs) await pf.search(q);
    const out = [];
    for (let r = 0; r < 5; r++) {
      for (const q of qs) {
        const t0 = performance.now();
        await pf.search(q);
        out.push(performance.now() - t0);
      }
    }
    return out;
  }, queries);
  await browser.close();
  server.close();

  const startup = Math.max(...perQuery.map((p) => p.startup));
  const firstResult = perQuery.map((p) => p.startup + p.index + p.fragment);
  writeResult(outFile, {
    tool: 'pagefind',
    corpus,
    docs: docs.length,
    build_ms: Number(secs) * 1000,
    build_peak_rss_bytes: Number(maxKb) * 1024,
    index_raw: indexRaw,
    index_gz: indexGz,
    startup_gz: startup,
    per_query_gz_p50: percentile(perQuery.map((p) => p.index + p.fragment), 50),
    per_query_gz_p95: percentile(perQuery.map((p) => p.index + p.fragment), 95),
    first_result_gz_p50: percentile(firstResult, 50),
    first_result_gz_p95: percentile(firstResult, 95),
    query_p50_ms: percentile(samples, 50),
    query_p95_ms: percentile(samples, 95),
    latency_samples: samples.length,
    latency_where: 'chromium',
    heap_bytes: null,
    app_code_gz: Math.max(...perQuery.map((p) => p.app)),
    queries: perQuery,
  });
}

// What a file is, by name: app code (the JS API, its worker and the wasm),
// start-up (entry + language meta), index chunks, result fragments.
function kind(name) {
  if (/\.js$|\.css$|^wasm\./.test(name)) return 'app';
  if (name === 'pagefind-entry.json' || name.endsWith('.pf_meta')) return 'startup';
  if (name.startsWith('index/')) return 'index';
  if (name.startsWith('fragment/')) return 'fragment';
  return 'other';
}
