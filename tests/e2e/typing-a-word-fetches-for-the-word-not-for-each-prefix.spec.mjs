// Issue 13: a visitor types a word letter by letter into a reader whose
// index is too big to load whole. Keystrokes that come faster than the
// reader's pause (120 ms) must not fetch index files for the prefixes on
// the way (p, ph, pho, ...): the reader fetches once typing pauses, for the
// word. The index requests of one word stay few.
//
// Timing is read in the page, on one clock: the input events' and the
// resource requests' start times (performance.now()). A request that starts
// during typing is allowed only after a gap of at least the pause since the
// previous keystroke (a busy machine can stall between keys); so the test
// holds on any machine and fails when keystrokes fetch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, waitForReader } from './support/harness.mjs';
import { buildSite, tempDir } from './support/sites.mjs';

const PAUSE_MS = 120;
const WORD = 'photographer';

/** 4,000 short entries over a vocabulary of 4,000 made-up words: the
 * index has hundreds of chunk files, far over what the reader loads whole. */
function writeCorpus(dir) {
  const syllables = ['ra', 'mo', 'ti', 'ne', 'lu', 'ka', 'so', 'pe', 'di', 'vo', 'ga', 'fu'];
  const made = (n) => {
    let w = '';
    for (let k = 0; k < 4; k++) {
      w += syllables[n % syllables.length];
      n = Math.floor(n / syllables.length);
    }
    return w;
  };
  const lines = [];
  for (let i = 0; i < 4000; i++) {
    const words = [made(i * 7), made(i * 11 + 3), made(i * 13 + 5), `p${made(i * 17 + 1)}`];
    if (i % 9 === 0) words.push('photograph');
    if (i % 23 === 0) words.push('photographer');
    if (i % 31 === 0) words.push('photography');
    lines.push(JSON.stringify({ id: `e${i}`, title: `Entry ${i} ${made(i)}`, body: `${words.join(' ')}.` }));
  }
  fs.writeFileSync(path.join(dir, 'entries.jsonl'), `${lines.join('\n')}\n`);
}

const work = tempDir('typing');
const corpus = path.join(work, 'corpus');
fs.mkdirSync(corpus);
writeCorpus(corpus);
buildSite({ corpus, out: path.join(work, 'site'), cwd: work, config: '[archive]\nname = "Typing test"\n' });
const site = useSite({ root: path.join(work, 'site') });

test('keystrokes faster than the pause fetch nothing; the word fetches once, a few files', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(work, 'site/index/manifest.json'), 'utf8'));
  const chunks = manifest.doc_chunks.counts.length + manifest.term_chunks.first.length + manifest.posting_chunks.first.length;
  assert.ok(chunks > 100, `the index has ${chunks} chunk files, too many to load whole`);

  // No service worker: its precache would fetch index files on its own clock.
  const page = await site.openPage('', { serviceWorkers: 'block' });
  await page.locator('#results .result').first().waitFor();
  await page.evaluate(() => {
    window.keyTimes = [];
    document.querySelector('input#search').addEventListener('input', () => window.keyTimes.push(performance.now()));
  });
  const box = page.locator('input#search');
  await box.focus();
  await page.keyboard.type(WORD, { delay: 25 });
  await page.waitForFunction(
    (q) => document.querySelector('#result-count')?.dataset.query === q && document.querySelectorAll('#results .result').length > 0,
    WORD,
  );
  const titles = await page.locator('#results .result .result-title').allTextContents();
  assert.ok(titles.length > 0, 'results for the word');

  const { keys, requests } = await page.evaluate(() => ({
    keys: window.keyTimes,
    requests: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/index/'))
      .map((e) => ({ name: e.name.split('/index/')[1], start: e.startTime })),
  }));
  assert.equal(keys.length, WORD.length, 'one input event per letter');
  const last = keys[keys.length - 1];
  const timeline = () =>
    `keys at ${keys.map((k) => Math.round(k - keys[0])).join(', ')} ms; index requests at ` +
    requests.map((r) => `${r.name} ${Math.round(r.start - keys[0])}`).join(', ');
  const during = requests.filter((r) => r.start >= keys[0] && r.start < last);
  for (const r of during) {
    const previousKey = Math.max(...keys.filter((k) => k <= r.start));
    assert.ok(
      r.start - previousKey >= PAUSE_MS - 5,
      `${r.name} was requested ${Math.round(r.start - previousKey)} ms after a keystroke, while typing went on (${timeline()})`,
    );
  }
  // The word's files come after the first pause: after the last key, or
  // after a stall mid-word on a busy machine (checked above), when the
  // prefix typed so far needs the same files and the last key needs none.
  const typing = requests.filter((r) => r.start >= keys[0]);
  assert.ok(typing.length > 0, `the word needed index files (${timeline()})`);
  assert.ok(typing.length <= 40, `${typing.length} index requests for the word (${timeline()})`);
  const forWord = requests.filter((r) => r.start >= last);
  if (forWord.length > 0) {
    const firstForWord = Math.min(...forWord.map((r) => r.start));
    assert.ok(firstForWord - last >= PAUSE_MS - 5, `the word's fetch waited for the pause (${timeline()})`);
  }
});

test('a visitor who stops typing mid-word gets results for what is typed', async () => {
  const page = await site.openPage('', { serviceWorkers: 'block' });
  await waitForReader(page);
  await page.locator('input#search').focus();
  await page.keyboard.type('photog', { delay: 25 });
  await page.waitForFunction(
    () => document.querySelector('#result-count')?.dataset.query === 'photog' && document.querySelectorAll('#results .result').length > 0,
  );
  const count = await page.locator('#result-count').textContent();
  assert.match(count, /\d/, `a count for the prefix: ${count}`);
});
