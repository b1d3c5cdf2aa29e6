// The reference and peer rankings for scripts/bench-relevance.sh:
//   node relevance/peers.mjs <set> <docs.jsonl> <queries.jsonl> <out-dir> [bm25] [minisearch] [pagefind]
// <docs.jsonl> has one line per corpus page: {page, title, body} — the title and
// the text build-index keeps from that page (relevance/ours.mjs writes it), so
// every tool ranks the same text. Writes <out-dir>/<set>-<tool>.json:
// {tool, set, docs, ms, runs: {query id: [page, ... up to 10]}}.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readJsonl, writeResult } from '../lib.mjs';
import { buildPagefind, pagefindTop } from '../pagefind.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const [set, docsFile, queriesFile, outDir, ...tools] = process.argv.slice(2);
if (!tools.length) {
  console.error('usage: node peers.mjs <set> <docs.jsonl> <queries.jsonl> <out-dir> bm25|minisearch|pagefind ...');
  process.exit(2);
}
const docs = readJsonl(docsFile);
const queries = readJsonl(queriesFile);
const K = 10;

// Plain BM25 (Robertson/Sparck Jones idf as in Lucene, k1 = 1.2, b = 0.75):
// lowercased, split on anything not a letter or digit, title and body as one
// text, a document scores when it has any query word (OR); each distinct
// query word counts once; ties keep corpus order.
function bm25() {
  const k1 = 1.2;
  const b = 0.75;
  const tokens = (s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const postings = new Map(); // term → [[doc, tf], ...]
  const lengths = [];
  docs.forEach((d, i) => {
    const words = tokens(`${d.title}\n${d.body}`);
    lengths.push(words.length);
    const tf = new Map();
    for (const w of words) tf.set(w, (tf.get(w) || 0) + 1);
    for (const [w, n] of tf) {
      if (!postings.has(w)) postings.set(w, []);
      postings.get(w).push([i, n]);
    }
  });
  const avgdl = lengths.reduce((s, n) => s + n, 0) / lengths.length;
  const N = docs.length;
  return (q) => {
    const scores = new Map();
    for (const w of new Set(tokens(q))) {
      const list = postings.get(w);
      if (!list) continue;
      const idf = Math.log(1 + (N - list.length + 0.5) / (list.length + 0.5));
      for (const [doc, tf] of list) {
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]) / avgdl));
        scores.set(doc, (scores.get(doc) || 0) + s);
      }
    }
    return [...scores].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, K).map(([doc]) => doc);
  };
}

// The configuration bench/peers.mjs measures (MiniSearch's search-as-you-type).
function minisearch() {
  const MiniSearch = require('minisearch');
  const ms = new MiniSearch({
    fields: ['title', 'body'],
    searchOptions: { boost: { title: 4 }, prefix: true, fuzzy: 0.2 },
  });
  ms.addAll(docs.map((d, id) => ({ id, title: d.title, body: d.body })));
  return (q) => ms.search(q).slice(0, K).map((r) => r.id);
}

fs.mkdirSync(outDir, { recursive: true });
for (const tool of tools) {
  const t0 = performance.now();
  let tops;
  if (tool === 'pagefind') {
    // Pagefind indexes one generated HTML page per document (bench/prepare.mjs's
    // writePagefindSite); its pages are rewritten so they never go stale.
    const name = `relevance-${set}`;
    fs.rmSync(path.join(here, '..', 'data', 'pagefind', name), { recursive: true, force: true });
    const { root } = buildPagefind(name, docs);
    tops = await pagefindTop(root, queries.map((q) => q.query), K);
  } else if (tool === 'bm25' || tool === 'minisearch') {
    const search = tool === 'bm25' ? bm25() : minisearch();
    tops = queries.map((q) => search(q.query));
  } else {
    throw new Error(`unknown tool ${tool}`);
  }
  const runs = Object.fromEntries(queries.map((q, i) => [q.id, tops[i].map((doc) => docs[doc].page)]));
  const ms = performance.now() - t0;
  writeResult(path.join(outDir, `${set}-${tool}.json`), { tool, set, docs: docs.length, ms, runs });
  console.error(`${set}: ${tool} ranked ${queries.length} queries in ${(ms / 1000).toFixed(1)} s`);
}
