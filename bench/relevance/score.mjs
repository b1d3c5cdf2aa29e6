// Scores the rankings of scripts/bench-relevance.sh against the judgments:
//   node relevance/score.mjs <data-dir> <out-dir> <set> ...
// For each set reads <data-dir>/<set>/{queries.jsonl,info.json,docs.jsonl}
// and every <out-dir>/<set>-<tool>.json, prints a markdown table (nDCG@10,
// MRR@10, recall@10; mean over the judged queries) and writes
// <out-dir>/<set>-ours.tsv: our result for each query, to study the misses.
//
// Binary gains: a page is relevant (1) or not (0). nDCG@10 divides by the
// ideal DCG of min(|relevant|, 10) relevant pages at the top; a query a tool
// returns nothing for scores 0.
import fs from 'node:fs';
import path from 'node:path';
import { readJsonl } from '../lib.mjs';

const [dataDir, outDir, ...sets] = process.argv.slice(2);
const TOOLS = ['ours', 'bm25', 'minisearch', 'pagefind'];
const LABEL = { ours: 'ours (build-index)', bm25: 'BM25 reference', minisearch: 'MiniSearch 7.2.0', pagefind: 'Pagefind 1.6.0' };
const K = 10;

function scoreQuery(ranked, relevant) {
  const rel = new Set(relevant);
  const top = ranked.slice(0, K);
  let dcg = 0;
  let first = 0;
  let found = 0;
  top.forEach((page, i) => {
    if (!rel.has(page)) return;
    dcg += 1 / Math.log2(i + 2);
    found += 1;
    if (!first) first = i + 1;
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(rel.size, K); i++) ideal += 1 / Math.log2(i + 2);
  return { ndcg: dcg / ideal, rr: first ? 1 / first : 0, recall: found / rel.size, first };
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const f3 = (x) => x.toFixed(3);
const clean = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

const lines = [`Relevance, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`];
for (const set of sets) {
  const dir = path.join(dataDir, set);
  const queries = readJsonl(path.join(dir, 'queries.jsonl'));
  const info = JSON.parse(fs.readFileSync(path.join(dir, 'info.json'), 'utf8'));
  const titles = new Map(readJsonl(path.join(dir, 'docs.jsonl')).map((d) => [d.page, d.title]));
  // Files build-index keeps no text from are in no tool's index (all index
  // the same documents), but their judgments still count.
  const judged = queries.flatMap((q) => q.relevant);
  const lost = judged.filter((p) => !titles.has(p)).length;
  lines.push(
    '',
    `### ${set}: ${info.pages} pages (${(info.corpus_bytes / 1e6).toFixed(1)} MB), ${queries.length} judged queries, ` +
      `${info.relevant_per_query} relevant pages per query — ${info.source}`,
    '',
    `build-index keeps text from ${titles.size} of ${info.pages} files (the documents every tool indexes); ` +
      `${lost} of ${judged.length} relevant judgments point to a file without text.`,
    '',
    '| tool | nDCG@10 | MRR@10 | recall@10 | queries |',
    '|---|---:|---:|---:|---:|',
  );
  for (const tool of TOOLS) {
    const file = path.join(outDir, `${set}-${tool}.json`);
    if (!fs.existsSync(file)) {
      lines.push(`| ${LABEL[tool]} | – | – | – | not run |`);
      continue;
    }
    const result = JSON.parse(fs.readFileSync(file, 'utf8'));
    const per = queries.map((q) => ({ q, ...scoreQuery(result.runs[q.id] || [], q.relevant) }));
    const stale = queries.some((q) => !(q.id in result.runs)) ? ' (stale: rerun without --only)' : '';
    lines.push(
      `| ${LABEL[tool]} | ${f3(mean(per.map((p) => p.ndcg)))} | ${f3(mean(per.map((p) => p.rr)))} | ` +
        `${f3(mean(per.map((p) => p.recall)))} | ${per.length}${stale} |`,
    );
    if (tool === 'ours') {
      // One line per query: what we ranked, to study where ranking misses.
      const rows = per.map(({ q, ndcg, first }) => {
        const ranked = result.runs[q.id] || [];
        const top3 = (result.titles?.[q.id] || ranked.map((p) => titles.get(p))).slice(0, 3);
        return [q.id, q.query, ndcg.toFixed(3), first || '-', ranked.slice(0, 3).join(' '), ...[0, 1, 2].map((i) => clean(top3[i])), q.relevant.slice(0, 5).join(' ')].join('\t');
      });
      const header = ['id', 'query', 'ndcg10', 'first_relevant_rank', 'top3_pages', 'title1', 'title2', 'title3', 'relevant'].join('\t');
      fs.writeFileSync(path.join(outDir, `${set}-ours.tsv`), [header, ...rows].join('\n') + '\n');
    }
  }
}
const report = lines.join('\n') + '\n';
fs.writeFileSync(path.join(outDir, 'report.md'), report);
process.stdout.write(report);
