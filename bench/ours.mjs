// Runs our tool on one corpus:
//   node ours.mjs <corpus-name> <corpus-dir> <queries.txt> <out.json> [--dump-docs <docs.jsonl>]
// - build: target/release/build-index <corpus> -o bench/out/ours/<corpus>
//   under /usr/bin/time (wall time, peak RSS), MB/s and documents/s;
// - the index files on disk (raw and gzip);
// - bench/engine-wasm's native-bench: which files a cold query fetches, warm
//   parse+search latency, peak RSS of that query process;
// - the same engine as wasm in node (ours-wasm.mjs): latency and linear memory;
// - the CLI itself (`build-index query --json`), one process per query.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gz, percentile, readQueries, walkFiles, writeResult } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const [corpus, corpusDir, queriesFile, outFile, ...rest] = process.argv.slice(2);
const dumpDocs = rest[0] === '--dump-docs' ? rest[1] : null;
if (!outFile) {
  console.error('usage: node ours.mjs <corpus> <corpus-dir> <queries.txt> <out.json> [--dump-docs <docs.jsonl>]');
  process.exit(2);
}
// scripts/bench.sh snapshots the binary into bench/out/bin (target/ is shared).
const snapshot = path.join(here, 'out', 'bin', 'build-index');
const buildIndex = process.env.BUILD_INDEX || (fs.existsSync(snapshot) ? snapshot : path.join(repo, 'target', 'release', 'build-index'));
// The reader app as Trunk built it (dist/), measured where it is: the build
// does not copy it, so a half-finished Trunk build cannot break the run.
const appDir = process.env.BENCH_APP_DIR || path.join(repo, 'dist');
const nativeBench = path.join(here, 'engine-wasm', 'target', 'release', 'native-bench');
const queries = readQueries(queriesFile);

// Runs a command under GNU time; returns stdout, wall seconds and peak RSS.
function timed(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    ...opts,
  });
  const lines = (r.stderr || '').split('\n');
  const t = lines.find((l) => l.startsWith('TIME '));
  if (r.status !== 0 || !t) {
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
  // GNU time prints wall seconds with 10 ms resolution; measure it here.
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = Number(t.split(' ')[2]);
  return { stdout: r.stdout, stderr: lines.filter((l) => !l.startsWith('TIME ')).join('\n'), secs, rssBytes: kb * 1024 };
}

const inputBytes = walkFiles(corpusDir)
  .filter((f) => /\.(txt|md|markdown|html?|jsonl)$/i.test(f))
  .reduce((s, f) => s + fs.statSync(f).size, 0);

const site = path.join(here, 'out', 'ours', corpus);
fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(path.dirname(site), { recursive: true });
const build = timed(buildIndex, [corpusDir, '-o', site, '--json']);
let summary = null;
try {
  summary = JSON.parse(build.stdout);
} catch {
  summary = null; // an older CLI without --json output: the manifest still has the counts
}

const indexDir = path.join(site, 'index');
const manifest = JSON.parse(fs.readFileSync(path.join(indexDir, 'manifest.json'), 'utf8'));
const docs = manifest.doc_count;
const gzOf = new Map();
let indexRaw = 0;
let indexGz = 0;
for (const f of walkFiles(indexDir)) {
  const b = fs.readFileSync(f);
  const g = gz(b);
  gzOf.set(path.relative(indexDir, f), g);
  indexRaw += b.length;
  indexGz += g;
}

if (dumpDocs) {
  timed(nativeBench, ['--index', indexDir, '--dump-docs', dumpDocs]);
}

const native = timed(nativeBench, ['--index', indexDir, '--queries', queriesFile]);
const nat = JSON.parse(native.stdout);
const startupGz = gzOf.get('manifest.json') + gzOf.get(manifest.docmeta);
const perQuery = nat.queries.map(({ q, run }) => {
  const terms = run.term_chunks.reduce((s, n) => s + gzOf.get(n), 0);
  const snippets = run.doc_chunks.reduce((s, n) => s + gzOf.get(n), 0);
  return { q, total: run.total, hits: run.hits.length, term_gz: terms, doc_gz: snippets, term_chunks: run.term_chunks.length, doc_chunks: run.doc_chunks.length };
});
const perQueryGz = perQuery.map((p) => p.term_gz + p.doc_gz);

const wasmOut = path.join(here, 'out', 'results', `ours-wasm-${corpus}.json`);
const wasmRun = spawnSync(process.execPath, [path.join(here, 'ours-wasm.mjs'), indexDir, queriesFile, wasmOut], { encoding: 'utf8' });
let wasm = null;
if (wasmRun.status === 0) wasm = JSON.parse(fs.readFileSync(wasmOut, 'utf8'));
else console.error(`ours-wasm failed:\n${wasmRun.stderr}`);

// The CLI as a user runs it: a new process per query (loads the index each time).
const cli = queries.map((q) => timed(buildIndex, ['query', '--index', indexDir, '--json', '--limit', '10', q]));

// App code: the reader's wasm, js and css (sw.js is offline support, not
// needed for a first result).
let appGz = null;
if (fs.existsSync(appDir)) {
  const appFiles = fs.readdirSync(appDir).filter((f) => /\.(wasm|js|css)$/.test(f) && f !== 'sw.js');
  if (appFiles.length) appGz = appFiles.reduce((s, f) => s + gz(fs.readFileSync(path.join(appDir, f))), 0);
}

writeResult(outFile, {
  tool: 'ours',
  corpus,
  docs,
  input_bytes: inputBytes,
  build_ms: build.secs * 1000,
  build_peak_rss_bytes: build.rssBytes,
  build_mb_per_s: inputBytes / 1e6 / build.secs,
  build_docs_per_s: docs / build.secs,
  build_summary: summary,
  index_raw: indexRaw,
  index_gz: indexGz,
  index_files: gzOf.size,
  // Format 3 manifests list chunks as columns (FORMAT.md): count the rows.
  term_chunks: manifest.term_chunks.first.length + manifest.posting_chunks.first.length,
  doc_chunks: manifest.doc_chunks.counts.length,
  startup_gz: startupGz,
  per_query_gz_p50: percentile(perQueryGz, 50),
  per_query_gz_p95: percentile(perQueryGz, 95),
  first_result_gz_p50: startupGz + percentile(perQueryGz, 50),
  first_result_gz_p95: startupGz + percentile(perQueryGz, 95),
  query_p50_ms: nat.query_p50_ms,
  query_p95_ms: nat.query_p95_ms,
  snippets10_p50_ms: nat.snippets10_p50_ms,
  snippets10_p95_ms: nat.snippets10_p95_ms,
  open_ms: nat.open_ms,
  latency_samples: nat.latency_samples,
  native_query_process_rss_bytes: native.rssBytes,
  wasm,
  cli_p50_ms: percentile(cli.map((c) => c.secs * 1000), 50),
  cli_p95_ms: percentile(cli.map((c) => c.secs * 1000), 95),
  cli_peak_rss_bytes: Math.max(...cli.map((c) => c.rssBytes)),
  app_code_gz: appGz,
  queries: perQuery,
});
