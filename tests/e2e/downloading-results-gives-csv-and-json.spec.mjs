// "Download results" exports the whole current result list (not just the
// first page) as CSV and JSON.

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
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], 'rank,id,title,date,type,source,speakers,source_file,line_start,line_end,url');
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
  }
});
