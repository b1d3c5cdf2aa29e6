// Runs one JS peer (minisearch | lunr | flexsearch) on one corpus in node:
//   node --expose-gc peers.mjs <tool> <corpus-name> <docs.jsonl> <queries.txt> <out.json>
// Measures build time, the serialized index (what a browser downloads before
// it can answer anything), heap held by the index once loaded from that
// serialization, warm query latency, and the bytes of the top-10 documents a
// results page needs for its snippets.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { gz, gcHeap, percentile, readJsonl, readQueries, timeQueries, writeResult } from './lib.mjs';

const require = createRequire(import.meta.url);
const [tool, corpus, docsFile, queriesFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: node --expose-gc peers.mjs <tool> <corpus> <docs.jsonl> <queries.txt> <out.json>');
  process.exit(2);
}

const docs = readJsonl(docsFile).map((d, id) => ({ id, title: d.title || '', body: d.body || '' }));
const queries = readQueries(queriesFile);

// Each adapter: build(docs) → index; serialize(index) → string[] (the files a
// browser would download); load(parts) → index; search(index, q) → top-10 ids.
const adapters = {
  minisearch: () => {
    const MiniSearch = require('minisearch');
    // The configuration MiniSearch's docs show for search-as-you-type.
    const options = {
      fields: ['title', 'body'],
      searchOptions: { boost: { title: 4 }, prefix: true, fuzzy: 0.2 },
    };
    return {
      build: async (ds) => {
        const ms = new MiniSearch(options);
        ms.addAll(ds);
        return ms;
      },
      serialize: async (ms) => [JSON.stringify(ms)],
      load: async (parts) => MiniSearch.loadJSON(parts[0], options),
      search: async (ms, q) => ms.search(q).slice(0, 10).map((r) => r.id),
    };
  },
  lunr: () => {
    const lunr = require('lunr');
    // Lunr's query syntax treats : ~ ^ * + - as operators; plain words only.
    const clean = (q) => q.replace(/[:~^*+\-"]/g, ' ');
    return {
      build: async (ds) =>
        lunr(function () {
          this.ref('id');
          this.field('title', { boost: 4 });
          this.field('body');
          for (const d of ds) this.add(d);
        }),
      serialize: async (idx) => [JSON.stringify(idx)],
      load: async (parts) => lunr.Index.load(JSON.parse(parts[0])),
      search: async (idx, q) => idx.search(clean(q)).slice(0, 10).map((r) => Number(r.ref)),
    };
  },
  flexsearch: () => {
    const { Document } = require('flexsearch');
    // "forward" tokenization gives prefix matches as the user types.
    const config = { document: { id: 'id', index: ['title', 'body'] }, tokenize: 'forward' };
    return {
      build: async (ds) => {
        const index = new Document(config);
        for (const d of ds) index.add(d);
        return index;
      },
      serialize: async (index) => {
        const parts = [];
        await index.export((key, data) => {
          parts.push(JSON.stringify([key, data]));
        });
        return parts;
      },
      load: async (parts) => {
        const index = new Document(config);
        for (const p of parts) {
          const [key, data] = JSON.parse(p);
          await index.import(key, data);
        }
        return index;
      },
      search: async (index, q) => {
        const seen = new Set();
        // Results come per field; title first, then body, first 10 distinct.
        for (const field of index.search(q, { limit: 10 })) {
          for (const id of field.result) seen.add(id);
        }
        return [...seen].slice(0, 10);
      },
    };
  },
};

if (!adapters[tool]) {
  console.error(`unknown tool ${tool}`);
  process.exit(2);
}
const a = adapters[tool]();

const t0 = performance.now();
let index = await a.build(docs);
const buildMs = performance.now() - t0;
let parts = await a.serialize(index);
const buildTotalMs = performance.now() - t0;
index = null;

const rawBytes = parts.reduce((s, p) => s + Buffer.byteLength(p), 0);
const gzBytes = parts.reduce((s, p) => s + gz(Buffer.from(p)), 0);

// Heap held by the index as a browser would have it: loaded from its
// serialization, with the serialized strings dropped again.
const before = gcHeap();
const loaded = await a.load(parts);
parts = null;
const heapBytes = gcHeap() - before;

const latency = await timeQueries(queries, (q) => a.search(loaded, q));

// Snippet data: a results page needs the text of its top 10 documents; the
// most generous split for a peer is one gzipped file per document.
const docGz = (id) => gz(Buffer.from(JSON.stringify(docs[id])));
const perQuery = [];
for (const q of queries) {
  const top = await a.search(loaded, q);
  perQuery.push({ q, hits: top.length, top_ids: top, snippet_gz: top.reduce((s, id) => s + docGz(id), 0) });
}
const firstResult = perQuery.map((p) => gzBytes + p.snippet_gz);

writeResult(outFile, {
  tool,
  corpus,
  docs: docs.length,
  build_ms: buildTotalMs,
  build_index_only_ms: buildMs,
  index_raw: rawBytes,
  index_gz: gzBytes,
  startup_gz: gzBytes,
  first_result_gz_p50: percentile(firstResult, 50),
  first_result_gz_p95: percentile(firstResult, 95),
  query_p50_ms: latency.p50_ms,
  query_p95_ms: latency.p95_ms,
  latency_samples: latency.samples,
  heap_bytes: heapBytes,
  rss_bytes: process.memoryUsage().rss,
  app_code_gz: gz(fs.readFileSync(libFile(tool))),
  queries: perQuery,
});

// The browser bundle each library ships (app code, counted apart).
// MiniSearch publishes no minified file: its UMD build is counted as is.
function libFile(name) {
  const rel = {
    minisearch: 'minisearch/dist/umd/index.js',
    lunr: 'lunr/lunr.min.js',
    flexsearch: 'flexsearch/dist/flexsearch.bundle.min.js',
  }[name];
  return new URL(`./node_modules/${rel}`, import.meta.url);
}
