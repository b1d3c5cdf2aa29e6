// Our ranking for scripts/bench-relevance.sh:
//   node relevance/ours.mjs <set> <corpus-dir> <queries.jsonl> <out-dir> [--docs <docs.jsonl>]
// Indexes the corpus with build-index (--index-only) into <out-dir>/site-<set>,
// then asks every judged query through the CLI: `build-index query --batch`
// (one process, one query a line) when the binary has it, else one
// `build-index query --json` process per query. Each query gets a trailing
// space: without one, the engine reads the last word as a prefix still being
// typed, and a judged query is complete.
// build-index may split a file into several documents; a page counts once, at
// its first rank, so we ask for 50 results and keep the first 10 pages.
// Writes <out-dir>/<set>-ours.json: {tool, set, docs, ms, runs: {id: [page]}, titles: {id: [title]}}.
// --docs also writes the documents the peers index: one line per corpus file,
// {page, title, body} from `build-index inspect --json` (title of its first
// document) and `build-index text --json` (the text kept from the file).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonl, writeResult } from '../lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const [set, ...args] = process.argv.slice(2);
// Absolute paths: build-index runs in the corpus's parent folder, so the
// repository's own archive.toml (the seeds' settings) is not picked up.
const [corpusDir, queriesFile, outDir, ...rest] = args.map((a) => (a.startsWith('--') ? a : path.resolve(a)));
const docsOut = rest[0] === '--docs' ? rest[1] : null;
if (!outDir) {
  console.error('usage: node ours.mjs <set> <corpus-dir> <queries.jsonl> <out-dir> [--docs <docs.jsonl>]');
  process.exit(2);
}
const buildIndex = process.env.BUILD_INDEX || path.join(repo, 'target', 'release', 'build-index');
const K = 10;
const ASK = 50;

function run(args, input) {
  const r = spawnSync(path.resolve(buildIndex), args, {
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 30,
    cwd: path.dirname(corpusDir),
  });
  // Exit 2 means "built, but look at the warnings": the output is complete.
  if (r.status !== 0 && r.status !== 2) {
    throw new Error(`build-index ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
  return r.stdout;
}

const queries = readJsonl(queriesFile);
const t0 = performance.now();

if (docsOut) {
  const files = JSON.parse(run(['inspect', '--json', corpusDir]));
  const list = Array.isArray(files) ? files : files.documents;
  const title = new Map();
  for (const d of list) if (!title.has(d.source_file)) title.set(d.source_file, d.title || '');
  const text = JSON.parse(run(['text', '--json', corpusDir]));
  const lines = Object.keys(text)
    .sort()
    .map((page) => JSON.stringify({ page, title: title.get(page) || '', body: text[page] }));
  fs.writeFileSync(docsOut, lines.join('\n') + '\n');
  console.error(`${set}: ${lines.length} pages of build-index text → ${path.relative(process.cwd(), docsOut)}`);
}

const site = path.join(outDir, `site-${set}`);
fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
run([corpusDir, '-o', site, '--index-only']);
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'index', 'manifest.json'), 'utf8'));

const batch = run(['query', '--help']).includes('--batch');
let answers;
if (batch) {
  const out = run(['query', '--index', site, '--json', '--batch', '--limit', String(ASK)], queries.map((q) => `${q.query} \n`).join(''));
  answers = out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  if (answers.length !== queries.length) throw new Error(`--batch answered ${answers.length} of ${queries.length} queries`);
} else {
  answers = queries.map((q) => JSON.parse(run(['query', '--index', site, '--json', '--limit', String(ASK), `${q.query} `])));
}

const runs = {};
const titles = {};
queries.forEach((q, i) => {
  const pages = [];
  const names = [];
  for (const r of answers[i].results) {
    if (pages.includes(r.source_file)) continue;
    pages.push(r.source_file);
    names.push(r.title);
    if (pages.length === K) break;
  }
  runs[q.id] = pages;
  titles[q.id] = names;
});
const ms = performance.now() - t0;
writeResult(path.join(outDir, `${set}-ours.json`), { tool: 'ours', set, docs: manifest.doc_count, batch, ms, runs, titles });
console.error(`${set}: ours (${manifest.doc_count} documents) ranked ${queries.length} queries in ${(ms / 1000).toFixed(1)} s${batch ? ' (--batch)' : ''}`);
