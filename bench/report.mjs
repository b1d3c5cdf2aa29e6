// Prints the benchmark tables from bench/out/results/*.json (one table per
// figure, tools as rows, corpora side by side) and writes the same Markdown
// to bench/out/report.md.
//   node report.mjs [results-dir]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || path.join(here, 'out', 'results');
const CORPORA = ['seeds', 'reuters', 'gcide'];
const TOOLS = ['ours', 'pagefind', 'minisearch', 'lunr', 'flexsearch'];
const NAMES = { ours: 'ours', pagefind: 'Pagefind', minisearch: 'MiniSearch', lunr: 'Lunr', flexsearch: 'FlexSearch' };

const R = {};
for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const m = /^(ours|pagefind|minisearch|lunr|flexsearch)-(\w+)\.json$/.exec(f);
  if (!m) continue;
  (R[m[1]] ||= {})[m[2]] = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
}
const corpora = CORPORA.filter((c) => TOOLS.some((t) => R[t]?.[c]));
const get = (t, c) => R[t]?.[c];

const num = (v, d = 1) => (v == null || Number.isNaN(v) ? '–' : v.toFixed(d));
const kb = (b) => (b == null ? '–' : b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(0)} KB`);
const mb = (b) => (b == null ? '–' : `${(b / 1e6).toFixed(b < 10e6 ? 1 : 0)} MB`);
const ms = (v) => (v == null ? '–' : v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1));
const ratio = (a, b) => (a == null || b == null || !a || !b ? '–' : b / a >= 1 ? `${(b / a).toFixed(1)}× less` : `${(a / b).toFixed(1)}× more`);

const out = [];
const metaFile = path.join(dir, 'meta.json');
if (fs.existsSync(metaFile)) {
  const m = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  const commitFile = path.join(dir, 'commit.txt');
  const commit = fs.existsSync(commitFile) ? fs.readFileSync(commitFile, 'utf8').trim() : '?';
  const la = (x) => (x ? x.loadavg.map((v) => v.toFixed(1)).join(' / ') : '?');
  const s = m.start || {};
  out.push(
    `Run of ${s.at ? s.at.slice(0, 16).replace('T', ' ') : '?'} UTC at commit ${commit}; ${s.cpus ?? '?'} × ${s.cpu ?? '?'}, ${s.mem_gb ?? '?'} GB RAM.`,
    `Load average (1 / 5 / 15 min) at start ${la(m.start)}, at end ${la(m.end)}: anything above ${s.cpus ?? 2} means other processes shared the CPUs and every time below is inflated.`,
    '',
  );
}
function table(title, header, rows, note) {
  const cells = [header, ...rows];
  const w = header.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join(' | ')} |`;
  out.push(`### ${title}`, '', line(header), `|${w.map((x, i) => (i === 0 ? ':' : '') + '-'.repeat(x + 1) + (i === 0 ? '' : ':')).join('|')}|`);
  for (const r of rows) out.push(line(r));
  if (note) out.push('', note);
  out.push('');
}

function perTool(title, cell, note, tools = TOOLS) {
  const docsRow = ['documents', ...corpora.map((c) => String(TOOLS.map((t) => get(t, c)?.docs).find((d) => d != null) ?? '–'))];
  const rows = tools.filter((t) => R[t]).map((t) => [NAMES[t], ...corpora.map((c) => (get(t, c) ? cell(get(t, c), t) : '–'))]);
  table(title, ['', ...corpora], [docsRow, ...rows], note);
}

perTool('Build time (s)', (r) => num(r.build_ms / 1000, 1), 'ours: the whole `build-index` run (segmentation, metadata, index, static pages); Pagefind: its CLI over generated HTML; JS peers: index construction + serialization in node.');
perTool('Index size on disk: raw / gzip', (r) => `${mb(r.index_raw)} / ${mb(r.index_gz)}`, 'ours: every file under `index/`; Pagefind: `pagefind/` without its UI/JS/wasm (its files are stored gzipped; raw = gunzipped); JS peers: the serialized index (documents not included).');
perTool(
  'Bytes fetched before the first result (gzip): start-up + cold query + top-10 snippet data, p50 (p95)',
  (r) => `${kb(r.first_result_gz_p50)} (${kb(r.first_result_gz_p95)})`,
  'App code is not included (next table). JS peers must download their whole serialized index first; their top-10 documents are counted as one gzipped file each.',
);
perTool('  of which start-up (gzip)', (r) => kb(r.startup_gz), 'ours: manifest.json + docmeta; Pagefind: pagefind-entry.json + the language pf_meta.');
perTool(
  '  of which per cold query (gzip), p50 / p95',
  (r) => (r.per_query_gz_p50 == null ? '–' : `${kb(r.per_query_gz_p50)} / ${kb(r.per_query_gz_p95)}`),
  'ours: term chunks the query needs + doc chunks of the top 10; Pagefind: pf_index chunks + 10 pf_fragment files.',
  ['ours', 'pagefind'],
);
perTool('App code (gzip)', (r) => kb(r.app_code_gz), 'ours: the reader app as Trunk built it (dist/: wasm + js + css, without sw.js); Pagefind: pagefind.js + worker + wasm as loaded; JS peers: the library bundle alone (MiniSearch unminified: it ships no .min.js).');

