// "Download results" exports the whole current result list (not just the
// first page) as CSV and JSON, with the view that produced it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useSite } from './support/harness.mjs';

const site = useSite();

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

test('CSV and JSON hold every result with its metadata and permalink', async () => {
  const page = await site.openPage('#q=mexico', { acceptDownloads: true });
  await page.locator('#results .result').first().waitFor();
  const shownTitles = (await page.locator('#results .result-title').allTextContents()).map((t) => t.trim());
  const total = Number((await page.locator('#result-count').textContent()).match(/\d+/)[0]);

  const csv = await download(page, 'button.download-csv');
  assert.equal(csv.name, 'results-mexico.csv');
  // Excel reads a CSV without a byte-order mark in the legacy code page.
  assert.ok(csv.text.startsWith('\uFEFF'), 'the CSV opens with a byte-order mark');
  const lines = csv.text.slice(1).trim().split('\r\n');
  assert.equal(lines[0], 'rank,id,title,date,type,source,speakers,source_file,line_start,line_end,url,score,snippet');
  assert.equal(lines.length, total + 1, 'one row per result');
  assert.ok(lines[1].includes('#doc='), 'rows carry permalinks');

  const json = await download(page, 'button.download-json');
  assert.equal(json.name, 'results-mexico.json');
  const data = JSON.parse(json.text);
  assert.equal(data.query, 'mexico');
  assert.equal(data.results.length, total);
  assert.deepEqual(data.results.slice(0, shownTitles.length).map((r) => r.title), shownTitles, 'same order as on screen');
  for (const r of data.results) {
    assert.ok(r.id && r.source_file && r.line_start >= 1 && r.line_end >= r.line_start, JSON.stringify(r));
    assert.ok(r.score > 0, `a ranked result carries its score: ${JSON.stringify(r)}`);
  }
  assert.ok(data.results.some((r) => /mexic/i.test(r.snippet)), 'snippets show the matched passage');
});

test('the JSON records the view: filters, sort, date range and a link that reopens it', async () => {
  const page = await site.openPage('#q=mexico&type=interview&sort=newest', { acceptDownloads: true });
  await page.locator('#results .result').first().waitFor();
  const json = await download(page, 'button.download-json');
  const data = JSON.parse(json.text);
  assert.equal(data.query, 'mexico');
  assert.deepEqual(data.filters, { type: ['interview'] });
  assert.equal(data.sort, 'newest');
  assert.equal(data.date_from, null);
  const link = new URL(data.url);
  const params = new URLSearchParams(link.hash.slice(1));
  assert.equal(params.get('q'), 'mexico');
  assert.equal(params.get('type'), 'interview');
  assert.equal(params.get('sort'), 'newest');
  assert.ok(data.results.length >= 1);
  const csv = await download(page, 'button.download-csv');
  assert.equal(csv.text.slice(1).trim().split('\r\n').length, data.results.length + 1, 'the CSV holds the same filtered list');
});
