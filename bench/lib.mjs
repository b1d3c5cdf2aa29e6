// Shared measuring helpers for the bench runners (one definition of
// "gzip size", "percentile" and "latency run" for every tool).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Level 6 is the zlib default and what typical static hosts (nginx gzip on,
// Netlify, GitHub Pages) send; files a tool already stores compressed are
// counted as they are (see gzSizeOfFile).
export const gz = (buf) => zlib.gzipSync(buf, { level: 6 }).length;

export function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}

export function readQueries(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export function readJsonl(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

// Every query once to warm caches and JIT, then `rounds` timed passes;
// p50/p95 are over all timed samples.
export async function timeQueries(queries, run, rounds = 5) {
  for (const q of queries) await run(q);
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      await run(q);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return { p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), samples: samples.length };
}

export function walkFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walkFiles(p));
    else out.push(p);
  }
  return out;
}

export function dirSizes(dir) {
  let raw = 0;
  let gzip = 0;
  for (const f of walkFiles(dir)) {
    const b = fs.readFileSync(f);
    raw += b.length;
    gzip += gzSizeOfFile(f, b);
  }
  return { raw, gzip };
}

// Pagefind stores its index and fragments gzip-compressed already
// (pf_index, pf_fragment, pf_meta, .pagefind): a server sends them as they are.
export function gzSizeOfFile(file, bytes = fs.readFileSync(file)) {
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return bytes.length;
  return gz(bytes);
}

export function writeResult(file, obj) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(obj, null, 2) + '\n');
}

export function gcHeap() {
  if (!global.gc) throw new Error('run node with --expose-gc');
  for (let i = 0; i < 3; i++) global.gc();
  const m = process.memoryUsage();
  // arrayBuffers is already part of external.
  return m.heapUsed + m.external;
}