const latencyRows = [];
for (const t of TOOLS) {
  if (!R[t]) continue;
  const where = t === 'ours' ? 'native' : t === 'pagefind' ? 'Chromium' : 'node';
  latencyRows.push([`${NAMES[t]} (${where})`, ...corpora.map((c) => (get(t, c) ? `${ms(get(t, c).query_p50_ms)} / ${ms(get(t, c).query_p95_ms)}` : '–'))]);
  if (t === 'ours') {
    latencyRows.push(['ours (wasm, node)', ...corpora.map((c) => (get(t, c)?.wasm ? `${ms(get(t, c).wasm.query_p50_ms)} / ${ms(get(t, c).wasm.query_p95_ms)}` : '–'))]);
    latencyRows.push(['ours: + 10 snippets (native)', ...corpora.map((c) => (get(t, c) ? `${ms(get(t, c).snippets10_p50_ms)} / ${ms(get(t, c).snippets10_p95_ms)}` : '–'))]);
    latencyRows.push(['ours: CLI process per query', ...corpora.map((c) => (get(t, c) ? `${ms(get(t, c).cli_p50_ms)} / ${ms(get(t, c).cli_p95_ms)}` : '–'))]);
  }
}
table('Warm query latency, ms: p50 / p95', ['', ...corpora], latencyRows, 'Warm: every chunk the query list needs is loaded, one untimed pass, then 5 timed passes over the list (parse + search for 10 hits; snippets timed apart). The CLI row is a whole `build-index query --json` process (start, load the index, search, print).');

const memRows = [];
for (const t of TOOLS) {
  if (!R[t]) continue;
  if (t === 'ours') {
    memRows.push(['ours: wasm memory, start-up', ...corpora.map((c) => mb(get(t, c)?.wasm?.mem_startup_bytes))]);
    memRows.push(['ours: wasm memory, after the query list', ...corpora.map((c) => mb(get(t, c)?.wasm?.mem_after_queries_bytes))]);
    memRows.push(['ours: wasm memory, whole term index', ...corpora.map((c) => mb(get(t, c)?.wasm?.mem_all_terms_bytes))]);
    memRows.push(['ours: native query process peak RSS', ...corpora.map((c) => mb(get(t, c)?.native_query_process_rss_bytes))]);
    memRows.push(['ours: `build-index query` peak RSS', ...corpora.map((c) => mb(get(t, c)?.cli_peak_rss_bytes))]);
  } else if (t === 'pagefind') {
    continue;
  } else {
    memRows.push([`${NAMES[t]}: heap of the loaded index`, ...corpora.map((c) => mb(get(t, c)?.heap_bytes))]);
  }
}
table('Memory', ['', ...corpora], memRows, 'JS peers: V8 heap + external after loading the serialized index, minus the heap before (after GC). Ours: the wasm module\'s linear memory (a high-water mark: it never shrinks). Pagefind runs in the browser and is not measured.');

if (R.ours) {
  const rows = corpora.filter((c) => get('ours', c)).map((c) => {
    const r = get('ours', c);
    return [c, String(r.docs), mb(r.input_bytes), num(r.build_ms / 1000, 2), num(r.build_mb_per_s, 2), num(r.build_docs_per_s, 0), mb(r.build_peak_rss_bytes), `${r.term_chunks} / ${r.doc_chunks}`];
  });
  table('Our build throughput', ['corpus', 'documents', 'input', 'time (s)', 'MB/s', 'docs/s', 'peak RSS', 'dict+postings / doc chunks'], rows, 'Target (issue 3): 100,000 documents in under 30 s.');
}

// Ratios on the largest corpus measured.
const big = [...corpora].reverse().find((c) => get('ours', c));
if (big) {
  const o = get('ours', big);
  const rows = TOOLS.filter((t) => t !== 'ours' && get(t, big)).map((t) => {
    const p = get(t, big);
    const mem = t === 'pagefind' ? null : p.heap_bytes;
    return [NAMES[t], ratio(o.first_result_gz_p95, p.first_result_gz_p95), ratio(o.query_p95_ms, p.query_p95_ms), ratio(o.wasm?.mem_after_queries_bytes, mem), ratio(o.build_ms, p.build_ms)];
  });
  table(`Ours compared with each peer on ${big} (${o.docs} documents)`, ['peer', 'first-result bytes p95', 'query p95 (native)', 'memory (wasm after queries vs heap)', 'build time'], rows, '"3.0× less" = ours needs a third of the peer\'s figure.');
  const pf = get('pagefind', big);
  if (pf) {
    const half = pf.first_result_gz_p95 / 2;
    out.push(`Targets on ${big}: first-result bytes p95 ${kb(o.first_result_gz_p95)} vs half of Pagefind's ${kb(half)} → ${o.first_result_gz_p95 < half ? 'met' : 'MISSED'}; ` +
      `warm p95 ${ms(o.query_p95_ms)} ms native (< 5 ms) → ${o.query_p95_ms < 5 ? 'met' : 'MISSED'}; ` +
      `engine memory ${mb(o.wasm?.mem_after_queries_bytes)} (< 64 MB) → ${o.wasm && o.wasm.mem_after_queries_bytes < 64e6 ? 'met' : 'MISSED'}; ` +
      `build ${num(o.build_ms / 1000, 1)} s (< 30 s for 100k) → ${o.build_ms < 30000 ? 'met' : 'MISSED'}.`, '');
  }
}

// The search-as-you-type run (bench/typing.mjs), when there was one.
const typingFile = path.join(dir, 'typing.json');
if (fs.existsSync(typingFile)) {
  const { typingTable } = await import('./typing.mjs');
  out.push(...typingTable(JSON.parse(fs.readFileSync(typingFile, 'utf8'))));
}

const text = out.join('\n');
console.log(text);
fs.mkdirSync(path.join(here, 'out'), { recursive: true });
fs.writeFileSync(path.join(here, 'out', 'report.md'), `${text}\n`);
