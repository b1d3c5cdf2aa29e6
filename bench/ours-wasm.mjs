// Our engine compiled to wasm (bench/engine-wasm, wasm-bindgen --target
// nodejs), run in node over the index files on disk:
//   node ours-wasm.mjs <index-dir> <queries.txt> <out.json>
// Own process, so the linear-memory figures start from a fresh module.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readQueries, timeQueries, writeResult } from './lib.mjs';

const require = createRequire(import.meta.url);
const [indexDir, queriesFile, outFile] = process.argv.slice(2);
const { WasmHarness, memory_bytes: memoryBytes } = require('./engine-wasm/pkg/engine_bench.js');

const read = (name) => fs.readFileSync(path.join(indexDir, name));
const queries = readQueries(queriesFile);

const memEmpty = memoryBytes();
const h = new WasmHarness({ read });
const memStartup = memoryBytes();

// Load what the query list needs (term chunks, then the top hits' doc
// chunks), through the engine's own loading loop.
for (const q of queries) h.run_cold(q);
const memQueries = memoryBytes();

const search = await timeQueries(queries, (q) => h.search(q));
const snippetTimes = await timeQueries(queries, (q) => h.snippets(q));

// The whole search index resident (every term chunk): the figure comparable
// to a JS peer that must hold its complete index.
h.load_all_terms();
const memAllTerms = memoryBytes();

writeResult(outFile, {
  query_p50_ms: search.p50_ms,
  query_p95_ms: search.p95_ms,
  snippets10_p50_ms: snippetTimes.p50_ms,
  snippets10_p95_ms: snippetTimes.p95_ms,
  latency_samples: search.samples,
  mem_empty_bytes: memEmpty,
  mem_startup_bytes: memStartup,
  mem_after_queries_bytes: memQueries,
  mem_all_terms_bytes: memAllTerms,
  wasm_bytes: fs.statSync(new URL('./engine-wasm/pkg/engine_bench_bg.wasm', import.meta.url)).size,
});
